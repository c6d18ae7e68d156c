"""Hand-made records for the report tests: intervals, alerts and state changes at local clock
times, and the day built from them. The reported day is Wednesday 25 November 2026 in Berlin."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, tzinfo
from zoneinfo import ZoneInfo

from posture.core.records import (
    AlertRecord,
    BreakRecord,
    IntervalRecord,
    SittingRecord,
    StateChange,
)
from posture.core.vocabulary import Severity
from posture.report.day import DayReport, build_day

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
DAY = date(2026, 11, 25)


def at(day: date, hh_mm: str, zone: tzinfo = BERLIN) -> float:
    """Epoch seconds of a local clock time."""
    return datetime.combine(day, time.fromisoformat(hh_mm), tzinfo=zone).timestamp()


def interval(
    start_s: float,
    seconds: float = 60.0,
    *,
    good: float | None = None,
    issues: dict[str, float] | None = None,
    away: float = 0.0,
    paused: float = 0.0,
    unavailable: float = 0.0,
    profile: str | None = None,
    id: int = 0,
) -> IntervalRecord:
    """One stored interval; by default wholly monitored and good."""
    monitored = seconds - away - paused - unavailable
    return IntervalRecord(
        id,
        start_s,
        start_s + seconds,
        monitored,
        monitored if good is None else good,
        away,
        unavailable,
        paused,
        issues or {},
        None,
        profile,
    )


def minutes_of(start_s: float, count: int, **kwargs: object) -> list[IntervalRecord]:
    """`count` touching one-minute intervals from `start_s`."""
    return [interval(start_s + 60.0 * i, **kwargs) for i in range(count)]  # type: ignore[arg-type]


def change(t_s: float, kind: str, value: str) -> StateChange:
    """A stored state change: `kind` took `value` at `t_s`."""
    return StateChange(0, t_s, kind, value)  # type: ignore[arg-type]


def alert(
    t_s: float,
    *,
    corrected_s: float | None = None,
    exercise: str | None = "chin_tucks",
    issue: str | None = "slouch",
) -> AlertRecord:
    """A mild posture alert shown at `t_s`, corrected at `corrected_s` when given."""
    return AlertRecord(0, t_s, "posture", issue, Severity.MILD, exercise, "Sit tall.", corrected_s)


def day_of(
    intervals: Sequence[IntervalRecord] = (),
    *,
    day: date = DAY,
    zone: tzinfo = BERLIN,
    alerts: Sequence[AlertRecord] = (),
    sittings: Sequence[SittingRecord] = (),
    breaks: Sequence[BreakRecord] = (),
    changes: Sequence[StateChange] = (),
) -> DayReport:
    """The report of `day` built from these records (no exercise titles)."""
    return build_day(day, zone, intervals, alerts, sittings, breaks, changes)


T0 = at(DAY, "09:00")


def at_min(minutes: float) -> float:
    """`minutes` after T0 (09:00 on DAY), in epoch seconds."""
    return T0 + 60.0 * minutes


def scored_day(day: date, monitored_min: int, good_min: int) -> list[IntervalRecord]:
    """A morning from 09:00: `good_min` good minutes, then slouching up to `monitored_min`."""
    return minutes_of(at(day, "09:00"), good_min) + minutes_of(
        at(day, "09:00") + 60.0 * good_min,
        monitored_min - good_min,
        good=0.0,
        issues={"slouch": 60.0},
    )
