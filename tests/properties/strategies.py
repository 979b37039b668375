"""Hypothesis strategies for valid plan and week requests (spec/interface.md).

The vocabulary is copied from the spec, not imported from the engine, so a
drift between the two shows up as a validation error in the property tests.

Requests are built as plain dicts, the way a caller of ``rollcoach.plan`` /
``rollcoach.week`` writes them. Dates and date-times come as Python objects or
as ISO strings. Refusal triggers (conditions, symptoms, injury signs, the
bone-stress screen) are drawn rarely, so most examples reach the planner.

``now`` is drawn from three kinds of zone: UTC, fixed offsets and IANA zones
(``zoneinfo``). Some examples are placed near a daylight-saving change, with
injuries close to the 72-hour line, because that is where time arithmetic
goes wrong.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from tests.spec import (
    CONDITIONS,
    LEVELS,
    PAIN_SITES,
    RUN_TYPES,
    SCREEN_ITEMS,
    SIDES,
    SIGNS,
    SYMPTOMS,
    TARGET_AREAS,
    TOOLS,
    WHENS,
)

# Injury ages near SAFE-5's line are where mistakes hide.
ACUTE_SECONDS = 72 * 3600
DAY = 86400

# --- Small helpers -----------------------------------------------------------------------
# Strategies are built once, here, and only drawn from inside the composites below:
# building a strategy on every draw costs more than the whole plan.

BOOL = st.booleans()


def _one_in(n: int) -> st.SearchStrategy[bool]:
    """True about once in ``n`` draws."""
    return st.integers(1, n).map(lambda k: k == n)


ONE_IN = {n: _one_in(n) for n in (4, 10, 15)}


def rarely(draw: st.DrawFn, strategy: st.SearchStrategy[Any], otherwise: Any, one_in: int) -> Any:
    """A draw from ``strategy`` about once in ``one_in`` times, else ``otherwise``."""
    return draw(strategy) if draw(ONE_IN[one_in]) else otherwise


def maybe_text(draw: st.DrawFn, value: date | datetime) -> date | datetime | str:
    """The value as a Python object or as its ISO string (both are valid input)."""
    return value.isoformat() if draw(BOOL) else value


def optional_fields(draw: st.DrawFn, fields: dict[str, st.SearchStrategy[Any]]) -> dict[str, Any]:
    """Each field present or left out, independently."""
    return {key: draw(value) for key, value in fields.items() if draw(BOOL)}


# --- Time zones and moments ----------------------------------------------------------------

# Zones with daylight saving, including half-hour shifts (Lord Howe) and changes at
# midnight (Santiago, Havana), where "the next midnight" may not exist.
DST_ZONES = (
    "America/New_York",
    "Europe/Berlin",
    "Europe/London",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "America/Santiago",
    "America/Havana",
    "Pacific/Chatham",
)
DST_YEARS = range(2025, 2029)


def dst_changes(name: str) -> list[datetime]:
    """The UTC instants (to the minute) at which ``name``'s UTC offset changes."""
    zone = ZoneInfo(name)
    found = []
    step = timedelta(hours=6)
    moment = datetime(DST_YEARS.start, 1, 1, tzinfo=UTC)
    end = datetime(DST_YEARS.stop, 1, 1, tzinfo=UTC)
    while moment < end:
        nxt = moment + step
        if moment.astimezone(zone).utcoffset() != nxt.astimezone(zone).utcoffset():
            low, high = moment, nxt
            while high - low > timedelta(minutes=1):
                mid = low + (high - low) / 2
                if mid.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
                    low = mid
                else:
                    high = mid
            found.append(high)
        moment = nxt
    return found


