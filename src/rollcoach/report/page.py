"""The report page: one self-contained HTML file (inline CSS and SVG, no script, no network)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from html import escape

from rollcoach.knowledge.config_schema import WeekData
from rollcoach.report.plots import (
    day_label,
    load_plot,
    rolling_plot,
    soreness_plot,
    week_label,
)
from rollcoach.report.series import ReportData

CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4d4d4d; --line: #dde1e6;
  --panel: #f3f5f8; --warn: #D55E00; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.9rem; margin: 0.3rem 0 0.2rem; }
h2 { font-size: 1.35rem; margin: 2.4rem 0 0.6rem; padding-bottom: 0.3rem;
  border-bottom: 2px solid var(--line); }
.lede { color: var(--muted); margin-top: 0; }
.glance { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
  gap: 0.75rem; list-style: none; padding: 0; margin: 1.2rem 0; }
.glance li { background: var(--panel); border-radius: 0.5rem; padding: 0.7rem 1rem; }
.glance strong { display: block; font-size: 1.45rem; }
.warning { border-left: 0.4rem solid var(--warn); background: #fff3ea; padding: 0.8rem 1rem;
  border-radius: 0 0.5rem 0.5rem 0; }
.note { background: var(--panel); padding: 0.8rem 1rem; border-radius: 0.5rem; }
figure { margin: 1rem 0; }
svg.plot { display: block; width: 100%; height: auto; }
figcaption, .small { color: var(--muted); font-size: 0.95rem; }
details { margin: 0.6rem 0 0; }
summary { cursor: pointer; color: #005a8c; }
table { border-collapse: collapse; width: 100%; margin-top: 0.5rem;
  font-variant-numeric: tabular-nums; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--line); text-align: right; }
th:first-child, td:first-child { text-align: left; }
code { background: var(--panel); padding: 0.1rem 0.35rem; border-radius: 0.25rem;
  font-size: 0.95em; }
ol.steps li { margin: 0.5rem 0; }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.9rem; }
@media print { main { max-width: none; } details { display: none; } }
""".strip()

RATIO_NOTE = (
    "The 7:28 ratio compares the last 7 days' load with the last 28 days' "
    "(exponentially weighted). It is a rough guide: in a study of 5,205 runners the "
    "weekly ratio did not predict injury, while a single run much longer than your "
    "longest of the past 30 days did."
)
METHOD_NAMES = {
    "session-rpe": "RPE x minutes",
    "trimp": "TRIMP from heart rate",
    "run-type": "minutes x run-type effort",
}
STEPS = (
    (
        "Import your runs",
        "rollcoach import ~/Downloads/export",
        ".fit, .gpx and .tcx files or whole folders of them (also .gz), "
        "e.g. a Garmin or Strava export.",
    ),
    (
        "Check in how sore you feel",
        "rollcoach checkin calves=4 quadriceps=2",
        "each area from 0 (nothing) to 10, best on the days after a run.",
    ),
    (
        "Roll with a guided session",
        "rollcoach go --minutes 10",
        "{roll_min}-{roll_max} short sessions a week are the aim.",
    ),
)


def build_page(data: ReportData, week: WeekData) -> str:
    """The report for ``data``; a page of first steps when there is nothing to plot."""
    if data.empty:
        return _document("rollcoach report: nothing to show yet", _empty_body(data))
    sections = [
        _header(data),
        _glance(data),
        _ratio_warning(data, week),
        _load_section(data),
        _rolling_section(data),
        _soreness_section(data),
        _footer(data),
    ]
    title = f"rollcoach report: {len(data.weeks)} weeks to {day_label(data.today)}"
    return _document(title, "\n".join(s for s in sections if s))


