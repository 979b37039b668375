"""docs/interface.md, the project's own contract: its examples validate and it names
every ID, field and code the code has, so it cannot quietly fall behind."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import rollcoach
from rollcoach.cli.catalogue import rules_json
from rollcoach.history.importing import ImportReport
from rollcoach.knowledge import load_knowledge
from rollcoach.models import PlanRequest, PlanResponse, WeekRequest, WeekResponse
from rollcoach.models.plan_request import Athlete, BoneStressScreen, Injury, RunDone
from rollcoach.models.plan_response import Exclusion, Step, Stretch, TimedCue
from rollcoach.models.week import Day, Load, WeekPlanned, WeekRun
from rollcoach.vocabulary import (
    CONDITIONS,
    LEVELS,
    NEVER_AREAS,
    POSITIONS,
    PRESSURES,
    RUN_TYPES,
    SYMPTOMS,
    TARGET_AREAS,
    TOOLS,
)

DOC = Path(__file__).resolve().parents[1] / "docs" / "interface.md"
TEXT = DOC.read_text(encoding="utf-8")
EXAMPLE = re.compile(r"<!-- example: ([a-z-]+) -->\n```json\n(.*?)\n```", re.S)
EXAMPLES: dict[str, Any] = {name: json.loads(body) for name, body in EXAMPLE.findall(TEXT)}
PROSE = re.sub(r"```.*?```", "", TEXT, flags=re.S)
# What the page names: `code` spans, and the "keys" of JSON shapes inside them or in examples.
NAMED = set(re.findall(r"`([^`\n]+)`", PROSE)) | set(re.findall(r'"([a-z_-]+)"', TEXT))


def test_every_example_is_json_and_each_has_its_own_name() -> None:
    assert len(EXAMPLES) == len(EXAMPLE.findall(TEXT)) == 9


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("plan-request", PlanRequest),
        ("plan-response", PlanResponse),
        ("refused-plan", PlanResponse),
        ("week-request", WeekRequest),
        ("week-response", WeekResponse),
    ],
)
def test_the_engine_examples_validate(name: str, model: type[BaseModel]) -> None:
    model.model_validate(EXAMPLES[name])


def _keys(example: dict[str, Any], answer: dict[str, Any]) -> None:
    """Every key of the example is in the answer (fields are only ever added)."""
    assert set(example) <= set(answer), set(example) - set(answer)


def test_the_engine_answers_the_examples_with_their_keys() -> None:
    plan = rollcoach.plan(EXAMPLES["plan-request"]).model_dump(mode="json")
    shown = EXAMPLES["plan-response"]
    _keys(shown, plan)
    _keys(shown["steps"][0], plan["steps"][0])
    _keys(shown["stretches"][0], plan["stretches"][0])
    assert (plan["total_seconds"], plan["session_seconds"]) == (
        shown["total_seconds"],
        shown["session_seconds"],
    )
    assert {(x["area"], tuple(x["rules"])) for x in shown["excluded"]} <= {
        (x["area"], tuple(x["rules"])) for x in plan["excluded"]
    }
    week = rollcoach.week(EXAMPLES["week-request"]).model_dump(mode="json")
    _keys(EXAMPLES["week-response"], week)
    _keys(EXAMPLES["week-response"]["days"][0], week["days"][0])
    assert [w["code"] for w in week["warnings"]] == [
        w["code"] for w in EXAMPLES["week-response"]["warnings"]
    ]


def test_the_data_examples_have_the_shapes_the_code_prints() -> None:
    assert set(EXAMPLES["rules"][0]) == set(rules_json(load_knowledge())[0])
    assert set(EXAMPLES["import-report"]) == set(ImportReport().as_json())


@pytest.mark.parametrize(
    "ids",
    [TARGET_AREAS, NEVER_AREAS, TOOLS, CONDITIONS, SYMPTOMS, RUN_TYPES, POSITIONS, PRESSURES],
)
def test_every_id_is_named(ids: tuple[str, ...]) -> None:
    assert set(ids) | set(LEVELS) <= NAMED, sorted(set(ids) - NAMED)


@pytest.mark.parametrize(
    "model",
    [
        PlanRequest,
        Athlete,
        BoneStressScreen,
        Injury,
        RunDone,
        PlanResponse,
        Step,
        TimedCue,
        Stretch,
        Exclusion,
        WeekRequest,
        WeekRun,
        WeekPlanned,
        WeekResponse,
        Day,
        Load,
    ],
)
def test_every_field_is_named(model: type[BaseModel]) -> None:
    missing = sorted(set(model.model_fields) - NAMED)
    assert not missing, f"{model.__name__}: {missing} not in docs/interface.md"


def test_every_warning_and_refusal_code_is_named() -> None:
    k = load_knowledge()
    week_codes = {key.removesuffix("-race") for key in k.week.warnings}
    refusal_codes = (set(k.messages.refusals) - {"symptom"}) | set(SYMPTOMS)
    codes = set(k.messages.warnings) | week_codes | refusal_codes
    assert codes <= NAMED, sorted(codes - NAMED)
