"""The report's three plots, drawn with matplotlib as SVG text to inline in the page.

Figures are built with the object API (``matplotlib.figure.Figure``), never
pyplot: no GUI backend is chosen and no global figure state is touched, so this
runs headless and in any thread. Text stays text (``svg.fonttype: none``), so a
browser renders it crisply, a screen reader or a test can read it, and the file
stays small. Each SVG gets ``role="img"``, a ``<title>`` and a ``<desc>``, its
ids are prefixed so three plots can share one page, and the meaningful shapes
carry ids (``load-ratio-line``, ``rolling-target``, ``soreness-calves`` ...) and a
``<title>`` tooltip with their value.

Each plot is drawn once per distinct input (``drawn_once``): the History page
asks for the same three plots on every visit, and they only change with the data.

Colours are the Okabe-Ito palette (distinguishable with colour-vision deficiency),
and no meaning rests on colour alone: lines also differ by marker and dash.
"""

from __future__ import annotations

import io
import math
import re
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, wraps
from html import escape
from typing import Any

import matplotlib as mpl
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from rollcoach.report.series import ReportData, SorenessLine

BLUE, ORANGE, SKY, GREEN, VERMILLION, PURPLE, BLACK = (
    "#0072B2",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#000000",
)
LINE_COLOURS = (BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, BLACK)  # no yellow: too pale
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
DASHES = ("-", "--", ":", "-.")
INK, MUTED = "#1a1a1a", "#4d4d4d"
MAX_LABELS = 16  # x labels shown at most; more weeks label every n-th
MAX_VALUE_LABELS = 26  # value labels on bars and points up to this many weeks
PLOTS_KEPT = 256  # drawn SVGs kept per process: ~85 runners' three plots, ~8 MB

_STYLE: dict[Any, Any] = {  # rc keys are Literals in the stubs; checked by matplotlib
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 11,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": MUTED,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "grid.color": "#d9d9d9",
    "legend.frameon": False,
    "figure.facecolor": "white",
}


Draw = Callable[[ReportData], str]
_DRAWING = threading.Lock()  # rc_context sets matplotlib's global rcParams: one draw at a time


@dataclass(frozen=True)
class Plot:
    """A plot to draw: equal to another when drawn by the same function from equal inputs."""

    draw: Draw
    inputs: Hashable  # exactly the values the plot is drawn from
    data: ReportData = field(compare=False)  # drawn from, but no part of the key


@lru_cache(maxsize=PLOTS_KEPT)
def drawn(plot: Plot) -> str:
    """The plot's SVG, drawn on first use; a new run or check-in changes ``inputs``.

    Measured: GET /history over the demo history, 560 ms -> 10 ms (median, in-process);
    bench/load.py on SQLite (40 s): /history p50 10 s, 60 of 60 timed out -> 0.21 s, 4 of 396.
    """
    with _DRAWING:
        return plot.draw(plot.data)


def drawn_once(inputs: Callable[[ReportData], Hashable]) -> Callable[[Draw], Draw]:
    """Draw the plot once per distinct ``inputs(data)``, kept in :func:`drawn`'s LRU."""

    def decorate(draw: Draw) -> Draw:
        @wraps(draw)
        def cached(data: ReportData) -> str:
            return drawn(Plot(draw, inputs(data), data))

        return cached

    return decorate


def week_label(day: date) -> str:
    return f"{day.day} {day:%b}"


def day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b} {day.year}"


def _week_ticks(axes: Axes, weeks: Sequence[date], step_days: int = 1) -> None:
    every = max(1, math.ceil(len(weeks) / MAX_LABELS))
    shown = range(0, len(weeks), every)
    axes.set_xticks([i * step_days for i in shown], [week_label(weeks[i]) for i in shown])
    axes.tick_params(axis="x", labelrotation=0)


def _save(figure: Figure, key: str, title: str, desc: str, tips: dict[str, str]) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return accessible_svg(buffer.getvalue().decode("utf-8"), key, title, desc, tips)


def accessible_svg(svg: str, key: str, title: str, desc: str, tips: dict[str, str]) -> str:
    """Inline-ready SVG: no XML prologue or metadata, ids prefixed with ``key``, a title and desc.

    ``tips`` maps an element id (before prefixing) to a tooltip shown on hover.
    """
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{key}-\1"', svg)
    svg = svg.replace("url(#", f"url(#{key}-").replace('href="#', f'href="#{key}-')
    for gid, tip in tips.items():
        group = f'<g id="{key}-{gid}">'
        svg = svg.replace(group, f"{group}<title>{escape(tip)}</title>", 1)
    opening = re.match(r"<svg\b([^>]*)>", svg)
    if opening is None:
        raise ValueError("matplotlib wrote no <svg> element")
    return (
        f'<svg role="img" aria-labelledby="{key}-title {key}-desc" class="plot"'
        f"{opening.group(1)}>"
        f'<title id="{key}-title">{escape(title)}</title>'
        f'<desc id="{key}-desc">{escape(desc)}</desc>' + svg[opening.end() :]
    )


