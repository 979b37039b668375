"""The profile page's questions and why each matters: data, validated when first used."""

from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from rollcoach.vocabulary import Condition, Level


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Question(Strict):
    label: str
    why: str


class LevelQuestion(Question):
    options: dict[Level, str]


class Screen(Strict):
    intro: str
    bony_tenderness: Question
    prior_bone_stress: Question
    high_arch: Question
    volume_jump: Question
    hop_pain: Question


class Injuries(Strict):
    why: str


class Questions(Strict):
    age: Question
    level: LevelQuestion
    sedentary: Question
    conditions: dict[Condition, Question]
    screen: Screen
    tools: Question
    injuries: Injuries

    def screen_items(self) -> list[tuple[str, Question]]:
        return [(name, getattr(self.screen, name)) for name in SCREEN_FIELDS]


SCREEN_FIELDS = ("bony_tenderness", "prior_bone_stress", "high_arch", "volume_jump", "hop_pain")


@cache
def load_questions() -> Questions:
    text = (resources.files("rollcoach.web") / "questions.yaml").read_text(encoding="utf-8")
    return Questions.model_validate(yaml.safe_load(text))
