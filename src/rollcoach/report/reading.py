"""The report's one read: an athlete's records from the store, as a ``ReportInput``."""

from datetime import UTC, datetime

from rollcoach.history.store import Store
from rollcoach.models.week import WeekAthlete
from rollcoach.report.series import ReportInput


def read_report_input(store: Store, athlete_id: int, now: datetime, weeks: int) -> ReportInput:
    """Everything the plots need; ``now`` is local, so days and weeks are the runner's."""
    return ReportInput(
        today=now.date(),
        weeks=weeks,
        activities=store.activities(athlete_id),
        checkins=store.checkins(athlete_id),
        sessions=store.sessions(athlete_id),
        athlete=WeekAthlete(age=store.get_profile(athlete_id).age),
        tz=now.tzinfo or UTC,
    )
