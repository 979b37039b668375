"""SAFE-11's summary to take along: pain, sharp-pain stops, injuries and the screen, printable.

The runner (or a coach the runner granted) gets one page to show a doctor or
physical therapist: which sites hurt over the last six weeks, the sessions
stopped for sharp pain, the injuries reported, the bone-stress screen answers
and the plans that left an area out, with the sites SAFE-11 holds out now and
since when. It reads the same records the plan reads (``history.requests``).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from rollcoach import api
from rollcoach.history.records import Checkin, StoredInjury, StoredSession
from rollcoach.history.requests import CHECKIN_WINDOW_DAYS, stopped_area
from rollcoach.history.snapshot import plan_request_for
from rollcoach.history.store import Store
from rollcoach.models.plan_request import BoneStressScreen
from rollcoach.safety.repeated_pain import REPEATS
from rollcoach.web.auth import coached, services_of
from rollcoach.web.ids import RecordId
from rollcoach.web.pages.common import PageViewer
from rollcoach.web.planning import local_now
from rollcoach.web.questions import SCREEN_FIELDS, load_questions
from rollcoach.web.render import render
from rollcoach.web.routing import page_router
from rollcoach.web.view import area_name, day_words

router = page_router()
WEEKS = 6
PAIN_RULES = ("SAFE-11", "SAFE-12", "SAFE-5")  # the exclusions a clinician wants to see
ANSWER_WORDS = {True: "Yes", False: "No", None: "Not answered"}


def full_day(day: date | datetime) -> str:
    """The window's ends, with the year, for the printed page: "Wed 2 Dec 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def short_day(day: date | datetime) -> str:
    """A date in a table: "2 Dec"."""
    return f"{day.day} {day:%b}"


@dataclass
class SiteTally:
    """One pain site over the window: how often, how bad at worst, first and last day."""

    site: str
    days: int = 0
    worst: int = 0
    first: date | None = None
    last: date | None = None
    stops: int = 0


@dataclass
class HeldOut:
    site: str
    since: date | None
    why: str


@dataclass
class Summary:
    since: date
    today: date
    sites: list[SiteTally] = field(default_factory=list)
    stops: list[dict[str, Any]] = field(default_factory=list)
    checkins: list[Checkin] = field(default_factory=list)
    injuries: list[StoredInjury] = field(default_factory=list)
    screen: list[tuple[str, str]] = field(default_factory=list)
    plans: list[dict[str, Any]] = field(default_factory=list)
    held_out: list[HeldOut] = field(default_factory=list)


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def tally_sites(checkins: list[Checkin], stops: list[dict[str, Any]]) -> list[SiteTally]:
    """Every site that hurt on a check-in or stopped a session, most days first."""
    sites: dict[str, SiteTally] = {}
    for checkin in sorted(checkins, key=lambda c: c.date):
        for site, level in checkin.pain.items():
            if level <= 0:
                continue
            tally = sites.setdefault(site, SiteTally(site))
            tally.days += 1
            tally.worst = max(tally.worst, level)
            tally.first = tally.first or checkin.date
            tally.last = checkin.date
    for stop in stops:
        tally = sites.setdefault(stop["area"], SiteTally(stop["area"]))
        tally.stops += 1
        day = stop["day"]
        tally.first = min(tally.first or day, day)
        tally.last = max(tally.last or day, day)
    return sorted(sites.values(), key=lambda t: (-(t.days + t.stops), t.site))


def held_since(site: str, checkins: list[Checkin], stops: list[dict[str, Any]]) -> date | None:
    """When SAFE-11 began holding ``site`` out: its first stop, or its third painful
    check-in within 14 days, after the last check-in that said it was clear."""
    ordered = sorted(checkins, key=lambda c: c.date)
    clear = max((c.date for c in ordered if _level(c, site) == 0), default=None)
    after = [c.date for c in ordered if _level(c, site) > 0 and (clear is None or c.date > clear)]
    found: list[date] = [
        s["day"] for s in stops if s["area"] == site and (clear is None or s["day"] > clear)
    ]
    for index in range(REPEATS - 1, len(after)):
        if after[index] - after[index - REPEATS + 1] <= timedelta(days=CHECKIN_WINDOW_DAYS):
            found.append(after[index])
            break
    return min(found, default=None)