def _document(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _span(data: ReportData) -> str:
    return f"{day_label(data.first_day)} to {day_label(data.today)}"


def _empty_body(data: ReportData) -> str:
    targets = {"roll_min": data.roll_min, "roll_max": data.roll_max}
    steps = "\n".join(
        f"<li><strong>{escape(what)}</strong>: <code>{escape(command)}</code><br>"
        f'<span class="small">{escape(hint.format(**targets))}</span></li>'
        for what, command, hint in STEPS
    )
    older = ""
    if data.older:
        older = (
            f'<p class="note">Your history has {data.older} older record(s) from before '
            f"{day_label(data.first_day)}: <code>rollcoach report --weeks 52</code> "
            "looks further back.</p>"
        )
    return (
        "<h1>Your rollcoach report</h1>\n"
        f'<p class="lede">Nothing to show yet for {len(data.weeks)} week(s), {_span(data)}: '
        "no runs, check-ins or rolling sessions.</p>\n"
        f"{older}"
        "<h2>Three steps to fill it</h2>\n"
        f'<ol class="steps">\n{steps}\n</ol>\n'
        "<p>Then run <code>rollcoach report</code> again: it draws your weekly distance "
        f"and load, your rolling sessions against the {data.roll_min}-{data.roll_max} a week "
        "target, and your soreness by area.</p>"
    )


def _header(data: ReportData) -> str:
    return (
        "<h1>Your running and recovery</h1>\n"
        f'<p class="lede">{len(data.weeks)} weeks, {_span(data)}. Weeks start on Monday; '
        "the last one is the week so far.</p>"
    )


def _glance(data: ReportData) -> str:
    runs = sum(w.runs for w in data.load)
    km = sum(w.km for w in data.load)
    this_week = data.load[-1]
    latest = next((w for w in reversed(data.load) if w.ratio is not None), None)
    ratio_text = "not yet" if latest is None else f"{latest.ratio:.2f}"
    ratio_hint = (
        "needs 28 days of runs"
        if latest is None
        else ("above the warning line" if data.warned(latest) else "below the warning line")
    )
    rolled = data.rolling[-1].sessions
    items = [
        (f"{runs}", f"runs, {km:.0f} km in {len(data.weeks)} weeks"),
        (f"{this_week.km:.1f} km", "this week so far"),
        (ratio_text, f"7:28 load ratio, {ratio_hint}"),
        (f"{rolled}", f"rolling sessions this week (aim {data.roll_min}-{data.roll_max})"),
    ]
    if data.soreness:
        last_day = max(line.points[-1][0] for line in data.soreness)
        items.append((week_label(last_day), "last soreness check-in"))
    cells = "\n".join(f"<li><strong>{escape(a)}</strong>{escape(b)}</li>" for a, b in items)
    return f'<ul class="glance" aria-label="At a glance">\n{cells}\n</ul>'


def _ratio_warning(data: ReportData, week: WeekData) -> str:
    latest = data.load[-1]
    if latest.ratio is None or not data.warned(latest):
        return ""
    message = week.warnings["ratio"].message.format(ratio=latest.ratio, limit=data.ratio_warn)
    return f'<p class="warning" role="note"><strong>Load spike.</strong> {escape(message)}</p>'


def _table(caption: str, head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    header = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "\n".join(
        "<tr>" + "".join(cell for cell in row) + "</tr>" for row in rows
    )  # cells arrive as <td>/<th> markup, escaped by the caller
    return (
        f"<details><summary>{escape(caption)}</summary>\n<table>\n"
        f"<thead><tr>{header}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</details>"
    )


def _cell(text: str, css: str = "", week: date | None = None) -> str:
    attributes = f' class="{css}"' if css else ""
    if week is not None:
        attributes += f' data-week="{week.isoformat()}"'
    return f"<td{attributes}>{escape(text)}</td>"


def _row_head(day: date) -> str:
    return f'<th scope="row">{escape(week_label(day))} {day.year}</th>'


def _methods(data: ReportData) -> str:
    used = [f"{METHOD_NAMES.get(m, m)} ({n} runs)" for m, n in sorted(data.methods.items())]
    return (
        "Load per run is RPE x minutes when you rated the run, else TRIMP from heart rate, "
        "else minutes weighted by run type. Used here: " + ", ".join(used) + "."
    )


def _load_section(data: ReportData) -> str:
    heading = '<section aria-labelledby="load-h">\n<h2 id="load-h">Distance and load</h2>\n'
    if not data.has_runs:
        return (
            heading + '<p class="note">No runs in these weeks. Import them with '
            "<code>rollcoach import FOLDER</code> (.fit, .gpx, .tcx).</p>\n</section>"
        )
    rows = [
        [
            _row_head(w.start),
            _cell(str(w.runs)),
            _cell(f"{w.km:.1f}"),
            _cell(f"{w.load:.0f}"),
            _cell(
                "-"
                if w.ratio is None
                else f"{w.ratio:.2f}" + (" (above warning)" if data.warned(w) else ""),
                "ratio",
                w.start,
            ),
        ]
        for w in data.load
    ]
    table = _table(
        "The numbers, week by week",
        ["Week starting", "Runs", "km", "Load", "7:28 ratio"],
        rows,
    )
    return (
        heading + f"<figure>\n{load_plot(data)}\n<figcaption>Top: kilometres run each week. "
        "Bottom: training load each week (bars) and the 7- vs 28-day load ratio at the "
        f"end of each week (line); the dashed line marks {data.ratio_warn:g}, above which "
        f"the coach warns. {escape(_methods(data))}</figcaption>\n</figure>\n"
        f'<p class="small">{escape(RATIO_NOTE)}</p>\n{table}\n</section>'
    )


def _rolling_section(data: ReportData) -> str:
    heading = '<section aria-labelledby="rolling-h">\n<h2 id="rolling-h">Rolling sessions</h2>\n'
    if not data.has_rolling:
        return (
            heading + '<p class="note">No guided rolling sessions in these weeks. Start one '
            f"with <code>rollcoach go</code>; {data.roll_min}-{data.roll_max} short sessions a "
            "week are the aim.</p>\n"
            "</section>"
        )
    rows = [
        [
            _row_head(w.start),
            _cell(str(w.sessions), "sessions", w.start),
            _cell("yes" if data.on_target(w) else "no"),
        ]
        for w in data.rolling
    ]
    table = _table(
        "The numbers, week by week",
        ["Week starting", "Sessions", f"Within {data.roll_min}-{data.roll_max}"],
        rows,
    )
    return (
        heading + f"<figure>\n{rolling_plot(data)}\n<figcaption>Guided rolling sessions "
        f"each week (a session counts once you finish a step). The green band is the "
        f"target of {data.roll_min}-{data.roll_max} a week: about 3 sessions a week for "
        "more than 4 weeks improves range of motion.</figcaption>\n</figure>\n"
        f"{table}\n</section>"
    )


def _soreness_section(data: ReportData) -> str:
    heading = '<section aria-labelledby="soreness-h">\n<h2 id="soreness-h">Soreness by area</h2>\n'
    if not data.has_soreness:
        return (
            heading + '<p class="note">No soreness check-ins in these weeks. Add one with '
            "<code>rollcoach checkin calves=4</code> (each area 0-10).</p>\n</section>"
        )
    areas = [line.area for line in data.soreness]
    by_day: dict[date, dict[str, int]] = {}
    for line in data.soreness:
        for day, value in line.points:
            by_day.setdefault(day, {})[line.area] = value
    rows = [
        [_row_head(day)] + [_cell(str(by_day[day].get(area, "-"))) for area in areas]
        for day in sorted(by_day)
    ]
    table = _table("The numbers, check-in by check-in", ["Day", *areas], rows)
    return (
        heading + f"<figure>\n{soreness_plot(data)}\n<figcaption>Soreness from 0 (none) "
        "to 10 for each area you rated, on the days you checked in; an area left out of "
        "a check-in has no point that day.</figcaption>\n</figure>\n"
        f"{table}\n</section>"
    )


def _footer(data: ReportData) -> str:
    week_end = data.load[-1].start + timedelta(days=6)
    return (
        f"<footer>Made by rollcoach from your own history, up to {day_label(data.today)} "
        f"(this week ends {day_label(week_end)}). The file is self-contained: nothing is "
        "loaded from the network.</footer>"
    )
