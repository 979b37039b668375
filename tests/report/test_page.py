"""The report page: three accessible inline plots with the right values, or first steps."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import defusedxml.ElementTree as SafeET

from rollcoach.knowledge.loader import load_knowledge
from rollcoach.report import ReportInput, build_report, report_data
from rollcoach.report.plots import drawn
from tests.report.builders import (
    TODAY,
    checkin,
    daily_runs,
    full_history,
    report_input,
    session,
)

WEEK = load_knowledge().week
SVG = "{http://www.w3.org/2000/svg}"


def plots(page: str) -> dict[str, ET.Element]:
    """Each inline SVG, parsed, by its key (the prefix of its ids)."""
    found = {}
    for text in re.findall(r"<svg\b.*?</svg>", page, re.S):
        root = SafeET.fromstring(text)
        found[root.attrib["aria-labelledby"].split("-")[0]] = root
    return found


def by_id(root: ET.Element, ident: str) -> ET.Element:
    matches = [e for e in root.iter() if e.get("id") == ident]
    assert len(matches) == 1, ident
    return matches[0]


def ids(root: ET.Element, pattern: str) -> list[str]:
    return [i for e in root.iter() if (i := e.get("id", "")) and re.fullmatch(pattern, i)]


def texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{SVG}text")]


def build(source: ReportInput) -> str:
    return build_report(source, WEEK)


def test_a_full_history_gives_three_plots_with_a_title_and_a_description() -> None:
    page = build(full_history())
    found = plots(page)
    assert list(found) == ["load", "rolling", "soreness"]
    titles = {
        "load": "Distance and training load per week",
        "rolling": "Rolling sessions per week",
        "soreness": "Soreness by area",
    }
    for key, root in found.items():
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == f"{key}-title {key}-desc"
        title, desc = root[0], root[1]
        assert (title.tag, title.get("id"), title.text) == (
            f"{SVG}title",
            f"{key}-title",
            titles[key],
        )
        assert desc.tag == f"{SVG}desc" and desc.get("id") == f"{key}-desc" and desc.text
        assert root.get("viewBox")
    assert page.count("<figcaption>") == 3
    assert '<html lang="en">' in page and "<title>rollcoach report: 12 weeks to" in page


def test_the_load_plot_has_a_bar_per_week_the_ratio_line_and_the_warning_line() -> None:
    source = report_input(daily_runs(70, 40, 8, 5), [checkin(TODAY, calves=2)], [session(TODAY)])
    data = report_data(source, WEEK)
    root = plots(build(source))["load"]
    assert len(ids(root, r"load-distance-bar-\d+")) == 12
    assert len(ids(root, r"load-load-bar-\d+")) == 12
    line = by_id(root, "load-ratio-line")
    assert line.find(f"{SVG}path") is not None
    assert "16 Nov 1.02" in (line.findtext(f"{SVG}title") or "")
    warning = by_id(root, "load-ratio-warning")
    assert warning.findtext(f"{SVG}title") == "Warning line: ratio 1.5"
    assert "warn > 1.5" in texts(root)
    for i, week in enumerate(data.load):
        label = [e for e in root.iter() if e.get("id") == f"load-ratio-label-{i}"]
        if week.ratio is None:
            assert not label
        else:
            assert texts(label[0]) == [f"{week.ratio:.2f}"]
    assert texts(by_id(root, "load-ratio-label-10")) == ["1.02"]  # the week of 16 Nov


def test_the_ratio_values_are_in_the_table_by_week() -> None:
    page = build(report_input(daily_runs(70, 40, 8, 5)))
    assert '<td class="ratio" data-week="2026-11-16">1.02</td>' in page
    first = re.search(r'<td class="ratio" data-week="2026-09-07">([^<]*)</td>', page)
    assert first is not None and first.group(1) == "-"  # 28 days of runs not yet covered


def test_a_load_spike_above_the_line_is_warned_in_words() -> None:
    steady = daily_runs(42, 30, 6, 5, today=TODAY - timedelta(days=7))
    spike = daily_runs(7, 90, 16, 8)
    page = build(report_input(steady + spike))
    data = report_data(report_input(steady + spike), WEEK)
    latest = data.load[-1].ratio
    assert latest is not None and latest > 1.5
    assert f"{latest:.2f} (above warning)" in page
    assert '<p class="warning" role="note">' in page
    assert f"load is {latest} times your 28-day average" in page
    assert "rough guide" in page


def test_the_rolling_plot_shows_the_target_band_and_a_bar_per_week() -> None:
    root = plots(build(full_history()))["rolling"]
    band = by_id(root, "rolling-target")
    assert band.findtext(f"{SVG}title") == "Target band: 3 to 5 sessions a week"
    bars = ids(root, r"rolling-sessions-bar-\d+")
    assert len(bars) == 12
    assert "target: 3-5 a week" in texts(root)
    tips = [by_id(root, b).findtext(f"{SVG}title") for b in bars]
    assert tips[-2] == "Week of 16 Nov: 3 sessions"  # every other day back from 23 Nov


def test_the_soreness_plot_has_one_line_per_area() -> None:
    root = plots(build(full_history()))["soreness"]
    assert ids(root, r"soreness-area-.*") == [
        "soreness-area-calves",
        "soreness-area-hamstrings",
        "soreness-area-quadriceps",
    ]
    hamstrings = by_id(root, "soreness-area-hamstrings")
    assert hamstrings.findtext(f"{SVG}title") == "hamstrings: 21 Nov 6"
    assert {"calves", "hamstrings", "quadriceps", "area"} <= set(texts(root))


def test_the_page_is_self_contained() -> None:
    page = build(full_history())
    for banned in ("<script", "<link", "<img", " src=", "@import", "url(http", "<iframe"):
        assert banned not in page
    assert set(re.findall(r"https?://[^\"'\s<]+", page)) == {
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xlink",
    }
    references = set(re.findall(r"url\(#([^)]+)\)", page))
    defined = re.findall(r'\bid="([^"]+)"', page)
    assert references <= set(defined)
    assert len(defined) == len(set(defined))  # three SVGs on one page: no id used twice


def test_the_same_history_gives_the_same_page() -> None:
    first = build(full_history())
    drawn.cache_clear()  # drawn afresh, not the plots kept from the first build
    assert build(full_history()) == first


def test_an_empty_history_gives_a_page_of_first_steps() -> None:
    page = build(report_input())
    assert "<svg" not in page
    assert "Nothing to show yet" in page
    for command in ("rollcoach import", "rollcoach checkin", "rollcoach go", "rollcoach report"):
        assert f"<code>{command}" in page
    assert "--weeks" not in page


def test_older_history_is_pointed_to() -> None:
    old = daily_runs(5, 40, 8, 5, today=TODAY - timedelta(days=200))
    page = build(report_input(old))
    assert "Nothing to show yet" in page
    assert "5 older record(s)" in page and "rollcoach report --weeks 52" in page


def test_a_section_without_data_says_what_to_do() -> None:
    page = build(report_input(daily_runs(20, 40, 8, 5)))
    assert list(plots(page)) == ["load"]
    assert "No guided rolling sessions in these weeks" in page
    assert "No soreness check-ins in these weeks" in page
    page = build(report_input(checkins=[checkin(TODAY, calves=3)]))
    assert list(plots(page)) == ["soreness"]
    assert "No runs in these weeks" in page


def test_a_long_window_labels_fewer_weeks() -> None:
    source = report_input(daily_runs(400, 40, 8, 5), weeks=104)
    root = plots(build(source))["load"]
    assert len(ids(root, r"load-distance-bar-\d+")) == 104
    assert ids(root, r"load-ratio-label-\d+") == ["load-ratio-label-103"]  # only the latest
    assert len([t for t in texts(root) if re.fullmatch(r"\d+ [A-Z][a-z]{2}", t)]) <= 16
