"""The week as an iCalendar file: one all-day event per day, with a morning reminder."""

from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from rollcoach.models import WeekResponse

KIND_TITLE = {"rest": "Rest day", "light": "Light day", "run": "Run day"}
REMINDER_AFTER_MIDNIGHT = timedelta(hours=8)  # an all-day event's alarm counts from 00:00


def day_title(kind: str, roll: bool) -> str:
    return f"{KIND_TITLE.get(kind, kind)}{' · roll' if roll else ''}"


def week_calendar(week: WeekResponse, athlete_id: int, stamp: datetime | None = None) -> bytes:
    """Stable UIDs per athlete and day, so a subscribed calendar updates instead of piling up."""
    calendar = Calendar()
    calendar.add("prodid", "-//rollcoach//week plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "rollcoach: my recovery week")
    calendar.add("refresh-interval;value=duration", "PT12H")
    moment = stamp or datetime.now(UTC)
    for day in week.days:
        event = Event()
        event.add("uid", f"{day.date.isoformat()}-athlete{athlete_id}@rollcoach")
        event.add("dtstamp", moment)
        event.add("dtstart", day.date)
        event.add("dtend", day.date + timedelta(days=1))
        event.add("summary", day_title(day.kind, day.roll))
        rules = ", ".join(day.rules)
        event.add("description", " ".join(day.why) + (f" (rules: {rules})" if rules else ""))
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", day_title(day.kind, day.roll))
        alarm.add("trigger", REMINDER_AFTER_MIDNIGHT)
        event.add_component(alarm)
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
