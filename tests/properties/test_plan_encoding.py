"""The fast plan JSON is byte for byte what pydantic writes, for any valid request."""

from __future__ import annotations

from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel

import rollcoach
from rollcoach.models import PlanResponse, encoding
from rollcoach.models.encoding import plan_json
from tests.properties.strategies import plan_requests


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_requests())
def test_plan_json_equals_pydantics_json(request: dict[str, Any]) -> None:
    plan = rollcoach.plan(request)
    assert plan_json(plan) == plan.model_dump_json().encode()
    assert plan_json(plan) == plan.model_dump_json().encode()  # again, from remembered items


def test_every_field_of_a_plan_is_written() -> None:
    """A field added to PlanResponse must be added to plan_json too."""
    plan = rollcoach.plan({"when": "post-run", "minutes": 10, "tools": ["foam-roller"]})
    assert PlanResponse.model_validate_json(plan_json(plan)) == plan


def test_a_new_item_at_a_reused_address_is_written_afresh() -> None:
    """The cache holds the item it wrote; an equal-id stranger is not given its bytes."""
    plan = rollcoach.plan({"when": "post-run", "minutes": 10, "tools": ["foam-roller"]})
    plan_json(plan)
    first = plan.steps[0]
    stranger = first.model_copy(update={"seconds": first.seconds + 1})
    encoding._written[id(stranger)] = (first, encoding._written[id(first)][1])
    changed = plan.model_copy(update={"steps": [stranger, *plan.steps[1:]]})
    assert plan_json(changed) == changed.model_dump_json().encode()


def test_an_item_that_can_change_is_not_remembered() -> None:
    """Only frozen items are written once; any other is written afresh every time."""

    class Note(BaseModel):
        text: str

    note = Note(text="first")
    assert orjson.dumps(encoding._written_once(note)) == b'{"text":"first"}'
    note.text = "second"
    assert orjson.dumps(encoding._written_once(note)) == b'{"text":"second"}'
