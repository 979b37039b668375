"""Properties every plan and every week must have, whatever the (valid) request.

Each property is checked on 2,000 generated requests (see ``strategies.py``). The
expectations are computed here from the request and the spec (spec/rules.md,
spec/interface.md). They do not come from engine helpers. An engine helper
with a bug would otherwise agree with itself.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from hypothesis import HealthCheck, given, settings

import rollcoach
from rollcoach.models import PlanRequest, PlanResponse, WeekRequest, WeekResponse
from tests.properties.strategies import (
    injuries_across_dst_changes,
    plan_requests,
    week_requests,
)
from tests.spec import NEVER_AREAS, TARGET_AREAS
from tests.spec import RULE_IDS as SPEC_RULE_IDS

EXAMPLES = settings(
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

RULE_IDS = set(SPEC_RULE_IDS)
RULE_PATTERN = re.compile(r"^[A-Z]+-[1-9][0-9]*$")

ACUTE = timedelta(hours=72)
CHECKIN_WINDOW = timedelta(days=14)
SCREEN_POINTS = {"bony_tenderness": 3, "prior_bone_stress": 2, "high_arch": 2, "volume_jump": 1}
HIGH_SCREEN = 3

# --- Reading the request, independently of the engine -----------------------------------------


def _value(raw: date | datetime | str) -> date | datetime:
    """A request's date or date-time, as given (ISO text or a Python object)."""
    if isinstance(raw, str):
        return datetime.fromisoformat(raw) if "T" in raw else date.fromisoformat(raw)
    return raw


def _start(raw: date | datetime | str, zone: tzinfo) -> datetime:
    """When something dated ``raw`` counts from: a date-time as is, a bare date from the
    end of that day (the next midnight) in ``now``'s zone."""
    value = _value(raw)
    if isinstance(value, datetime):
        return value
    return datetime.combine(value + timedelta(days=1), time(), tzinfo=zone)


def _age(raw: date | datetime | str, now: datetime) -> timedelta:
    """Real elapsed time from ``raw`` to ``now`` (both taken to UTC first)."""
    return now.astimezone(UTC) - _start(raw, now.tzinfo or UTC).astimezone(UTC)


class Planned:
    """A plan and the range in which the engine's "now" lies (one instant if given)."""

    def __init__(self, req: dict[str, Any]) -> None:
        before = datetime.now(UTC)
        self.resp = rollcoach.plan(req)
        after = datetime.now(UTC)
        given_now = req.get("now")
        if given_now is not None:
            now = _value(given_now)
            assert isinstance(now, datetime)
            self.earliest = self.latest = now
        else:
            self.earliest, self.latest = before, after

    def surely_acute(self, raw: date | datetime | str) -> bool:
        """Younger than 72 h at any moment the engine may have read (the latest is oldest)."""
        return _age(raw, self.latest) < ACUTE

    def surely_past(self, raw: date | datetime | str) -> bool:
        return _age(raw, self.earliest) >= ACUTE

    def surely_recent(self, raw: date | datetime | str) -> bool:
        """Within the last 14 days (and not in the future) whatever the engine's now."""
        return timedelta(0) <= _age(raw, self.earliest) and _age(raw, self.latest) <= CHECKIN_WINDOW


def _overlaps(injured: str, step: str) -> bool:
    """Does a step on ``step`` side touch an injury on ``injured`` side?"""
    return "both" in (injured, step) or injured == step


def _should_refuse(req: dict[str, Any]) -> bool:
    """SAFE-1..4, SAFE-6, SAFE-9: the request alone says whether the session is refused."""
    athlete = req.get("athlete", {})
    screen = athlete.get("screen", {})
    score = sum(points for item, points in SCREEN_POINTS.items() if screen.get(item, False))
    return (
        bool(athlete.get("conditions"))
        or bool(req.get("symptoms"))
        or any(injury.get("signs") for injury in req.get("injuries", []))
        or screen.get("hop_pain", False)
        or score >= HIGH_SCREEN
    )


def _assert_rules(rules: list[str], what: object) -> None:
    assert rules, f"{what} cites no rule"
    for rule in rules:
        assert RULE_PATTERN.match(rule), (rule, what)
        assert rule in RULE_IDS, (rule, what)


def _same_plan(first: PlanResponse, second: PlanResponse) -> bool:
    return first.model_dump(mode="json") == second.model_dump(mode="json")


# --- Plans ------------------------------------------------------------------------------------
# Related invariants share one test (and one batch of 2,000 requests) to keep the suite
# quick; Hypothesis still reports each distinct failing assertion on its own.