fixed_offsets: st.SearchStrategy[tzinfo] = st.integers(-14 * 4, 14 * 4).map(
    lambda quarters: timezone(timedelta(minutes=15 * quarters))
)
zones: st.SearchStrategy[tzinfo] = st.one_of(
    st.just(UTC),
    fixed_offsets,
    st.sampled_from(DST_ZONES).map(ZoneInfo),
    st.timezones(),
)
dst_changes_anywhere = st.sampled_from(
    [(ZoneInfo(name), change) for name in DST_ZONES for change in dst_changes(name)]
)
days_after_change = st.integers(-1, 5)
# Often close to local midnight, where a bare injury date's 72 hours run out.
time_of_day = st.one_of(
    st.integers(0, 2 * 3600), st.integers(22 * 3600, DAY - 1), st.integers(0, DAY - 1)
)


@st.composite
def near_dst_change(draw: st.DrawFn) -> datetime:
    """A local moment in a DST zone, from a day before to 5 days after an offset change."""
    zone, change = draw(dst_changes_anywhere)
    day = change.astimezone(zone).date() + timedelta(days=draw(days_after_change))
    wall = datetime.combine(day, time()) + timedelta(seconds=draw(time_of_day))
    return wall.replace(tzinfo=zone)


aware_datetimes: st.SearchStrategy[datetime] = st.one_of(
    st.datetimes(
        min_value=datetime(2000, 1, 1),  # noqa: DTZ001 - bounds of an aware strategy
        max_value=datetime(2099, 12, 31),  # noqa: DTZ001
        timezones=zones,
    ),
    near_dst_change(),
)

# 3 and 4 days back put a bare date's 72 h mark near now (Hypothesis favours the ends
# of a list, so the list has just those two).
day_offsets = st.one_of(st.integers(-20, 20), st.sampled_from([-4, -3]))
second_offsets = st.one_of(
    st.integers(-20 * DAY, 20 * DAY),
    st.integers(-ACUTE_SECONDS - 7200, -ACUTE_SECONDS + 7200),  # about 72 h ago
)
same_zone_or_another = st.one_of(st.none(), zones)  # None: the zone of ``now``


def moment_near(draw: st.DrawFn, now: datetime, past: bool = False) -> date | datetime | str:
    """A bare date or an aware date-time within 20 days of ``now`` (either side, or only
    before it when ``past``), often just around 72 hours before it."""
    if draw(BOOL):
        days = draw(day_offsets)
        return maybe_text(draw, now.date() + timedelta(days=min(days, 0) if past else days))
    zone = draw(same_zone_or_another) or now.tzinfo
    seconds = draw(second_offsets)
    seconds = min(seconds, 0) if past else seconds
    moment = (now.astimezone(UTC) + timedelta(seconds=seconds)).astimezone(zone)
    return maybe_text(draw, moment)


# --- Plan request parts ----------------------------------------------------------------------

minutes_strategy: st.SearchStrategy[float] = st.one_of(
    st.integers(1, 180),
    st.floats(min_value=0, max_value=180, exclude_min=True, allow_nan=False),
    st.sampled_from([0.1, 0.25, 0.5, 0.75, 1, 1.5, 5, 7.5, 10, 30, 30.5, 60, 120, 179.99, 180]),
)
pain_levels = st.integers(0, 10)
sites = st.one_of(
    st.sampled_from(["calves", "hamstrings", "quadriceps", "knee", "hip", "glutes"]),
    st.sampled_from(PAIN_SITES),
)
# A bare number is both sides; a side left out of a per-side level is 0.
side_levels = st.one_of(
    pain_levels,
    st.fixed_dictionaries({}, optional={"left": pain_levels, "right": pain_levels}),
)
soreness = st.dictionaries(sites, side_levels, max_size=8)
pain_now = st.dictionaries(sites, side_levels, max_size=3)
focus = st.lists(st.sampled_from(PAIN_SITES), max_size=5)
tool_lists = st.one_of(
    st.lists(st.sampled_from(TOOLS), max_size=8),  # duplicates and [] too
    st.tuples(st.permutations(TOOLS), st.integers(1, len(TOOLS))).map(lambda p: list(p[0][: p[1]])),
    st.just(list(TOOLS)),
)
conditions = st.lists(st.sampled_from(CONDITIONS), min_size=1, max_size=3)
symptoms = st.lists(st.sampled_from(SYMPTOMS), min_size=1, max_size=3)
signs = st.lists(st.sampled_from(SIGNS), min_size=1, max_size=2)
sides = st.sampled_from(SIDES)
small_counts = {n: st.integers(0, n) for n in (2, 4, 5)}


