"""A day beside the days before it: each day's headline seconds and the week average. Pure.

The trend shows the day and the six before it. The week average covers the seven days before
the day, counting only days with monitored time: monitored time per such day, and the score
over all their time together. So a report reads the records of its days *and of the seven days
before them* (`days_needed`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from posture.core.local_calendar import day_bounds
from posture.core.records import IntervalRecord
from posture.report.tally import score_of, tally

TREND_DAYS = 7  # the trend shows the day and the six before it
COMPARE_DAYS = 7  # the week average covers the seven days before the day


@dataclass(frozen=True)
class DayTotals:
    """The headline seconds of one day, for trends and comparisons."""

    day: date
    monitored_s: float
    good_s: float
    recorded_s: float  # any interval time: monitored, away, unavailable or paused

    @property
    def has_data(self) -> bool:
        """Whether anything at all was recorded that day."""
        return self.recorded_s > 0

    @property
    def score(self) -> float | None:
        """100 * good / monitored, or None when nothing was monitored."""
        return score_of(self.good_s, self.monitored_s)


@dataclass(frozen=True)
class WeekAverage:
    """The average over the days with monitored time among the seven days before a day."""

    days_with_data: int
    monitored_s_per_day: float | None
    score: float | None


def day_totals(day: date, zone: tzinfo, intervals: Sequence[IntervalRecord]) -> DayTotals:
    """The headline seconds of one local day."""
    lo_s, hi_s = day_bounds(day, zone)
    sums = tally(intervals, lo_s, hi_s)
    return DayTotals(day, sums.monitored_s, sums.good_s, sums.recorded_s)


def week_average(days: Sequence[DayTotals]) -> WeekAverage:
    """The average over the given days that have monitored time."""
    used = [d for d in days if d.monitored_s > 0]
    if not used:
        return WeekAverage(0, None, None)
    monitored = sum(d.monitored_s for d in used)
    return WeekAverage(
        len(used), monitored / len(used), score_of(sum(d.good_s for d in used), monitored)
    )


def days_needed(first_day: date, last_day: date) -> tuple[date, date]:
    """The days whose records reports of `first_day`..`last_day` read: seven more before."""
    return first_day - timedelta(days=COMPARE_DAYS), last_day
