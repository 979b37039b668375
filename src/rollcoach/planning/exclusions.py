"""What the plan leaves out and why: protected tissue, never-rolled sites, no tool, SAFE-11.

Each exclusion cites its rule; protected tissue names the site that protects it
and, for an injury, the honest hours left (SAFE-5).
"""

from rollcoach.knowledge import Knowledge
from rollcoach.models.plan_response import Exclusion
from rollcoach.planning.words import site_fill
from rollcoach.safety import Guard, Protection
from rollcoach.vocabulary import Side

PREFIX = {"SAFE-5": "acute", "SAFE-12": "pain", "SAFE-4": "screen-first"}


def _message_key(k: Knowledge, area: str, guard: Guard) -> str:
    """The site itself, tissue it shares, or a joint or site it crosses (areas.yaml)."""
    prefix = PREFIX[guard.rule]
    if guard.rule == "SAFE-4" or guard.site == area:
        return prefix
    info = k.areas[area]
    shares = guard.site in info.shares or area in getattr(k.areas.get(guard.site), "shares", ())
    return f"{prefix}-shares" if shares else f"{prefix}-crosses"


def _guarded(k: Knowledge, area: str, side: Side, guard: Guard) -> Exclusion:
    text = k.messages.exclusions[_message_key(k, area, guard)]
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


def hurt_never_sites(k: Knowledge, guard: Protection) -> list[Exclusion]:
    """Never-rolled sites injured or painful now: excluded by their AREA rule, no hours,
    without the usual "roll the muscles around it instead", which are resting too."""
    sites = dict.fromkeys(site for site, _ in sorted(guard.hurt) if site in k.never_areas)
    text = k.messages.exclusions["never-hurt"]
    return [Exclusion(area=site, reason=text, rules=(k.never_areas[site].rule,)) for site in sites]


def no_tool(k: Knowledge, area: str, stretched: bool) -> Exclusion:
    """TOOL-6: no owned tool reaches it; TOOL-8: stretched instead when it was needed."""
    tools = k.tools_reaching(area)
    names = _either([k.tools[t].name.lower() for t in tools])
    key = "no-tool-stretch" if stretched else "no-tool"
    rules = ["TOOL-6", *(["TOOL-8", *k.areas[area].no_tool_rules] if stretched else [])]
    return Exclusion(
        area=area,
        reason=k.messages.exclusions[key].format(tools=names),
        rules=tuple(dict.fromkeys(rules)),
        tools=tuple(tools),
    )


def _either(names: list[str]) -> str:
    """ "a hip hook, a hip release ball or a massage ball" (the message adds the first "a")."""
    if len(names) < 2:
        return "".join(names)
    return ", a ".join(names[:-1]) + " or a " + names[-1]


def leans_on_hurt(k: Knowledge, area: str, sites: list[str], guard: Protection) -> Exclusion:
    """SAFE-5 (an injury, with its hours) or SAFE-12 (pain now): every way the athlete's
    tools reach it leans on a site that hurts."""
    hours = [guard.acute_hours[s] for s in sites if s in guard.acute_hours]
    return Exclusion(
        area=area,
        reason=k.messages.exclusions["leans"],
        rules=("SAFE-5",) if hours else ("SAFE-12",),
        hours_left=max(hours) if hours else None,
    )


def repeated_pain(k: Knowledge, site: str) -> Exclusion:
    entry = k.messages.warnings["repeated-pain"]
    return Exclusion(area=site, reason=entry.message, rules=entry.rules)


def all_exclusions(
    k: Knowledge,
    never: list[Exclusion],
    guard: Protection,
    repeated: list[str],
    unreached: list[tuple[str, bool]],
    leans: list[tuple[str, list[str]]],
) -> list[Exclusion]:
    """Everything left out, most serious first, each (area, side, rules) once."""
    listed = [
        *protected(k, guard),
        *hurt_never_sites(k, guard),
        *never,
        *(repeated_pain(k, s) for s in repeated),
        *(leans_on_hurt(k, area, sites, guard) for area, sites in leans),
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
