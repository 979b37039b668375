"""What the plan leaves out and why: protected tissue, never-rolled sites, no tool, SAFE-11.

Each exclusion cites its rule; protected tissue names the site that protects it
and, for an injury, the honest hours left (SAFE-5).
"""

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_request import PlanRequest
from rollcoach.models.plan_response import Exclusion
from rollcoach.planning.selection import never_exclusion
from rollcoach.planning.words import site_fill
from rollcoach.safety import Guard, Protection
from rollcoach.vocabulary import Side

MESSAGE = {  # (rule, the protected muscle is the site itself) -> messages.yaml key
    ("SAFE-5", True): "acute",
    ("SAFE-5", False): "acute-near",
    ("SAFE-12", True): "pain",
    ("SAFE-12", False): "pain-near",
    ("SAFE-4", True): "screen-first",
    ("SAFE-4", False): "screen-first",
}


def _guarded(k: Knowledge, area: str, side: Side, guard: Guard) -> Exclusion:
    text = k.messages.exclusions[MESSAGE[(guard.rule, guard.site == area)]]
    fill = site_fill(k, guard.site, "site")
    return Exclusion(
        area=area,
        side=side,
        reason=text.format(hours=guard.hours_left, **fill),
        rules=(guard.rule,),
        hours_left=guard.hours_left,
    )


def protected(k: Knowledge, guard: Protection) -> list[Exclusion]:
    """One line per protected muscle, or per side when the sides differ."""
    out = []
    areas = dict.fromkeys(area for area, _ in guard.guards)
    for area in areas:
        left, right = guard.guards.get((area, "left")), guard.guards.get((area, "right"))
        if left is not None and left == right:
            out.append(_guarded(k, area, "both", left))
            continue
        by_side: tuple[tuple[Side, Guard | None], ...] = (("left", left), ("right", right))
        out += [_guarded(k, area, side, g) for side, g in by_side if g]
    return out


def injured_never_sites(req: PlanRequest, k: Knowledge) -> list[str]:
    """Never-rolled sites injured or painful now: excluded by their AREA rule, no hours."""
    sites = [i.area for i in req.injuries] + [s for s, n in req.pain.items() if n.worst > 0]
    return [site for site in dict.fromkeys(sites) if site in k.never_areas]


def no_tool(k: Knowledge, area: str, stretched: bool) -> Exclusion:
    """TOOL-6: no owned tool reaches it; TOOL-8: stretched instead when it was needed."""
    tools = k.tools_reaching(area)
    names = " or ".join(k.tools[t].name.lower() for t in tools)
    key = "no-tool-stretch" if stretched else "no-tool"
    rules = ["TOOL-6", *(["TOOL-8", *k.areas[area].no_tool_rules] if stretched else [])]
    return Exclusion(
        area=area,
        reason=k.messages.exclusions[key].format(tools=names),
        rules=tuple(dict.fromkeys(rules)),
        tools=tuple(tools),
    )


def repeated_pain(k: Knowledge, site: str) -> Exclusion:
    entry = k.messages.warnings["repeated-pain"]
    return Exclusion(area=site, reason=entry.message, rules=entry.rules)


def all_exclusions(
    req: PlanRequest,
    k: Knowledge,
    never: list[Exclusion],
    guard: Protection,
    repeated: list[str],
    unreached: list[tuple[str, bool]],
) -> list[Exclusion]:
    """Everything left out, most serious first, each (area, side, rules) once."""
    listed = [
        *protected(k, guard),
        *never,
        *(never_exclusion(k, s) for s in injured_never_sites(req, k)),
        *(repeated_pain(k, s) for s in repeated),
        *(no_tool(k, area, stretched) for area, stretched in unreached),
    ]
    seen: set[tuple[str, str | None, tuple[str, ...]]] = set()
    out = []
    for item in listed:
        key = (item.area, item.side, item.rules)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
