"""The report's headline numbers, rounded once for every output. Pure.

The JSON export's `figures`, the HTML page's `data-figure` marks, the CSV columns and the
terminal summary all show these same rounded values, so they always agree. Durations are in
minutes to one decimal (`*_min`), shares in percent to one decimal (`*_pct`), scores are whole
numbers from 0 to 100 (rounded half up), counts are whole numbers; a figure that does not
apply (the score of a day with nothing monitored) is None.

Keys, in this order (a public contract: add new ones, never rename):
monitored_min, good_min, bad_min, away_min, unavailable_min, paused_min, good_share_pct, score,
longest_good_min, alerts_sent, alerts_corrected, sittings, sitting_min, longest_sitting_min,
breaks, break_min, previous_day_score, score_vs_previous_day, week_average_score, score_vs_week,
week_average_monitored_min, setup_changed_min (present but not judged: the desk setup had
changed), exercises_done (notifications answered "Done"), then `issue:<name>` (minutes) for
every issue in vocabulary order.
A week's totals: monitored_min, good_min, bad_min, away_min, good_share_pct, score,
longest_good_min (the longest within one day), alerts_sent, alerts_corrected, sitting_min,
longest_sitting_min, breaks, days_with_data, then the issues.
"""

from __future__ import annotations

import math

from posture.core.durations import rounded_minutes
from posture.report.day import DayReport
from posture.report.week import WeekReport

Figure = int | float | None


def whole_score(score: float | None) -> int | None:
    """A 0-100 score as a whole number, rounded half up."""
    return None if score is None else math.floor(score + 0.5)


def _pct(score: float | None) -> float | None:
    return None if score is None else round(score, 1)


def _change(now: int | None, before: int | None) -> int | None:
    return None if now is None or before is None else now - before


def day_figures(report: DayReport) -> dict[str, Figure]:
    """The day's figures by key (see the module docstring)."""
    score = whole_score(report.score)
    previous = whole_score(report.previous_day.score)
    week = whole_score(report.week_average.score)
    per_day = report.week_average.monitored_s_per_day
    figures: dict[str, Figure] = {
        "monitored_min": rounded_minutes(report.monitored_s),
        "good_min": rounded_minutes(report.good_s),
        "bad_min": rounded_minutes(report.bad_s),
        "away_min": rounded_minutes(report.away_s),
        "unavailable_min": rounded_minutes(report.unavailable_s),
        "paused_min": rounded_minutes(report.paused_s),
        "good_share_pct": _pct(report.score),
        "score": score,
        "longest_good_min": rounded_minutes(
            report.longest_good.seconds if report.longest_good else 0.0
        ),
        "alerts_sent": report.alerts_sent,
        "alerts_corrected": report.alerts_corrected,
        "sittings": len(report.sittings),
        "sitting_min": rounded_minutes(report.sitting_s),
        "longest_sitting_min": rounded_minutes(report.longest_sitting_s),
        "breaks": report.breaks_taken,
        "break_min": rounded_minutes(report.break_s),
        "previous_day_score": previous,
        "score_vs_previous_day": _change(score, previous),
        "week_average_score": week,
        "score_vs_week": _change(score, week),
        "week_average_monitored_min": None if per_day is None else rounded_minutes(per_day),
        "setup_changed_min": rounded_minutes(report.setup_changed_s),
        "exercises_done": report.exercises_done,
    }
    figures.update({f"issue:{name}": rounded_minutes(s) for name, s in report.issue_s.items()})
    return figures


def week_figures(week: WeekReport) -> dict[str, Figure]:
    """The week's totals by key (see the module docstring)."""
    figures: dict[str, Figure] = {
        "monitored_min": rounded_minutes(week.monitored_s),
        "good_min": rounded_minutes(week.good_s),
        "bad_min": rounded_minutes(max(0.0, week.monitored_s - week.good_s)),
        "away_min": rounded_minutes(week.away_s),
        "good_share_pct": _pct(week.score),
        "score": whole_score(week.score),
        "longest_good_min": rounded_minutes(week.longest_good_s),
        "alerts_sent": week.alerts_sent,
        "alerts_corrected": week.alerts_corrected,
        "sitting_min": rounded_minutes(week.sitting_s),
        "longest_sitting_min": rounded_minutes(week.longest_sitting_s),
        "breaks": week.breaks_taken,
        "days_with_data": week.days_with_data,
    }
    figures.update({f"issue:{name}": rounded_minutes(s) for name, s in week.issue_s.items()})
    return figures


def show(value: Figure) -> str:
    """A figure as the page and the terminal print it: '372.5', '372', '74', or '-'."""
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return f"{value:.1f}".removesuffix(".0")


def signed(value: int | None) -> str:
    """A change as '+6', '-3' or '0' ('-' when unknown)."""
    if value is None:
        return "-"
    return f"{value:+d}" if value else "0"
