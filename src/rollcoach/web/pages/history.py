"""History: runs, guided sessions and check-ins, with the report's plots (inline SVG)."""

from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from rollcoach.history.activity_log import log_entry
from rollcoach.history.records import StoredSession
from rollcoach.knowledge import load_knowledge
from rollcoach.web.auth import services_of
from rollcoach.web.pages.common import PageViewer
from rollcoach.web.planning import local_now
from rollcoach.web.render import render
from rollcoach.web.routing import page_router

if TYPE_CHECKING:
    from rollcoach.report.series import ReportInput

router = page_router()
WEEKS = 12
SHOWN = 30


def plots(source: "ReportInput") -> dict[str, Markup]:
    """The three plots of ``rollcoach report``; matplotlib is loaded on first use only."""
    from rollcoach.report import report_data
    from rollcoach.report.plots import load_plot, rolling_plot, soreness_plot

    data = report_data(source, load_knowledge().week)
    drawn = {"load": load_plot, "rolling": rolling_plot}
    if data.soreness:
        drawn["soreness"] = soreness_plot
    # The SVG comes from matplotlib and our own escaped titles, never from user text.
    return {name: Markup(draw(data)) for name, draw in drawn.items()}  # noqa: S704


def session_outcome(stored: StoredSession) -> str:
    session = stored.session
    if session.stop_reason == "sharp-pain":
        return "stopped: sharp pain"
    if session.stopped_early:
        return "partial"
    return "done"


@router.get("/history", response_class=HTMLResponse)
def history_page(request: Request, viewer: PageViewer) -> HTMLResponse:
    store = services_of(request).store
    from rollcoach.report.reading import read_report_input  # loads matplotlib: on first use

    # One read of each table serves both the plots and the lists below them.
    source = read_report_input(store, viewer.athlete_id, local_now(), WEEKS)
    context: dict[str, Any] = {
        "title": "History",
        "runs": [log_entry(row) for row in source.activities[:SHOWN]],
        "sessions": [(s, session_outcome(s)) for s in source.sessions[:SHOWN]],
        "checkins": source.checkins[:SHOWN],
        "plots": plots(source),
        "weeks": WEEKS,
    }
    return render(request, "history.html", context)
