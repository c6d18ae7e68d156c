"""The daily posture report: every figure of one local day, computed from stored records. Pure.

Days are cut at local midnight in the user's zone (see `core.local_calendar`), so a day may last
23, 24 or 25 hours. Pass the records of the day *and of the seven days before it* (plus any
interval that began shortly before the first of them): the report compares the day with the
previous day and with those seven (`report.comparisons`), and reads the state at midnight from
earlier state changes. Records outside the days are ignored, so passing more is harmless.

How records become figures:

- Intervals are split at day and hour cuts in proportion to time, and sitting sessions and
  breaks are clipped to the day (`report.tally`); `breaks_taken` counts the breaks that began on
  the day.
- `score` is the time-weighted share of good posture on a 0-100 scale: 100 * good / monitored
  over the day, so a long good hour outweighs a short bad minute. Issues may overlap, so the
  seconds per issue can add up to more than the bad time (`monitored_s - good_s`).
- The longest good streak is the longest unbroken stretch of present-and-good time on the
  timeline (`posture.report.timeline`), cut at midnight. When no posture state was ever
  recorded, it falls back to the longest run of wholly good, touching intervals.
- Alerts, and exercises suggested by them, count on the day they were shown. An alert counts as
  corrected when the store noted a correction (`corrected_at_s`) after it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from posture.core.local_calendar import day_bounds, local_hours, share_inside, zone_name
from posture.core.records import (
    AlertRecord,
    BreakRecord,
    IntervalRecord,
    SittingRecord,
    StateChange,
)
from posture.report.comparisons import (
    COMPARE_DAYS,
    TREND_DAYS,
    DayTotals,
    WeekAverage,
    day_totals,
    week_average,
)
from posture.report.tally import clipped, issue_seconds, score_of, tally
from posture.report.timeline import (
    Segment,
    Span,
    longest_good,
    longest_good_from_intervals,
    timeline,
)


@dataclass(frozen=True)
class HourFigures:
    """Monitored and good seconds in one local hour."""

    label: str
    start_s: float
    end_s: float
    monitored_s: float
    good_s: float


@dataclass(frozen=True)
class ExerciseCount:
    """An exercise suggested by alerts, by its library name and title, and how often."""

    name: str
    title: str
    count: int


@dataclass(frozen=True)
class DayReport:
    """Everything the report says about one local day. Seconds are unrounded."""

    day: date
    zone: tzinfo
    start_s: float
    end_s: float
    has_data: bool
    monitored_s: float
    good_s: float
    away_s: float
    unavailable_s: float
    paused_s: float
    issue_s: Mapping[str, float]  # every known issue, in vocabulary order, then any others
    longest_good: Span | None
    alerts: tuple[AlertRecord, ...]
    top_exercise: ExerciseCount | None
    sittings: tuple[Span, ...]  # clipped to the day
    breaks: tuple[Span, ...]  # clipped to the day
    breaks_taken: int  # breaks that began on the day
    hours: tuple[HourFigures, ...]
    timeline: tuple[Segment, ...]
    trend: tuple[DayTotals, ...]  # the seven days ending on `day`, oldest first
    previous_day: DayTotals
    week_average: WeekAverage
    profiles: tuple[str, ...]  # calibration profiles in use, by name
    setup_changed_s: float = 0.0  # present, not judged: the desk setup had changed

    @property
    def zone_name(self) -> str:
        """The zone's IANA name (e.g. 'Europe/Berlin') when it has one."""
        return zone_name(self.zone)

    @property
    def hours_in_day(self) -> float:
        """23, 24 or 25 (other values in zones with odd offsets)."""
        return (self.end_s - self.start_s) / 3600.0

    @property
    def bad_s(self) -> float:
        """Monitored time with at least one issue."""
        return max(0.0, self.monitored_s - self.good_s)

    @property
    def score(self) -> float | None:
        """100 * good / monitored, or None when nothing was monitored."""
        return score_of(self.good_s, self.monitored_s)

    @property
    def alerts_sent(self) -> int:
        """Notifications shown on the day."""
        return len(self.alerts)

    @property
    def exercises_done(self) -> int:
        """Notifications answered "Done": the exercise they suggested was done."""
        return sum(1 for alert in self.alerts if alert.done_at_s is not None)

    @property
    def alerts_corrected(self) -> int:
        """Notifications followed by a correction."""
        return sum(1 for alert in self.alerts if alert.corrected_at_s is not None)

    @property
    def sitting_s(self) -> float:
        """Time spent in sitting sessions on the day."""
        return sum(span.seconds for span in self.sittings)

    @property
    def longest_sitting_s(self) -> float:
        """The longest sitting stretch within the day (0 when none)."""
        return max((span.seconds for span in self.sittings), default=0.0)

    @property
    def break_s(self) -> float:
        """Time spent on breaks on the day."""
        return sum(span.seconds for span in self.breaks)

    @property
    def dominant_issue(self) -> str | None:
        """The issue seen for the longest time, or None when none was seen."""
        name, seconds = max(self.issue_s.items(), key=lambda kv: kv[1], default=("", 0.0))
        return name if seconds > 0 else None

    @property
    def score_vs_previous_day(self) -> float | None:
        """Score points up (+) or down (-) from the previous day."""
        return _difference(self.score, self.previous_day.score)

    @property
    def score_vs_week(self) -> float | None:
        """Score points up (+) or down (-) from the average of the seven days before."""
        return _difference(self.score, self.week_average.score)


