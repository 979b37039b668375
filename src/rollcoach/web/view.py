"""Plan and week responses dressed for templates: names for IDs, clocks, rule grades."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from rollcoach.knowledge import load_knowledge
from rollcoach.knowledge.schema import Rule
from rollcoach.models import PlanResponse

SIDE_WORDS = {"left": "left side", "right": "right side", "both": "both sides"}
POSITION_WORDS = {
    "seated": "sitting",
    "face-down": "face down",
    "side-lying": "on your side",
    "on-back": "on your back",
    "standing": "standing",
    "kneeling": "kneeling",
}
GRADE_WORDS = {
    "supported": "research agrees",
    "refined": "research agrees in direction, with other numbers",
    "precaution": "no study either way; kept to be careful",
    "contested": "research points the other way; kept as the articles' default",
}


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


UNKNOWN = "\N{EN DASH}"  # a value the watch did not record


def duration(minutes: float | None) -> str:
    """Minutes as a runner reads them: "45 min", "1:36 h"; a dash when unknown."""
    if minutes is None:
        return UNKNOWN
    whole = round(minutes)
    return f"{whole} min" if whole < 60 else f"{whole // 60}:{whole % 60:02d} h"


def distance(km: float | None) -> str:
    """ "17.5 km" (one decimal, as watches show it); a dash when unknown."""
    return UNKNOWN if km is None else f"{km:.1f} km"


def day_words(day: date | datetime | str) -> str:
    """One date style everywhere: "Sun 29 Nov" (the year when it is not this year's)."""
    value = date.fromisoformat(day[:10]) if isinstance(day, str) else day
    shown = f"{value:%a} {value.day} {value:%b}"
    this_year = datetime.now().astimezone().year
    return shown if value.year == this_year else f"{shown} {value.year}"


def area_name(area: str) -> str:
    """The plain name of any area or pain site ID."""
    named = load_knowledge().names.get(area)
    return named[0] if named else area.replace("-", " ").capitalize()


@dataclass(frozen=True)
class PlanView:
    plan: PlanResponse
    rules: dict[str, Rule]
    highlight: list[str]

    def cited(self) -> list[Rule]:
        """Every rule the plan cites, in catalogue order (the evidence panel)."""
        ids: set[str] = set()
        for group in (
            self.plan.steps,
            self.plan.stretches,
            self.plan.excluded,
            self.plan.warnings,
            self.plan.before,
            self.plan.after,
        ):
            for item in group:
                ids.update(item.rules)
        if self.plan.refusal is not None:
            for reason in self.plan.refusal.reasons:
                ids.update(reason.rules)
        return [rule for rule_id, rule in self.rules.items() if rule_id in ids]


def plan_view(plan: PlanResponse) -> PlanView:
    highlight = list(dict.fromkeys(step.area for step in plan.steps))
    return PlanView(plan, load_knowledge().rules, highlight)


def template_globals() -> dict[str, Any]:
    return {
        "clock": clock,
        "area_name": area_name,
        "side_words": SIDE_WORDS,
        "position_words": POSITION_WORDS,
        "grade_words": GRADE_WORDS,
    }
