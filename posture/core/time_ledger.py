"""Where the time went: every second of a run attributed to exactly one state, per interval.

Pure. The monitor reports, at each step, what it observed; the time since the previous step is
credited to the previous observation (what the camera showed then is taken to hold until the
next look). Intervals are cut at fixed boundaries of the clock (every `interval_s`), so stored
summaries tile time without gaps or overlaps and add up exactly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

# "drifted": present, but the desk setup changed since calibrating, so posture is not judged.
Kind = Literal["monitored", "away", "unavailable", "paused", "drifted"]


@dataclass(frozen=True)
class Observation:
    """What one step saw: its kind and, when monitored, the active issues."""

    kind: Kind
    issues: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Interval:
    """Seconds per state within [start_s, end_s)."""

    start_s: float
    end_s: float
    monitored_s: float = 0.0
    good_s: float = 0.0
    away_s: float = 0.0
    unavailable_s: float = 0.0
    paused_s: float = 0.0
    drifted_s: float = 0.0
    issue_s: Mapping[str, float] = field(default_factory=dict)

    @property
    def score(self) -> float | None:
        """Share of monitored time in good posture, 0-100 (None when nothing was monitored)."""
        if self.monitored_s <= 0:
            return None
        return round(100.0 * self.good_s / self.monitored_s, 1)


@dataclass(frozen=True)
class Ledger:
    """The open interval and the observation that holds until the next step."""

    interval_s: float
    current: Interval | None = None
    last_s: float | None = None
    last: Observation | None = None


def _credit(interval: Interval, seconds: float, seen: Observation) -> Interval:
    if seconds <= 0:
        return interval
    if seen.kind == "monitored":
        issue_s = dict(interval.issue_s)
        for name in seen.issues:
            issue_s[name] = issue_s.get(name, 0.0) + seconds
        return replace(
            interval,
            monitored_s=interval.monitored_s + seconds,
            good_s=interval.good_s + (0.0 if seen.issues else seconds),
            issue_s=issue_s,
        )
    attr = f"{seen.kind}_s"
    return replace(interval, **{attr: getattr(interval, attr) + seconds})


def _boundary(t_s: float, interval_s: float) -> float:
    return math.floor(t_s / interval_s) * interval_s


def record(ledger: Ledger, now_s: float, seen: Observation) -> tuple[Ledger, list[Interval]]:
    """Credit the time since the last step to the last observation; return closed intervals."""
    closed: list[Interval] = []
    if ledger.last_s is None or ledger.last is None or ledger.current is None:
        # The first interval starts when watching starts and ends at the next boundary.
        current = Interval(now_s, _boundary(now_s, ledger.interval_s) + ledger.interval_s)
        return replace(ledger, current=current, last_s=now_s, last=seen), closed
    current, t = ledger.current, ledger.last_s
    now_s = max(now_s, t)
    while now_s >= current.end_s:
        current = _credit(current, current.end_s - t, ledger.last)
        closed.append(current)
        t = current.end_s
        current = Interval(t, t + ledger.interval_s)
    current = _credit(current, now_s - t, ledger.last)
    return replace(ledger, current=current, last_s=now_s, last=seen), closed


def close(ledger: Ledger, now_s: float) -> tuple[Ledger, list[Interval]]:
    """Credit time up to `now_s` and close the open interval early (the monitor is stopping)."""
    if ledger.last is None:
        return ledger, []
    ledger, closed = record(ledger, now_s, ledger.last)
    assert ledger.current is not None
    partial = replace(ledger.current, end_s=now_s)
    if partial.end_s > partial.start_s:
        closed.append(partial)
    return Ledger(ledger.interval_s), closed
