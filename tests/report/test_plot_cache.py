"""Each plot is drawn once per distinct input: the same data never redraws, new data does."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from rollcoach.knowledge.loader import load_knowledge
from rollcoach.report import ReportData, ReportInput, report_data
from rollcoach.report.plots import (
    PLOTS_KEPT,
    drawn,
    drawn_once,
    load_plot,
    rolling_plot,
    soreness_plot,
    week_label,
)
from tests.report.builders import (
    TODAY,
    activity,
    checkin,
    counted_draws,
    full_history,
    report_input,
)

WEEK = load_knowledge().week
SALTS = ["rollcoach-load", "rollcoach-rolling", "rollcoach-soreness"]


def draw_all(source: ReportInput) -> list[str]:
    data = report_data(source, WEEK)
    return [load_plot(data), rolling_plot(data), soreness_plot(data)]


def test_the_same_data_is_drawn_once(monkeypatch: pytest.MonkeyPatch) -> None:
    draws = counted_draws(monkeypatch)
    first = draw_all(full_history())
    assert draw_all(full_history()) == first  # equal records, read afresh
    assert draws == SALTS


def test_a_new_check_in_redraws_the_soreness_plot_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    draws = counted_draws(monkeypatch)
    source = full_history()
    draw_all(source)
    draws.clear()
    new = checkin(TODAY - timedelta(days=1), 200, adductors=7)
    *_, soreness = draw_all(replace(source, checkins=[*source.checkins, new]))
    assert draws == ["rollcoach-soreness"]
    assert 'id="soreness-area-adductors"' in soreness


def test_a_new_run_redraws_the_load_plot_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    draws = counted_draws(monkeypatch)
    source = full_history()  # 8 km a day; TODAY is a Monday, alone in its week
    draw_all(source)
    draws.clear()
    long_run = activity(TODAY, 120, 25.0, rpe=6, id=500)
    load, *_ = draw_all(replace(source, activities=[long_run, *source.activities]))
    assert draws == ["rollcoach-load"]
    assert f"Week of {week_label(TODAY)}: 33.0 km" in load


def test_the_plots_kept_are_bounded() -> None:
    days: list[date] = []

    @drawn_once(lambda data: data.today)
    def dated(data: ReportData) -> str:
        days.append(data.today)
        return data.today.isoformat()

    data = report_data(report_input(), WEEK)
    dates = [replace(data, today=TODAY + timedelta(days=n)) for n in range(PLOTS_KEPT + 1)]
    drawn.cache_clear()
    for each in dates:
        dated(each)
    assert drawn.cache_info().currsize == PLOTS_KEPT
    dated(dates[-1])
    assert len(days) == PLOTS_KEPT + 1  # the newest is kept
    dated(dates[0])
    assert len(days) == PLOTS_KEPT + 2  # the oldest was dropped, so drawn again
