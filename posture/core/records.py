"""The values the history holds: plain frozen records, as the store returns them.

Times are UTC seconds since the epoch; durations are seconds. No record ever holds an image.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

from posture.core.vocabulary import Severity

StateKind = Literal["posture", "presence", "camera", "monitor"]
AlertKind = Literal["posture", "sitting", "setup"]

STATE_KINDS: tuple[str, ...] = get_args(StateKind)
ALERT_KINDS: tuple[str, ...] = get_args(AlertKind)


@dataclass(frozen=True)
class IntervalRecord:
    """A summary of one stretch (about a minute) of monitoring.

    `monitored_s` is the time the user was present and assessed, and `good_s` the part of it
    without any issue. `issue_s` holds seconds per issue name; issues may overlap, so they can
    add up to more than `monitored_s - good_s`. `score` (0-100) is None when nothing was
    assessed; `profile` is the calibration profile in use, if any.
    """

    id: int
    start_s: float
    end_s: float
    monitored_s: float
    good_s: float
    away_s: float
    unavailable_s: float
    paused_s: float
    issue_s: Mapping[str, float] = field(default_factory=dict, hash=False)
    score: float | None = None
    profile: str | None = None
    # Seconds not judged because the desk setup had changed (0 in histories from before).
    drifted_s: float = 0.0


@dataclass(frozen=True)
class StateChange:
    """The moment something changed: posture, presence, camera or the monitor itself.

    `value` is e.g. 'good' or an issue name, 'present', 'away', 'unavailable', 'started'.
    """

    id: int
    t_s: float
    kind: StateKind
    value: str
    detail: str | None = None


@dataclass(frozen=True)
class AlertRecord:
    """A notification that was shown; `corrected_at_s` is when posture became good after it."""

    id: int
    t_s: float
    kind: AlertKind
    issue: str | None
    severity: Severity
    exercise: str | None
    message: str
    corrected_at_s: float | None = None
    done_at_s: float | None = None  # answered "Done": the exercise it suggested was done


@dataclass(frozen=True)
class SittingRecord:
    """One sitting session, from sitting down to getting up."""

    id: int
    start_s: float
    end_s: float


@dataclass(frozen=True)
class BreakRecord:
    """One break away from the desk long enough to count as rest."""

    id: int
    start_s: float
    end_s: float


@dataclass(frozen=True)
class ProfileRecord:
    """A named calibration: the baseline JSON (see `core.baseline`) and whether it is in use."""

    name: str
    created_s: float
    updated_s: float
    active: bool
    baseline_json: str
