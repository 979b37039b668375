"""Load and cross-check the knowledge files once per process.

A broken file raises :class:`KnowledgeError` naming file, entry and field, so a
bad edit to the data can never reach a runner as a silently wrong plan.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from rollcoach.knowledge.config_schema import DoseData, MessagesData, WeekData
from rollcoach.knowledge.schema import (
    FocusData,
    NeverAreaInfo,
    Rule,
    SafetyData,
    SiteInfo,
    TargetAreaInfo,
    Technique,
    ToolInfo,
)
from rollcoach.vocabulary import NEVER_AREAS, PAIN_SITES, TARGET_AREAS, TOOLS

M = TypeVar("M", bound=BaseModel)


class KnowledgeError(ValueError):
    """A knowledge file is missing, malformed or inconsistent."""


@dataclass(frozen=True, eq=False)
class Knowledge:
    """Everything the engine knows, indexed for quick look-up.

    Compared and hashed by identity, so the planner can cache values derived
    from one loaded knowledge base (``functools.lru_cache``).
    """

    rules: dict[str, Rule]
    areas: dict[str, TargetAreaInfo]
    never_areas: dict[str, NeverAreaInfo]
    tools: dict[str, ToolInfo]
    techniques: dict[str, tuple[Technique, ...]]
    focus: FocusData
    dose: DoseData
    messages: MessagesData
    week: WeekData
    rule_rank: dict[str, int]
    sites: dict[str, SiteInfo]
    safety: SafetyData
    # Derived once at load, so the planner looks facts up instead of working them out:
    names: dict[str, tuple[str, bool]]  # every pain site: (name, plural)
    protects: dict[str, tuple[str, ...]]  # SAFE-5: pain site -> target areas it protects
    bone_stress: dict[str, tuple[str, ...]]  # SAFE-4: site -> muscles not rolled unscreened

    def tools_reaching(self, area: str) -> list[str]:
        """The tools that have a technique for ``area``, preferred first, once each."""
        return list(dict.fromkeys(t.tool for t in self.techniques.get(area, ())))


Reader = Callable[[str], Any]


def _read(folder: Traversable | Path, name: str) -> Any:
    path = folder / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{name}: cannot read: {exc}") from exc


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "(entry)"
    return f"field {field}: {first['msg']}"


def _entries(
    read: Reader, name: str, key: str, model: type[M], label: Callable[[Any], str]
) -> list[M]:
    raw = read(name)
    if not isinstance(raw, dict) or not isinstance(raw.get(key), list):
        raise KnowledgeError(f"{name}: expected a list under '{key}'")
    out = []
    for index, item in enumerate(raw[key]):
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            entry = label(item) if isinstance(item, dict) else "?"
            raise KnowledgeError(f"{name}: entry {index} ({entry}): {_describe(exc)}") from exc
    return out


def _document(read: Reader, name: str, model: type[M]) -> M:
    try:
        return model.model_validate(read(name))
    except ValidationError as exc:
        raise KnowledgeError(f"{name}: {_describe(exc)}") from exc


def _by_id(name: str, items: Iterable[Any], expected: tuple[str, ...]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for item in items:
        if item.id in index:
            raise KnowledgeError(f"{name}: entry {item.id}: duplicate id")
        index[item.id] = item
    missing = sorted(set(expected) - set(index))
    if expected and missing:
        raise KnowledgeError(f"{name}: missing entries for {', '.join(missing)}")
    return index


def _techniques(items: list[Technique]) -> dict[str, tuple[Technique, ...]]:
    grouped: dict[str, list[Technique]] = {}
    for technique in items:
        same = grouped.setdefault(technique.area, [])
        if any((t.tool, t.variant) == (technique.tool, technique.variant) for t in same):
            raise KnowledgeError(
                f"techniques.yaml: entry {technique.area}/{technique.tool}: duplicate"
            )
        same.append(technique)
    missing = sorted(set(TARGET_AREAS) - set(grouped))
    if missing:
        raise KnowledgeError(f"techniques.yaml: no technique for {', '.join(missing)}")
    return {area: tuple(ts) for area, ts in grouped.items()}


def _cited_rules(k: Knowledge) -> Iterable[tuple[str, str]]:
    """Every (file, rule id) the data cites, for the catalogue cross-check."""
    for t in (t for ts in k.techniques.values() for t in ts):
        yield from (("techniques.yaml", r) for r in t.rules)
    yield from (("never_areas.yaml", n.rule) for n in k.never_areas.values())
    yield from (("tools.yaml", r) for t in k.tools.values() for r in t.rules)
    yield from (("focus.yaml", x.rule) for x in k.focus.links)
    yield from (("focus.yaml", x.rule) for x in k.focus.run_triggers)
    m = k.messages
    for group in (m.refusals, m.warnings, m.before, m.after):
        yield from (("messages.yaml", r) for x in group.values() for r in x.rules)
    yield from (("week.yaml", r) for x in k.week.warnings.values() for r in x.rules)


def _names(
    areas: dict[str, TargetAreaInfo], never: dict[str, NeverAreaInfo], sites: dict[str, SiteInfo]
) -> dict[str, tuple[str, bool]]:
    names = {i: (x.name, x.plural) for group in (areas, never, sites) for i, x in group.items()}
    missing = sorted(set(PAIN_SITES) - set(names))
    if missing:
        raise KnowledgeError(f"sites.yaml: no name for {', '.join(missing)}")
    return names


def _protects(areas: dict[str, TargetAreaInfo]) -> dict[str, tuple[str, ...]]:
    """SAFE-5: an injured site protects itself, what shares its tissue, and what crosses it."""
    table: dict[str, dict[str, None]] = {site: {} for site in PAIN_SITES}
    for area in areas.values():
        table[area.id][area.id] = None
        for other in area.shares:
            table[area.id][other] = None
            table[other][area.id] = None
        for site in area.over:
            table[site][area.id] = None
    return {site: tuple(sorted(found, key=TARGET_AREAS.index)) for site, found in table.items()}


def _check(k: Knowledge) -> Knowledge:
    for name, rule_id in _cited_rules(k):
        if rule_id not in k.rules:
            raise KnowledgeError(f"{name}: cites unknown rule {rule_id}")
    for advice in (r.advice for r in k.messages.refusals.values()):
        if advice not in k.messages.advice:
            raise KnowledgeError(f"messages.yaml: refusal advice '{advice}' is not defined")
    return k


def load_knowledge_from(folder: Traversable | Path) -> Knowledge:
    """Read, validate, index and cross-check every knowledge file in ``folder``."""
    read: Reader = partial(_read, folder)
    rules = _entries(read, "rules.yaml", "rules", Rule, lambda e: str(e.get("id")))
    areas = _entries(read, "areas.yaml", "areas", TargetAreaInfo, lambda e: str(e.get("id")))
    never = _entries(
        read, "never_areas.yaml", "never_areas", NeverAreaInfo, lambda e: str(e.get("id"))
    )
    tools = _entries(read, "tools.yaml", "tools", ToolInfo, lambda e: str(e.get("id")))
    techniques = _entries(
        read,
        "techniques.yaml",
        "techniques",
        Technique,
        lambda e: f"{e.get('area')}/{e.get('tool')}",
    )
    sites = _by_id(
        "sites.yaml",
        _entries(read, "sites.yaml", "sites", SiteInfo, lambda e: str(e.get("id"))),
        (),
    )
    safety = _document(read, "safety.yaml", SafetyData)
    area_index = _by_id("areas.yaml", areas, TARGET_AREAS)
    never_index = _by_id("never_areas.yaml", never, NEVER_AREAS)
    knowledge = Knowledge(
        rules=_by_id("rules.yaml", rules, ()),
        areas=area_index,
        never_areas=never_index,
        tools=_by_id("tools.yaml", tools, TOOLS),
        techniques=_techniques(techniques),
        focus=_document(read, "focus.yaml", FocusData),
        dose=_document(read, "dose.yaml", DoseData),
        messages=_document(read, "messages.yaml", MessagesData),
        week=_document(read, "week.yaml", WeekData),
        rule_rank={rule.id: i for i, rule in enumerate(rules)},
        sites=sites,
        safety=safety,
        names=_names(area_index, never_index, sites),
        protects=_protects(area_index),
        bone_stress={b.site: tuple(b.muscles) for b in safety.bone_stress_sites},
    )
    return _check(knowledge)


def data_folder() -> Traversable:
    """The knowledge files shipped inside the package."""
    return resources.files("rollcoach.knowledge") / "data"


@cache
def load_knowledge() -> Knowledge:
    """The package's knowledge, loaded once per process."""
    return load_knowledge_from(data_folder())
