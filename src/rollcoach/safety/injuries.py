"""SAFE-5's clock: when an injury happened, read cautiously, and the 72 hours after it."""

from datetime import UTC, date, datetime, time, timedelta

ACUTE = timedelta(hours=72)


def as_moment(value: date | datetime, now: datetime) -> datetime:
    """A bare date counts from the end of that day (the cautious reading), in ``now``'s zone.

    The result is in UTC: same-zone arithmetic in Python is wall-clock, which
    would be an hour off across a daylight-saving change.
    """
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    else:
        moment = datetime.combine(value + timedelta(days=1), time.min, tzinfo=now.tzinfo)
    return moment.astimezone(UTC)
