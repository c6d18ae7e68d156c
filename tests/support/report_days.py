"""A realistic day of posture history, written into a real store for the report tests.

A script of (minutes, what) steps plays out on the real accounting ledger
(`posture.core.time_ledger`) at one look every five seconds, so the stored intervals are exactly
what the monitor would store. State changes are written on change, as the monitor writes them; an
alert follows each issue that lasts two minutes (corrected when the issue clears within five),
sitting sessions are the stretches at the desk, and breaks are absences of five minutes or more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo

from posture.adapters.sqlite.store import SqliteStore
from posture.core import time_ledger as accounting
from posture.core.time_ledger import Ledger, Observation
from posture.core.vocabulary import Severity

STEP_S = 5.0
BREAK_MIN_S = 300.0
CORRECTION_WINDOW_S = 300.0

# What happens, in order: minutes, then 'good', comma-joined issues, 'away', 'unavailable' or
# 'paused'.
WORKDAY: tuple[tuple[float, str], ...] = (
    (42, "good"),
    (6, "slouch"),
    (25, "good"),
    (3, "forward_head"),
    (18, "good"),
    (4, "forward_head,slouch"),
    (9, "good"),
    (11, "away"),
    (35, "good"),
    (7, "head_down"),
    (20, "good"),
    (2, "unavailable"),
    (14, "good"),
    (9, "slouch"),
    (50, "away"),
    (28, "good"),
    (5, "lean"),
    (40, "good"),
    (12, "slouch"),
    (6, "paused"),
    (22, "good"),
    (3, "shoulder_tilt"),
    (31, "good"),
    (8, "away"),
    (26, "good"),
    (4, "too_close"),
    (15, "good"),
    (6, "slouch,forward_head"),
    (19, "good"),
)
EXERCISES = ("chin_tucks", "shoulder_rolls", "chin_tucks", "pelvic_tilts")


@dataclass(frozen=True)
class Written:
    """What the factory wrote, for the tests to compare with."""

    start_s: float
    end_s: float
    alerts: int
    corrected: int


def _observation(what: str) -> Observation:
    if what in ("away", "unavailable", "paused"):
        return Observation(what)  # type: ignore[arg-type]
    issues = frozenset() if what == "good" else frozenset(what.split(","))
    return Observation("monitored", issues)


def write_script(
    store: SqliteStore,
    start_s: float,
    script: Sequence[tuple[float, str]],
    *,
    profile: str | None = "desk",
    exercises: Sequence[str] = EXERCISES,
    message: str = "Time to sit tall again.",
) -> Written:
    """Play `script` from `start_s` into `store`, as the monitor would record it."""
    ledger = Ledger(60.0)
    t = start_s
    last: dict[str, str] = {}
    alerts = corrected = 0
    sitting_start: float | None = None
    away_start: float | None = None

    def change(kind: str, value: str, at_s: float) -> None:
        if last.get(kind) != value:
            last[kind] = value
            store.add_state_change(at_s, kind, value)  # type: ignore[arg-type]

    def flush(closed: list[accounting.Interval]) -> None:
        for iv in closed:
            store.add_interval(
                start_s=iv.start_s,
                end_s=iv.end_s,
                monitored_s=iv.monitored_s,
                good_s=iv.good_s,
                away_s=iv.away_s,
                unavailable_s=iv.unavailable_s,
                paused_s=iv.paused_s,
                issue_s=dict(iv.issue_s),
                score=iv.score,
                profile=profile,
            )

    change("monitor", "started", t)
    for minutes, what in script:
        seg_start, seg_end = t, t + minutes * 60.0
        seen = _observation(what)
        if what == "unavailable":
            change("camera", "unavailable", t)
        elif what != "paused":
            change("camera", "available", t)
            present = what != "away"
            change("presence", "present" if present else "away", t)
            change("posture", what if present else "away", t)
            if present and sitting_start is None:
                sitting_start = t
                if away_start is not None and t - away_start >= BREAK_MIN_S:
                    store.add_break(away_start, t)
                away_start = None
            if not present and away_start is None:
                away_start = t
                if sitting_start is not None:
                    store.add_sitting(sitting_start, t)
                    sitting_start = None
        if what not in ("good", "away", "unavailable", "paused") and minutes >= 2:
            issue = min(what.split(","))
            alert_id = store.add_alert(
                t_s=seg_start + 60.0,
                kind="posture",
                severity=Severity.MODERATE,
                message=message,
                issue=issue,
                exercise=exercises[alerts % len(exercises)],
            )
            alerts += 1
            if seg_end - (seg_start + 60.0) <= CORRECTION_WINDOW_S:
                store.mark_alert_corrected(alert_id, seg_end)
                corrected += 1
        while t < seg_end:
            ledger, closed = accounting.record(ledger, t, seen)
            flush(closed)
            t = min(seg_end, t + STEP_S)
        ledger, closed = accounting.record(ledger, t, seen)
        flush(closed)
    ledger, closed = accounting.close(ledger, t)
    flush(closed)
    if sitting_start is not None:
        store.add_sitting(sitting_start, t)
    change("monitor", "stopped", t)
    return Written(start_s, t, alerts, corrected)


def local_s(day: date, hh_mm: str, zone: tzinfo) -> float:
    """Epoch seconds of a local clock time on `day`."""
    return datetime.combine(day, time.fromisoformat(hh_mm), tzinfo=zone).timestamp()
