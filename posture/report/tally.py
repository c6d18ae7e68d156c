"""Stored records shared out over a span of time: the arithmetic under every figure. Pure.

Intervals (about a minute each) are split at day and hour cuts in proportion to time: the state
within one stored interval is taken to be uniform, so an interval from 23:59:30 to 00:00:30
gives half of each of its seconds to either day. Sitting sessions and breaks are clipped to the
span instead, so one across midnight is split between the two days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from posture.core.local_calendar import share_inside
from posture.core.records import BreakRecord, IntervalRecord, SittingRecord
from posture.core.vocabulary import ISSUE_NAMES
from posture.report.timeline import Span


def score_of(good_s: float, monitored_s: float) -> float | None:
    """100 * good / monitored, or None when nothing was monitored."""
    return 100.0 * good_s / monitored_s if monitored_s > 0 else None


@dataclass(frozen=True)
class Tally:
    """The seconds of each kind that intervals spent within one span."""

    monitored_s: float = 0.0
    good_s: float = 0.0
    away_s: float = 0.0
    unavailable_s: float = 0.0
    paused_s: float = 0.0
    drifted_s: float = 0.0

    @property
    def recorded_s(self) -> float:
        """Any interval time: monitored, away, unavailable, paused or setup changed."""
        return self.monitored_s + self.away_s + self.unavailable_s + self.paused_s + self.drifted_s


def tally(intervals: Iterable[IntervalRecord], lo_s: float, hi_s: float) -> Tally:
    """The seconds of each kind within [lo_s, hi_s), each interval shared out by time."""
    monitored = good = away = unavailable = paused = drifted = 0.0
    for iv in intervals:
        part = share_inside(iv.start_s, iv.end_s, lo_s, hi_s)
        if part <= 0:
            continue
        monitored += part * iv.monitored_s
        good += part * iv.good_s
        away += part * iv.away_s
        unavailable += part * iv.unavailable_s
        paused += part * iv.paused_s
        drifted += part * iv.drifted_s
    return Tally(monitored, good, away, unavailable, paused, drifted)


def issue_seconds(
    intervals: Iterable[IntervalRecord], lo_s: float, hi_s: float
) -> dict[str, float]:
    """Seconds per issue within [lo_s, hi_s): every known issue in vocabulary order, then any
    others; issues may overlap, so they can add up to more than the bad time."""
    seconds = dict.fromkeys(ISSUE_NAMES, 0.0)
    for iv in intervals:
        part = share_inside(iv.start_s, iv.end_s, lo_s, hi_s)
        if part <= 0:
            continue
        for name, issue_s in iv.issue_s.items():
            seconds[name] = seconds.get(name, 0.0) + part * issue_s
    return seconds


def clipped(
    spans: Iterable[SittingRecord | BreakRecord], lo_s: float, hi_s: float
) -> tuple[Span, ...]:
    """Sitting sessions or breaks cut to [lo_s, hi_s), earliest first; none left empty."""
    out = [Span(max(s.start_s, lo_s), min(s.end_s, hi_s)) for s in spans]
    return tuple(sorted((s for s in out if s.end_s > s.start_s), key=lambda s: s.start_s))
