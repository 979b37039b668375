"""The profile page asks every question the plan request has, each with why it matters."""

from typing import get_args

from rollcoach.models.plan_request import BoneStressScreen
from rollcoach.vocabulary import Condition, Level
from rollcoach.web.questions import SCREEN_FIELDS, load_questions


def test_every_condition_and_level_has_words_and_a_why() -> None:
    questions = load_questions()
    assert set(questions.conditions) == set(get_args(Condition))
    assert set(questions.level.options) == set(get_args(Level))
    assert all(item.why.strip() for item in questions.conditions.values())


def test_every_bone_stress_question_is_asked() -> None:
    assert set(SCREEN_FIELDS) == set(BoneStressScreen.model_fields)
    assert all(item.why.strip() for _, item in load_questions().screen_items())