def _figure(width: float, height: float, rows: int = 1) -> tuple[Figure, list[Axes]]:
    figure = Figure(figsize=(width, height), layout="constrained")
    axes = figure.subplots(rows, 1, sharex=True, squeeze=False)
    return figure, [row[0] for row in axes]


@drawn_once(lambda data: (data.weeks, data.load, data.ratio_warn))
def load_plot(data: ReportData) -> str:
    """Weekly distance bars; weekly load bars with the 7:28 ratio line and its warning line."""
    weeks, load = data.weeks, data.load
    x = list(range(len(weeks)))
    label_values = len(weeks) <= MAX_VALUE_LABELS
    tips: dict[str, str] = {}
    with mpl.rc_context({**_STYLE, "svg.hashsalt": "rollcoach-load"}):
        figure, (top, bottom) = _figure(9.5, 6.6, rows=2)
        bars = top.bar(x, [w.km for w in load], color=BLUE, width=0.7, label="distance (km)")
        for i, (bar, week) in enumerate(zip(bars, load, strict=True)):
            bar.set_gid(f"distance-bar-{i}")
            tips[f"distance-bar-{i}"] = f"Week of {week_label(week.start)}: {week.km:.1f} km"
        if label_values:
            top.bar_label(bars, labels=[f"{w.km:.0f}" if w.km else "" for w in load], padding=2)
        top.set_title("Distance per week")
        top.set_ylabel("km")
        top.grid(axis="y")
        top.set_axisbelow(True)

        loads = bottom.bar(x, [w.load for w in load], color=SKY, width=0.7, label="load")
        for i, (bar, week) in enumerate(zip(loads, load, strict=True)):
            bar.set_gid(f"load-bar-{i}")
            tips[f"load-bar-{i}"] = f"Week of {week_label(week.start)}: load {week.load:.0f}"
        bottom.set_title("Training load per week, and the 7- vs 28-day ratio")
        bottom.set_ylabel("load (session units)")
        bottom.grid(axis="y")
        bottom.set_axisbelow(True)

        ratio_axes = bottom.twinx()
        ratio_axes.spines["right"].set_visible(True)
        ratios = [math.nan if w.ratio is None else w.ratio for w in load]
        known = [r for r in ratios if not math.isnan(r)]
        top_ratio = max([data.ratio_warn * 1.3, *(r * 1.2 for r in known)])
        ratio_axes.set_ylim(0, top_ratio)
        ratio_axes.set_ylabel("7:28-day load ratio")
        (line,) = ratio_axes.plot(
            x, ratios, color=VERMILLION, marker="o", linewidth=2.2, label="7:28 ratio"
        )
        line.set_gid("ratio-line")
        tips["ratio-line"] = "7:28-day load ratio at each week's end: " + ", ".join(
            f"{week_label(w.start)} {w.ratio:.2f}" for w in load if w.ratio is not None
        )
        warn = ratio_axes.axhline(
            data.ratio_warn,
            color=BLACK,
            linestyle="--",
            linewidth=1.2,
            label=f"warning above {data.ratio_warn:g}",
        )
        warn.set_gid("ratio-warning")
        tips["ratio-warning"] = f"Warning line: ratio {data.ratio_warn:g}"
        ratio_axes.annotate(
            f"warn > {data.ratio_warn:g}",
            xy=(1, data.ratio_warn),
            xycoords=("axes fraction", "data"),
            xytext=(-4, 4),
            textcoords="offset points",
            ha="right",
            fontsize=9,
        )
        for i, week in enumerate(load):
            if week.ratio is not None and (label_values or i == len(load) - 1):
                text = ratio_axes.annotate(
                    f"{week.ratio:.2f}",
                    xy=(i, week.ratio),
                    xytext=(0, 7),
                    textcoords="offset points",
                    ha="center",
                    fontsize=9,
                    color=VERMILLION,
                    fontweight="bold",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
                )
                text.set_gid(f"ratio-label-{i}")
        _week_ticks(bottom, weeks)
        bottom.set_xlabel("week starting")
        handles: list[Artist] = [bars.patches[0], loads.patches[0], line, warn]
        labels = ["distance (km)", "load", "7:28 ratio", f"warning above {data.ratio_warn:g}"]
        figure.legend(handles, labels, loc="outside lower center", ncols=4)
        return _save(figure, "load", "Distance and training load per week", _load_desc(data), tips)


def _load_desc(data: ReportData) -> str:
    first, last = data.load[0], data.load[-1]
    parts = [
        f"Bars: distance and training load for each week from {week_label(first.start)} "
        f"to {week_label(last.start)}.",
        "Distance in km: " + ", ".join(f"{w.km:.1f}" for w in data.load) + ".",
        "Load: " + ", ".join(f"{w.load:.0f}" for w in data.load) + ".",
    ]
    ratios = [w for w in data.load if w.ratio is not None]
    if ratios:
        parts.append(
            f"Line: the 7- vs 28-day load ratio, latest {ratios[-1].ratio:.2f}; "
            f"a dashed line marks the warning level {data.ratio_warn:g}."
        )
    else:
        parts.append("No 7:28 ratio yet: it needs 28 days of runs.")
    return " ".join(parts)


