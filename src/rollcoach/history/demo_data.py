"""A demo athlete's history: five weeks of building training, check-ins and rolling sessions.

Used by ``rollcoach demo`` (the runs) and ``rollcoach serve --demo`` (all of it).
"""

import hashlib
from datetime import date, datetime, time, timedelta
from typing import Any

from rollcoach import api
from rollcoach.history.profile import Profile
from rollcoach.history.records import Checkin, SessionRecord
from rollcoach.history.store import Store
from rollcoach.imports.summary import ActivitySummary

# Five weeks of a 44-year-old's training: easy runs, a tempo, a hill session and
# a long run each Sunday, building gently, ending with this morning's long run.
WEEK_PATTERN: list[tuple[int, float, float, str]] = [
    (6, 40, 7.5, "easy"),
    (5, 50, 10.0, "tempo"),
    (3, 45, 8.0, "hills"),
    (1, 40, 7.5, "easy"),
]
CLIMB_PER_KM = {"hills": 28.0, "long": 12.0}
HEART_RATE = {"easy": 138, "tempo": 162, "hills": 155, "long": 145}
DEMO_PROFILE = Profile(
    age=44, level="intermediate", sedentary=True, tools=["foam-roller", "massage-ball"]
)


def sample_runs(today: date) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = []
    for week in range(5, 0, -1):
        sunday = today - timedelta(days=7 * week)
        for back, minutes, km, kind in WEEK_PATTERN:
            day = (sunday - timedelta(days=back)).isoformat()
            runs.append({"date": day, "minutes": minutes, "km": km, "type": kind})
        long_minutes = 75 + 5 * (5 - week)
        runs.append(
            {
                "date": sunday.isoformat(),
                "minutes": long_minutes,
                "km": round(long_minutes / 5.6, 1),
                "type": "long",
            }
        )
    runs.append({"date": today.isoformat(), "minutes": 95, "km": 17.5, "type": "long"})
    return runs


def _summary(run: dict[str, Any], start: datetime) -> ActivitySummary:
    km, kind = float(run["km"]), str(run["type"])
    offset = start.utcoffset()
    return ActivitySummary(
        start=start,
        utc_offset_s=int(offset.total_seconds()) if offset is not None else 0,
        elapsed_s=float(run["minutes"]) * 60 + 90,
        moving_s=float(run["minutes"]) * 60,
        distance_m=km * 1000,
        climb_m=round(km * CLIMB_PER_KM.get(kind, 5.0), 1),
        descent_m=round(km * CLIMB_PER_KM.get(kind, 5.0), 1),
        avg_hr=HEART_RATE.get(kind, 140),
        max_hr=HEART_RATE.get(kind, 140) + 18,
        sport="running",
        source_format="demo",
    )


def seed_demo(store: Store, athlete_id: int, now: datetime) -> None:
    """Fill an athlete's history; ``now`` is local and aware (today's run ended an hour ago)."""
    store.save_profile(athlete_id, DEMO_PROFILE)
    runs = sample_runs(now.date())
    for index, run in enumerate(runs):
        day = date.fromisoformat(run["date"])
        start = datetime.combine(day, time(7, 0), tzinfo=now.tzinfo)
        if index == len(runs) - 1:
            start = now - timedelta(minutes=float(run["minutes"]) + 60)
        digest = hashlib.sha256(f"demo-{run['date']}-{index}".encode()).hexdigest()
        store.add_activities(
            athlete_id, [_summary(run, start)], content_hash=digest, source_path="demo"
        )
    _seed_checkins_and_sessions(store, athlete_id, now)


def _seed_checkins_and_sessions(store: Store, athlete_id: int, now: datetime) -> None:
    """Check-ins after the long runs; three to four rolling sessions a week."""
    for days_back, soreness in [
        (14, {"calves": 5}),
        (7, {"calves": 4, "hamstrings": 3}),
        (3, {"quadriceps": 2}),
        (0, {"calves": 6}),
    ]:
        day = now.date() - timedelta(days=days_back)
        store.add_checkin(athlete_id, Checkin(date=day, soreness=soreness))
    plan = api.plan({"minutes": 8, "tools": list(DEMO_PROFILE.tools), "now": now.isoformat()})
    steps = [step.order for step in plan.steps]
    for days_back in range(34, 0, -2):
        started = now - timedelta(days=days_back, hours=1)
        done = steps if days_back % 6 else steps[:-2]
        record = SessionRecord(
            started_at=started,
            plan=plan.model_dump(mode="json"),
            steps_done=done,
            steps_skipped=[s for s in steps if s not in done],
            stopped_early=done != steps,
            stop_reason=None if done == steps else "quit",
            feedback="Felt good" if done == steps else None,
        )
        store.record_session(athlete_id, record)