def _amount(biggest: int, upper: float) -> st.SearchStrategy[float | None]:
    return st.one_of(st.none(), st.integers(0, biggest), st.floats(0, upper))


athlete_fields: dict[str, st.SearchStrategy[Any]] = {
    "age": st.one_of(st.none(), st.integers(5, 110)),
    "level": st.sampled_from(LEVELS),
    "sedentary": BOOL,
}
run_fields: dict[str, st.SearchStrategy[Any]] = {
    "minutes": _amount(300, 1440),
    "km": _amount(60, 500),
    "climb_m": _amount(1500, 20000),
    "descent_m": _amount(1500, 20000),
    "type": st.sampled_from(RUN_TYPES),
}


def screen(draw: st.DrawFn) -> dict[str, bool | None]:
    """SAFE-4's screen: mostly all false, each item sometimes true, keys sometimes left out
    or null (unanswered), and often fully answered."""
    answered = draw(BOOL)
    out: dict[str, bool | None] = {}
    for item in SCREEN_ITEMS:
        if answered or draw(BOOL):
            out[item] = None if not answered and draw(ONE_IN[4]) else draw(ONE_IN[10])
    return out


def athlete(draw: st.DrawFn) -> dict[str, Any]:
    out = optional_fields(draw, athlete_fields)
    if draw(BOOL):
        out["conditions"] = rarely(draw, conditions, [], one_in=10)
    if draw(BOOL):
        out["screen"] = screen(draw)
    return out


def injury(draw: st.DrawFn, now: datetime) -> dict[str, Any]:
    out: dict[str, Any] = {"area": draw(sites), "date": moment_near(draw, now, past=True)}
    if draw(BOOL):
        out["side"] = draw(sides)
    if draw(BOOL):
        out["signs"] = rarely(draw, signs, [], one_in=15)
    return out


def checkin(draw: st.DrawFn, now: datetime) -> dict[str, Any]:
    pain = draw(st.dictionaries(sites, pain_levels, min_size=1, max_size=4))
    return {"date": moment_near(draw, now), "pain": pain}


def sharp_pain_stop(draw: st.DrawFn, now: datetime) -> dict[str, Any]:
    return {"date": moment_near(draw, now), "area": draw(sites)}


@st.composite
def plan_requests(draw: st.DrawFn) -> dict[str, Any]:
    """Any valid plan request: every field optional, every vocabulary value reachable.

    Without ``now`` the engine reads the clock, so dated fields are then drawn
    around the real current time.
    """
    req: dict[str, Any] = {}
    if not draw(ONE_IN[10]):
        now = draw(aware_datetimes)
        req["now"] = maybe_text(draw, now)
    else:
        now = datetime.now(UTC)
    simple = {
        "when": st.sampled_from(WHENS),
        "minutes": minutes_strategy,
        "tools": tool_lists,
        "soreness": soreness,
        "focus": focus,
    }
    if draw(ONE_IN[4]):
        simple["pain"] = pain_now
    req.update(optional_fields(draw, simple))
    if draw(BOOL):
        req["athlete"] = athlete(draw)
    if draw(BOOL):
        req["injuries"] = [injury(draw, now) for _ in range(draw(small_counts[4]))]
    if draw(BOOL):
        req["symptoms"] = rarely(draw, symptoms, [], one_in=10)
    if draw(BOOL):
        req["run"] = optional_fields(draw, run_fields)
    if draw(ONE_IN[4]):
        req["checkins"] = [checkin(draw, now) for _ in range(draw(small_counts[5]))]
    if draw(ONE_IN[4]):
        req["sharp_pain_stops"] = [sharp_pain_stop(draw, now) for _ in range(draw(small_counts[2]))]
    return req