@drawn_once(lambda data: (data.weeks, data.rolling, data.roll_min, data.roll_max))
def rolling_plot(data: ReportData) -> str:
    """Guided rolling sessions per week against the TIME-5 target band."""
    weeks, rolling = data.weeks, data.rolling
    x = list(range(len(weeks)))
    tips: dict[str, str] = {}
    with mpl.rc_context({**_STYLE, "svg.hashsalt": "rollcoach-rolling"}):
        figure, (axes,) = _figure(9.5, 3.6)
        band = axes.axhspan(
            data.roll_min,
            data.roll_max,
            color=GREEN,
            alpha=0.18,
            linewidth=0,
            label=f"target: {data.roll_min}-{data.roll_max} a week",
        )
        band.set_gid("target")
        tips["target"] = f"Target band: {data.roll_min} to {data.roll_max} sessions a week"
        bars = axes.bar(x, [w.sessions for w in rolling], color=BLUE, width=0.6, label="sessions")
        for i, (bar, week) in enumerate(zip(bars, rolling, strict=True)):
            bar.set_gid(f"sessions-bar-{i}")
            tips[f"sessions-bar-{i}"] = (
                f"Week of {week_label(week.start)}: {week.sessions} sessions"
            )
        if len(weeks) <= MAX_VALUE_LABELS:
            axes.bar_label(bars, labels=[str(w.sessions) for w in rolling], padding=2)
        top = max([data.roll_max + 1.5, *(w.sessions + 1.0 for w in rolling)])
        axes.set_ylim(0, top)
        axes.set_yticks(range(int(top) + 1))
        axes.set_ylabel("sessions")
        axes.set_title("Rolling sessions per week")
        axes.grid(axis="y")
        axes.set_axisbelow(True)
        _week_ticks(axes, weeks)
        axes.set_xlabel("week starting")
        figure.legend(loc="outside lower center", ncols=2)
        return _save(figure, "rolling", "Rolling sessions per week", _rolling_desc(data), tips)


def _rolling_desc(data: ReportData) -> str:
    counts = ", ".join(f"{week_label(w.start)}: {w.sessions}" for w in data.rolling)
    on_target = sum(data.on_target(w) for w in data.rolling)
    return (
        f"Bars: guided rolling sessions per week ({counts}). A shaded band marks the "
        f"target of {data.roll_min} to {data.roll_max} a week; {on_target} of "
        f"{len(data.rolling)} weeks were within it."
    )


def _style(index: int) -> tuple[str, str, str]:
    n = len(LINE_COLOURS)
    return LINE_COLOURS[index % n], MARKERS[index % n], DASHES[(index // n) % len(DASHES)]


@drawn_once(lambda data: (data.weeks, data.today, data.soreness))
def soreness_plot(data: ReportData) -> str:
    """Soreness 0-10 by area over the window, one line per area."""
    first = data.first_day
    tips: dict[str, str] = {}
    with mpl.rc_context({**_STYLE, "svg.hashsalt": "rollcoach-soreness"}):
        figure, (axes,) = _figure(9.5, 4.2)
        for i, line in enumerate(data.soreness):
            colour, marker, dash = _style(i)
            (drawn,) = axes.plot(
                [(day - first).days for day, _ in line.points],
                [value for _, value in line.points],
                color=colour,
                marker=marker,
                linestyle=dash,
                linewidth=1.8,
                markersize=6,
                label=line.area,
            )
            drawn.set_gid(f"area-{line.area}")
            tips[f"area-{line.area}"] = f"{line.area}: " + ", ".join(
                f"{week_label(day)} {value}" for day, value in line.points
            )
        axes.set_xlim(-1, (data.today - first).days + 1)
        axes.set_ylim(-0.3, 10.3)
        axes.set_yticks(range(0, 11, 2))
        axes.set_ylabel("soreness (0-10)")
        axes.set_title("Soreness by area, from your check-ins")
        axes.grid(axis="y")
        _week_ticks(axes, data.weeks, step_days=7)
        axes.set_xlabel("week starting")
        if data.soreness:  # no check-ins yet: an empty legend would only warn
            axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title="area")
        return _save(figure, "soreness", "Soreness by area", _soreness_desc(data.soreness), tips)


def _soreness_desc(lines: Sequence[SorenessLine]) -> str:
    parts = [
        f"{line.area} (latest {line.points[-1][1]} on {week_label(line.points[-1][0])}, "
        f"highest {max(v for _, v in line.points)})"
        for line in lines
    ]
    return "Lines: soreness from 0 to 10 for each area you rated: " + "; ".join(parts) + "."