@EXAMPLES
@given(req=plan_requests())
def test_steps_roll_target_areas_with_owned_tools_and_safe_doses(req: dict[str, Any]) -> None:
    resp = rollcoach.plan(req)
    tools = set(req.get("tools", ["foam-roller"]))
    when = req.get("when", "post-run")
    level = req.get("athlete", {}).get("level", "beginner")
    minutes = req.get("minutes", 10)
    for order, step in enumerate(resp.steps, start=1):
        assert step.order == order
        assert step.area not in NEVER_AREAS, step  # AREA-1..5
        assert step.area in TARGET_AREAS, step
        assert step.tool in tools, (step.tool, tools)  # TOOL-6
        assert step.speed_cm_s == 2.5  # DOSE-1
        assert 0 <= step.hold_seconds <= step.seconds
        if when == "pre-run":  # TIME-3
            assert 20 <= step.seconds <= 30, step
            assert step.pressure == "gentle", step
            assert step.hold_seconds == 0, step
        else:  # DOSE-3
            assert 30 <= step.seconds <= 120, step
        if step.area == "hip-flexors":  # AREA-4, TOOL-7
            assert step.pressure == "gentle", step
            assert step.sensitive is True, step
            assert step.tool != "foam-roller", step
        if level == "beginner":  # DOSE-4
            assert step.pressure != "firm", step
    sides = [(step.area, step.side) for step in resp.steps]
    assert len(sides) == len(set(sides)), sides
    assert resp.total_seconds == sum(step.seconds for step in resp.steps)
    assert resp.total_seconds <= minutes * 60  # DOSE-7
    setup = sum(step.setup_seconds for step in resp.steps)
    assert resp.session_seconds == resp.total_seconds + setup <= minutes * 60  # DOSE-11
    if when == "pre-run":  # TIME-3: no static stretching, a dynamic warm-up to end on
        assert resp.stretches == []
        assert resp.status == "refused" or "warm-up" in {a.kind for a in resp.after}


@EXAMPLES
@given(req=plan_requests())
def test_refusals_follow_safe_rules_and_everything_cites_rules(req: dict[str, Any]) -> None:
    resp = rollcoach.plan(req)
    refused = resp.status == "refused"
    assert refused == (resp.refusal is not None)
    if resp.refusal is not None:
        assert resp.steps == []
        assert resp.total_seconds == 0
        assert resp.refusal.reasons
        assert resp.refusal.advice.strip()
    assert refused == _should_refuse(req), resp.refusal  # SAFE-1..4, 6, 9
    reasons = resp.refusal.reasons if resp.refusal is not None else []
    cited: list[Any] = [
        *resp.steps,
        *resp.stretches,
        *resp.excluded,
        *resp.warnings,
        *reasons,
        *resp.before,
        *resp.after,
    ]
    for item in cited:
        _assert_rules(item.rules, item)
    assert resp.stop_signs  # SAFE-8
    assert all(sign.strip() for sign in resp.stop_signs)


def _assert_acute_injuries_stay_out(req: dict[str, Any]) -> None:
    """SAFE-5: under 72 h (a bare date from the end of its day) the injured side stays out,
    and is listed in ``excluded`` with the hours still to go."""
    planned = Planned(req)
    resp = planned.resp
    acute = [i for i in req.get("injuries", []) if planned.surely_acute(i["date"])]
    for injury in acute:
        side = injury.get("side", "both")
        for step in resp.steps:
            assert not (step.area == injury["area"] and _overlaps(side, step.side)), (
                f"{step.area} {step.side} is rolled, but the {side} {injury['area']} injury "
                f"dated {injury['date']} is only {_age(injury['date'], planned.latest)} old"
            )
    if resp.status == "refused" or "now" not in req:
        return
    now = planned.latest
    hours = {
        math.ceil((ACUTE - _age(i["date"], now)).total_seconds() / 3600)
        for i in req.get("injuries", [])
        if _age(i["date"], now) < ACUTE
    }
    listed = [e for e in resp.excluded if "SAFE-5" in e.rules]
    assert {e.hours_left for e in listed} <= hours, "hours_left are an injury's own real hours"
    for injury in acute:
        if injury["area"] not in TARGET_AREAS:
            continue
        side = injury.get("side", "both")
        covering = [
            e for e in listed if e.area == injury["area"] and _overlaps(side, e.side or "both")
        ]
        assert covering, f"the acute {side} {injury['area']} injury is not listed"
        left = math.ceil((ACUTE - _age(injury["date"], now)).total_seconds() / 3600)
        assert max(e.hours_left or 0 for e in covering) >= left


@EXAMPLES
@given(req=plan_requests())
def test_no_step_rolls_an_acute_injury(req: dict[str, Any]) -> None:
    _assert_acute_injuries_stay_out(req)


@EXAMPLES
@given(req=injuries_across_dst_changes())
def test_acute_injuries_count_real_hours_across_daylight_saving_changes(
    req: dict[str, Any],
) -> None:
    """72 hours are 72 real hours, also when the clocks change in between."""
    _assert_acute_injuries_stay_out(req)