def _difference(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def top_exercise(
    alerts: Sequence[AlertRecord], titles: Mapping[str, str] | None = None
) -> ExerciseCount | None:
    """The exercise suggested most often; a tie goes to the one suggested first."""
    counts = Counter(alert.exercise for alert in alerts if alert.exercise)
    if not counts:
        return None
    # Counter keeps first-seen order, and max returns the first of equals.
    name, count = max(counts.items(), key=lambda kv: kv[1])
    return ExerciseCount(name, (titles or {}).get(name, name), count)


def _hours(day: date, zone: tzinfo, intervals: Sequence[IntervalRecord]) -> tuple[HourFigures, ...]:
    figures = []
    for hour in local_hours(day, zone):
        sums = tally(intervals, hour.start_s, hour.end_s)
        figures.append(
            HourFigures(hour.label, hour.start_s, hour.end_s, sums.monitored_s, sums.good_s)
        )
    return tuple(figures)


def _within(t_s: float, lo_s: float, hi_s: float) -> bool:
    return lo_s <= t_s < hi_s


def build_day(
    day: date,
    zone: tzinfo,
    intervals: Sequence[IntervalRecord],
    alerts: Sequence[AlertRecord],
    sittings: Sequence[SittingRecord],
    breaks: Sequence[BreakRecord],
    state_changes: Sequence[StateChange],
    *,
    exercise_titles: Mapping[str, str] | None = None,
) -> DayReport:
    """The report of the local `day` in `zone` (see the module docstring for the rules)."""
    lo_s, hi_s = day_bounds(day, zone)
    in_day = [iv for iv in intervals if share_inside(iv.start_s, iv.end_s, lo_s, hi_s) > 0]
    sums = tally(in_day, lo_s, hi_s)
    day_alerts = tuple(
        sorted((a for a in alerts if _within(a.t_s, lo_s, hi_s)), key=lambda a: (a.t_s, a.id))
    )
    day_sittings = clipped(sittings, lo_s, hi_s)
    day_breaks = clipped(breaks, lo_s, hi_s)
    segments = timeline(state_changes, in_day, lo_s, hi_s)
    known = any(seg.posture in ("good", "issues") for seg in segments)
    streak = longest_good(segments) if known else longest_good_from_intervals(in_day, lo_s, hi_s)
    before = [
        day_totals(day - timedelta(days=n), zone, intervals) for n in range(1, COMPARE_DAYS + 1)
    ]
    this = DayTotals(day, sums.monitored_s, sums.good_s, sums.recorded_s)
    trend = tuple(reversed([this, *before[: TREND_DAYS - 1]]))
    return DayReport(
        day=day,
        zone=zone,
        start_s=lo_s,
        end_s=hi_s,
        has_data=bool(sums.recorded_s > 0 or day_alerts or day_sittings or day_breaks),
        monitored_s=sums.monitored_s,
        good_s=sums.good_s,
        away_s=sums.away_s,
        unavailable_s=sums.unavailable_s,
        paused_s=sums.paused_s,
        issue_s=issue_seconds(in_day, lo_s, hi_s),
        longest_good=streak,
        alerts=day_alerts,
        top_exercise=top_exercise(day_alerts, exercise_titles),
        sittings=day_sittings,
        breaks=day_breaks,
        breaks_taken=sum(1 for b in breaks if _within(b.start_s, lo_s, hi_s)),
        hours=_hours(day, zone, in_day),
        timeline=segments,
        trend=trend,
        previous_day=before[0],
        week_average=week_average(before),
        profiles=tuple(sorted({iv.profile for iv in in_day if iv.profile})),
        setup_changed_s=sums.drifted_s,
    )
