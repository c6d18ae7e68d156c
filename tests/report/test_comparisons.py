"""A day beside the days before it: the previous day, the week average and the trend."""

from __future__ import annotations

from datetime import timedelta

import pytest

from posture.report.figures import day_figures
from tests.support.report_records import DAY, day_of, scored_day


def test_comparison_with_the_previous_day_and_the_week_average() -> None:
    ivs = (
        scored_day(DAY, 100, 80)
        + scored_day(DAY - timedelta(days=1), 60, 30)
        + scored_day(DAY - timedelta(days=3), 120, 108)
        + scored_day(DAY - timedelta(days=8), 600, 600)
    )  # too old for the average
    report = day_of(ivs)
    assert report.previous_day.score == pytest.approx(50)
    assert report.week_average.days_with_data == 2
    assert report.week_average.monitored_s_per_day == pytest.approx(90 * 60)
    assert report.week_average.score == pytest.approx(100 * 138 / 180)
    figures = day_figures(report)
    assert figures["score_vs_previous_day"] == 30
    assert figures["week_average_score"] == 77 and figures["score_vs_week"] == 3
    assert [t.day for t in report.trend] == [DAY - timedelta(days=n) for n in range(6, -1, -1)]
    assert [round(t.monitored_s / 60) for t in report.trend] == [0, 0, 0, 120, 0, 60, 100]


def test_no_earlier_days_means_no_comparison() -> None:
    report = day_of(scored_day(DAY, 10, 5))
    assert report.previous_day.score is None and report.week_average.score is None
    assert report.score_vs_previous_day is None and report.score_vs_week is None
    assert day_figures(report)["score_vs_week"] is None
