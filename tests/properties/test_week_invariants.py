"""Invariants of the week over any valid request with planned runs (REST-5..8, issue 9).

Its own strategy, kept here: the shared strategies module belongs to the plan's tests.
"""

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import rollcoach
from rollcoach.models import WeekResponse
from rollcoach.vocabulary import RUN_TYPES

EXAMPLES = settings(max_examples=500, deadline=None)
HISTORY_DAYS = 56  # week.yaml history_days: runs older than this say nothing
DAYS = 7

lengths = st.one_of(
    st.sampled_from([5, 30, 60, 90, 91, 120, 150, 185, 240]),
    st.floats(min_value=1, max_value=400, allow_nan=False),
)
distances = st.one_of(st.none(), st.sampled_from([5, 10, 21.1, 30, 42.195]), st.floats(1, 100))
run_types = st.sampled_from(RUN_TYPES)


def counts(most: int) -> st.SearchStrategy[int]:
    """None half the time, so weeks with no runs or no plans are common."""
    return st.one_of(st.just(0), st.integers(1, most))


@st.composite
def week_requests(draw: st.DrawFn) -> tuple[date, dict[str, Any]]:
    """A week request: up to 30 runs of the last 70 (or 120) days, up to 8 planned runs."""
    today = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 1)))
    back = draw(st.sampled_from([0, 0, 0, 50]))  # sometimes every run is past the history
    runs = [
        {
            "date": (today - timedelta(days=back + draw(st.integers(0, 70)))).isoformat(),
            "minutes": draw(lengths),
            "km": draw(distances),
            "type": draw(run_types),
        }
        for _ in range(draw(counts(30)))
    ]
    planned = []
    for _ in range(draw(counts(8))):
        entry: dict[str, Any] = {
            "date": (today + timedelta(days=draw(st.integers(0, 13)))).isoformat(),
            "type": draw(run_types),
        }
        if draw(st.booleans()):
            entry["minutes"] = draw(lengths)
        if draw(st.booleans()):
            entry["km"] = draw(st.floats(1, 100))
        planned.append(entry)
    request: dict[str, Any] = {"today": today.isoformat(), "runs": runs, "planned": planned}
    if draw(st.booleans()):
        request["athlete"] = {"age": draw(st.integers(12, 90))}
    return today, request


def words(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def hard(week: WeekResponse, index: int) -> bool:
    day = week.days[index]
    return day.kind == "run" and not day.easy


@EXAMPLES
@given(week_requests())
def test_rest_6_a_plan_never_turns_a_day_recovery_needs_into_a_run_day(
    case: tuple[date, dict[str, Any]],
) -> None:
    today, request = case
    week = rollcoach.week(request)
    bare = rollcoach.week({**request, "planned": []})
    for with_plan, without in zip(week.days, bare.days, strict=True):
        if {"REST-2", "REST-3"} & set(without.rules):
            assert with_plan.kind in ("rest", "light"), (with_plan, without)
        if {"REST-2", "REST-3"} & set(with_plan.rules):
            assert with_plan.kind in ("rest", "light")
    flagged = "\n".join(w.message for w in week.warnings if w.code == "planned-on-rest-day")
    for entry in request["planned"]:
        offset = (date.fromisoformat(entry["date"]) - today).days
        if offset < DAYS and week.days[offset].kind in ("rest", "light"):
            assert f"on {words(week.days[offset].date)} falls on" in flagged


@EXAMPLES
@given(week_requests())
def test_rest_7_no_hard_running_in_the_three_days_after_a_load_warning(
    case: tuple[date, dict[str, Any]],
) -> None:
    _, request = case
    week = rollcoach.week(request)
    if any(w.code in ("spike", "ratio") for w in week.warnings):
        assert not any(hard(week, i) for i in range(3)), week.days[:3]
    for warning in (w for w in week.warnings if w.code == "planned-spike"):
        (index,) = [
            i for i, d in enumerate(week.days) if f"on {words(d.date)} (" in warning.message
        ]
        assert not any(hard(week, i) for i in range(index + 1, min(index + 4, DAYS)))
    for day in week.days:
        assert not day.easy or day.kind == "run"


@EXAMPLES
@given(week_requests())
def test_rest_8_no_runs_warning_exactly_when_there_is_nothing_to_go_on(
    case: tuple[date, dict[str, Any]],
) -> None:
    today, request = case
    week = rollcoach.week(request)
    oldest = today - timedelta(days=HISTORY_DAYS - 1)
    recent = [r for r in request["runs"] if oldest <= date.fromisoformat(r["date"]) <= today]
    nothing = not recent and not request["planned"]
    assert ("no-runs" in [w.code for w in week.warnings]) is nothing
    for day in week.days:
        text = " ".join(day.why)
        if day.kind == "run" and "Planned:" not in text and "You ran today" not in text:
            assert "Free to run" in text


@EXAMPLES
@given(week_requests())
def test_the_same_week_request_gives_the_same_week(case: tuple[date, dict[str, Any]]) -> None:
    _, request = case
    first = rollcoach.week(request).model_dump(mode="json")
    assert rollcoach.week(request).model_dump(mode="json") == first
    assert len(first["days"]) == DAYS
    assert first["recovery_days"] == sum(d["kind"] in ("rest", "light") for d in first["days"])