def _level(checkin: Checkin, site: str) -> int:
    """The pain a check-in gives ``site`` (-1 when it says nothing about it)."""
    return next((level for name, level in checkin.pain.items() if name == site), -1)


def screen_answers(screen: BoneStressScreen) -> list[tuple[str, str]]:
    questions = load_questions().screen
    return [
        (getattr(questions, name).label, ANSWER_WORDS[getattr(screen, name)])
        for name in SCREEN_FIELDS
    ]


def plans_leaving_out(sessions: list[StoredSession]) -> list[dict[str, Any]]:
    """Guided sessions whose plan left an area out for pain, injury or SAFE-11."""
    out = []
    for stored in sessions:
        excluded = stored.session.plan.get("excluded")
        left = [
            x
            for x in (excluded if isinstance(excluded, list) else [])
            if isinstance(x, dict) and set(x.get("rules") or ()) & set(PAIN_RULES)
        ]
        if left:
            out.append({"day": stored.session.started_at.date(), "left_out": left})
    return out


def summary_of(store: Store, athlete_id: int, now: datetime) -> Summary:
    """Everything the page shows, read once from the store."""
    today = now.date()
    since = today - timedelta(weeks=WEEKS)
    checkins = [s.checkin for s in store.checkins(athlete_id) if since <= s.checkin.date <= today]
    sessions = [s for s in store.sessions(athlete_id) if s.session.started_at.date() >= since]
    stops = [
        {"day": s.session.started_at.date(), "area": area, "session": s.session}
        for s in sessions
        if s.session.stop_reason == "sharp-pain" and (area := stopped_area(s.session)) is not None
    ]
    plan = api.plan(plan_request_for(store, athlete_id, now))
    held = dict.fromkeys(x.area for x in plan.excluded if "SAFE-11" in x.rules)
    all_checkins = [s.checkin for s in store.checkins(athlete_id)]
    return Summary(
        since=since,
        today=today,
        sites=tally_sites(checkins, stops),
        stops=stops,
        checkins=[c for c in checkins if any(level > 0 for level in c.pain.values())],
        injuries=store.list_injuries(athlete_id, include_cleared=True),
        screen=screen_answers(store.get_profile(athlete_id).screen),
        plans=plans_leaving_out(sessions),
        held_out=[
            HeldOut(site, held_since(site, all_checkins, stops), _held_why(site, stops))
            for site in held
        ],
    )


def _held_why(site: str, stops: list[dict[str, Any]]) -> str:
    if any(stop["area"] == site for stop in stops):
        return "it stopped a session with sharp pain"
    return f"it hurt on {REPEATS} or more check-ins within {CHECKIN_WINDOW_DAYS} days"


def _page(request: Request, athlete_id: int, name: str, back: str) -> HTMLResponse:
    summary = summary_of(services_of(request).store, athlete_id, local_now())
    context = {
        "title": f"Summary for {name}",
        "name": name,
        "summary": summary,
        "weeks": WEEKS,
        "day_words": day_words,
        "full_day": full_day,
        "short_day": short_day,
        "as_date": _as_date,
        "area_name": area_name,
        "back": back,
        "active": back,
    }
    return render(request, "summary.html", context)


@router.get("/summary", response_class=HTMLResponse)
def own_summary(request: Request, viewer: PageViewer) -> HTMLResponse:
    return _page(request, viewer.athlete_id, viewer.email or "you", "/")


@router.get("/coach/{athlete_id}/summary", response_class=HTMLResponse)
def coached_summary(athlete_id: RecordId, request: Request, viewer: PageViewer) -> HTMLResponse:
    athlete = coached(request, viewer, athlete_id)
    return _page(request, athlete.athlete_id, athlete.email, f"/coach/{athlete.athlete_id}")
