"""``rules``, ``areas`` and ``tools``: the coach's vocabulary and rule catalogue."""

import json
from typing import Annotated, Any, get_args

import typer
from rich.console import Console
from rich.table import Table

from rollcoach.cli.errors import InputError
from rollcoach.cli.render_plan import LEVEL_STYLE
from rollcoach.knowledge import Knowledge, load_knowledge
from rollcoach.knowledge.schema import Family

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
NOT_YET_APPLIED = "not yet applied"  # a rule in the catalogue the coach does not apply yet


def rules_json(k: Knowledge) -> list[dict[str, Any]]:
    """The catalogue in the shape of spec/interface.md (``rollcoach rules --json``)."""
    return [
        {
            "id": r.id,
            "family": r.family,
            "text": r.text,
            "sources": list(r.sources),
            "decision": r.decision,
            "evidence": r.evidence.model_dump(mode="json"),
            "applied": r.applied,
        }
        for r in k.rules.values()
    ]


def areas_json(k: Knowledge) -> dict[str, Any]:
    return {
        "targets": [
            {**a.model_dump(mode="json"), "tools": k.tools_reaching(a.id)} for a in k.areas.values()
        ],
        "never": [n.model_dump(mode="json") for n in k.never_areas.values()],
    }


def tools_json(k: Knowledge) -> list[dict[str, Any]]:
    reach = {t: [a for a in k.areas if t in k.tools_reaching(a)] for t in k.tools}
    return [{**t.model_dump(mode="json"), "reaches": reach[t.id]} for t in k.tools.values()]


def _emit(data: object) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def rules(
    as_json: JsonFlag = False,
    family: Annotated[str | None, typer.Option(help="Only this family, e.g. SAFE.")] = None,
) -> None:
    """The rule catalogue: seed sources, research grade, and any rule not yet applied."""
    families = list(get_args(Family))
    if family is not None and family.upper() not in families:
        raise InputError(f"--family: must be one of {', '.join(families)}, got '{family}'")
    wanted = family.upper() if family else None
    data = [r for r in rules_json(load_knowledge()) if wanted in (None, r["family"])]
    if as_json:
        return _emit(data)
    table = Table(title="rollcoach rules", expand=True)
    for column in ("ID", "Rule", "Sources", "Evidence"):
        table.add_column(column, ratio=3 if column == "Rule" else 1)
    for r in data:
        level = r["evidence"]["level"]
        sources = ", ".join(r["sources"] + (["decision"] if r["decision"] else []))
        grade = f"[{LEVEL_STYLE[level]}]{level}[/]\n[dim]{r['evidence']['summary']}[/]"
        text = r["text"] if r["applied"] else f"[bold magenta]{NOT_YET_APPLIED}[/]\n{r['text']}"
        table.add_row(r["id"], text, sources, grade)
    Console().print(table)
    return None


def areas(as_json: JsonFlag = False) -> None:
    """Areas you can roll (with the tools that reach them) and areas never rolled."""
    data = areas_json(load_knowledge())
    if as_json:
        return _emit(data)
    table = Table(title="Areas", expand=True)
    for column in ("ID", "Name", "Tools / why never", "Instead"):
        table.add_column(column)
    for a in data["targets"]:
        table.add_row(a["id"], a["name"], ", ".join(a["tools"]), "")
    for n in data["never"]:
        table.add_row(
            f"[red]{n['id']}[/]", n["name"], f"{n['why']} ({n['rule']})", ", ".join(n["instead"])
        )
    Console().print(table)
    return None


def tools(as_json: JsonFlag = False) -> None:
    """Tools, what each reaches, and density advice."""
    data = tools_json(load_knowledge())
    if as_json:
        return _emit(data)
    table = Table(title="Tools", expand=True)
    for column in ("ID", "Best for", "Reaches", "Density"):
        table.add_column(column)
    for t in data:
        table.add_row(t["id"], t["best_for"], ", ".join(t["reaches"]), t["density"])
    Console().print(table)
    return None
