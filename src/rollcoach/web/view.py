"""Plan and week responses dressed for templates: names for IDs, clocks, rule grades."""

from dataclasses import dataclass
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