@EXAMPLES
@given(req=plan_requests())
def test_past_injuries_go_gently_and_repeated_pain_sites_stay_out(req: dict[str, Any]) -> None:
    planned = Planned(req)
    resp = planned.resp
    # SAFE-7: once 72 h have passed, an injured area goes gently, with a warning.
    for injury in req.get("injuries", []):
        if not planned.surely_past(injury["date"]):
            continue
        side = injury.get("side", "both")
        for step in resp.steps:
            if step.area == injury["area"] and _overlaps(side, step.side):
                assert step.pressure == "gentle", (
                    f"{step.area} {step.side} goes {step.pressure}, but the {side} "
                    f"{injury['area']} injury dated {injury['date']} is past (SAFE-7)"
                )
                assert any("SAFE-7" in w.rules for w in resp.warnings)
    # SAFE-11: pain on 3+ check-ins in 14 days, or a sharp-pain stop, with no clear
    # check-in for that site, keeps the site out of the plan.
    if resp.status == "refused":
        return
    checkins = req.get("checkins", [])
    cleared = {site for c in checkins for site, level in c["pain"].items() if level == 0}
    held_out = {stop["area"] for stop in req.get("sharp_pain_stops", [])} - cleared
    counts: dict[str, int] = {}
    for checkin in checkins:
        if planned.surely_recent(checkin["date"]):
            for site, level in checkin["pain"].items():
                if level > 0:
                    counts[site] = counts.get(site, 0) + 1
    held_out |= {site for site, n in counts.items() if n >= 3} - cleared
    assert not held_out & {step.area for step in resp.steps}
    for site in held_out:
        assert any(e.area == site and "SAFE-11" in e.rules for e in resp.excluded), site


@EXAMPLES
@given(req=plan_requests())
def test_plans_are_deterministic_and_round_trip_through_json(req: dict[str, Any]) -> None:
    first, second = rollcoach.plan(req), rollcoach.plan(req)
    from_model = rollcoach.plan(PlanRequest.model_validate(req))
    if "now" not in req and not _same_plan(first, from_model):
        # Without "now" the engine reads the clock, which may tick past an hour
        # boundary of an injury between two calls; once more, back to back.
        first, second = rollcoach.plan(req), rollcoach.plan(req)
        from_model = rollcoach.plan(PlanRequest.model_validate(req))
    assert first.model_dump(mode="json") == second.model_dump(mode="json")
    assert from_model.model_dump(mode="json") == first.model_dump(mode="json")
    assert PlanResponse.model_validate(first.model_dump(mode="json")) == first
    assert PlanResponse.model_validate_json(first.model_dump_json()) == first


# --- Weeks ------------------------------------------------------------------------------------


def _local_today() -> date:
    return datetime.now(UTC).astimezone().date()


@EXAMPLES
@given(req=week_requests())
def test_weeks_cover_seven_days_with_recovery_and_rolling_deterministically(
    req: dict[str, Any],
) -> None:
    before = _local_today()
    resp = rollcoach.week(req)
    after = _local_today()
    given_today = req.get("today")
    if given_today is not None:
        today = _value(given_today)
    else:
        today = resp.days[0].date
        assert today in (before, after)
    assert [d.date for d in resp.days] == [today + timedelta(days=i) for i in range(7)]
    kinds = [d.kind for d in resp.days]
    assert set(kinds) <= {"rest", "light", "run"}
    assert resp.recovery_days == sum(k in ("rest", "light") for k in kinds)
    assert resp.recovery_days >= 2  # REST-1
    assert 3 <= sum(d.roll for d in resp.days) <= 5  # TIME-5
    for day in resp.days:
        _assert_rules(day.rules, day)
        assert day.why
    for warning in resp.warnings:
        _assert_rules(warning.rules, warning)
    assert resp.load.acute >= 0
    assert resp.load.chronic >= 0
    assert resp.load.ratio is None or resp.load.ratio >= 0
    # Determinism, the model as input, and the JSON round trip.
    again = rollcoach.week(req)
    from_model = rollcoach.week(WeekRequest.model_validate(req))
    if "today" not in req and again.days[0].date != resp.days[0].date:
        # Midnight passed between the calls (the engine reads the local date).
        resp, again = rollcoach.week(req), rollcoach.week(req)
        from_model = rollcoach.week(WeekRequest.model_validate(req))
    assert again.model_dump(mode="json") == resp.model_dump(mode="json")
    assert from_model.model_dump(mode="json") == resp.model_dump(mode="json")
    assert WeekResponse.model_validate(resp.model_dump(mode="json")) == resp
    assert WeekResponse.model_validate_json(resp.model_dump_json()) == resp