@st.composite
def injuries_across_dst_changes(draw: st.DrawFn) -> dict[str, Any]:
    """A request whose ``now`` is in an IANA zone just after a daylight-saving change,
    with an injury about 72 real hours old, dated in that same zone: as a bare date
    (counted from the next local midnight) or as a local date-time."""
    zone, change = draw(dst_changes_anywhere)
    now = (change + timedelta(seconds=draw(st.integers(-DAY, 4 * DAY)))).astimezone(zone)
    if draw(BOOL):
        when: date | datetime = now.date() - timedelta(days=draw(st.sampled_from([4, 3])))
    else:
        ago = timedelta(seconds=ACUTE_SECONDS + draw(st.integers(-7200, 7200)))
        when = (now.astimezone(UTC) - ago).astimezone(zone)
    area = draw(st.sampled_from(TARGET_AREAS))
    return {
        "now": now,
        "minutes": 120,
        "tools": list(TOOLS),
        "focus": [area],
        "soreness": {area: draw(st.integers(0, 10))},
        "injuries": [{"area": area, "side": draw(sides), "date": when}],
    }


# --- Week requests ---------------------------------------------------------------------------

run_ages = st.integers(0, 60)
# Edge values too: 0, the smallest float above 0, the REST-2/3 lines, the maximum.
edge_amounts = st.sampled_from([0, 5e-324, 1e-300, 90, 91, 150, 185, 1440])
run_minutes = st.one_of(st.integers(0, 240), st.floats(0, 1440), edge_amounts)
week_run_fields: dict[str, st.SearchStrategy[Any]] = {
    "km": st.one_of(_amount(60, 500), st.sampled_from([0, 5e-324, 20, 30, 42.195, 500])),
    "type": st.sampled_from(RUN_TYPES),
    "rpe": _amount(10, 10),
    "avg_hr": st.one_of(st.none(), st.integers(30, 240)),
}
week_athlete_fields: dict[str, st.SearchStrategy[Any]] = {
    "age": st.one_of(st.none(), st.integers(5, 110)),
    "max_hr": st.one_of(st.none(), st.integers(100, 240)),
    "rest_hr": st.one_of(st.none(), st.integers(25, 120)),
}
_positive = st.floats(min_value=0, max_value=600, exclude_min=True, allow_nan=False)
week_setting_fields: dict[str, st.SearchStrategy[Any]] = {
    "masters_age": st.one_of(st.none(), st.integers(0, 120)),
    "long_minutes": st.one_of(st.none(), st.integers(1, 300), _positive),
    "very_long_minutes": st.one_of(st.none(), st.integers(1, 400), _positive),
    "very_long_km": st.one_of(st.none(), st.integers(1, 100), _positive),
}
todays = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
run_counts = st.one_of(st.integers(0, 10), st.integers(0, 60))


def week_run(draw: st.DrawFn, today: date) -> dict[str, Any]:
    run: dict[str, Any] = {
        "date": maybe_text(draw, today - timedelta(days=draw(run_ages))),
        "minutes": draw(run_minutes),
    }
    run.update(optional_fields(draw, week_run_fields))
    return run


@st.composite
def week_requests(draw: st.DrawFn) -> dict[str, Any]:
    """Any valid week request: up to 60 runs in the 60 days up to ``today``."""
    req: dict[str, Any] = {}
    if not draw(ONE_IN[10]):
        today = draw(todays)
        req["today"] = maybe_text(draw, today)
    else:
        today = datetime.now(UTC).astimezone().date()  # the engine reads the local date
    if draw(BOOL):
        req["athlete"] = optional_fields(draw, week_athlete_fields)
    if not draw(ONE_IN[10]):
        req["runs"] = [week_run(draw, today) for _ in range(draw(run_counts))]
    if draw(BOOL):
        req["settings"] = optional_fields(draw, week_setting_fields)
    return req
