"""The seam of the history: the store the monitor writes and the reports read, and the
storage errors every adapter raises in the same words."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from typing import Protocol

from posture.core.records import (
    AlertKind,
    AlertRecord,
    BreakRecord,
    IntervalRecord,
    ProfileRecord,
    SittingRecord,
    StateChange,
    StateKind,
)
from posture.core.vocabulary import Severity
from posture.errors import UserError

# -- The history ------------------------------------------------------------------------------


class StorageError(UserError):
    """The history database could not be used; the message says which file and why."""

    def __init__(self, message: str, exit_status: int = 1) -> None:
        super().__init__(message, exit_status)


class StorageFull(StorageError):
    """The disk is full: this write was not saved, earlier ones are intact."""


class StorageReadOnly(StorageError):
    """The data folder or the history file cannot be written now; nothing was changed."""


class StorageLocked(StorageError):
    """Another program kept the database locked for longer than the busy timeout."""


class NewerDatabase(StorageError):
    """The database was written by a newer version of Posture; it is never downgraded."""


class HistoryWriter(Protocol):
    """What the monitor loop records: each call is one committed write."""

    def transaction(self) -> AbstractContextManager[None]: ...

    def add_interval(
        self,
        *,
        start_s: float,
        end_s: float,
        monitored_s: float,
        good_s: float,
        away_s: float = 0.0,
        unavailable_s: float = 0.0,
        paused_s: float = 0.0,
        drifted_s: float = 0.0,
        issue_s: Mapping[str, float] | None = None,
        score: float | None = None,
        profile: str | None = None,
    ) -> int: ...

    def add_state_change(
        self, t_s: float, kind: StateKind, value: str, detail: str | None = None
    ) -> int: ...

    def add_alert(
        self,
        *,
        t_s: float,
        kind: AlertKind,
        severity: Severity,
        message: str,
        issue: str | None = None,
        exercise: str | None = None,
    ) -> int: ...

    def mark_alert_corrected(self, alert_id: int, t_s: float) -> bool: ...

    def mark_exercise_done(self, alert_id: int, t_s: float) -> bool: ...

    def add_sitting(self, start_s: float, end_s: float) -> None: ...

    def add_break(self, start_s: float, end_s: float) -> None: ...


class HistoryReader(Protocol):
    """What the report reads back: every record overlapping a span of time."""

    def intervals_between(self, start_s: float, end_s: float) -> list[IntervalRecord]: ...

    def state_changes_between(self, start_s: float, end_s: float) -> list[StateChange]: ...

    def alerts_between(self, start_s: float, end_s: float) -> list[AlertRecord]: ...

    def sittings_between(self, start_s: float, end_s: float) -> list[SittingRecord]: ...

    def breaks_between(self, start_s: float, end_s: float) -> list[BreakRecord]: ...


class Profiles(Protocol):
    """Named calibration profiles (one per desk setup); one of them is active."""

    def save_profile(self, name: str, baseline_json: str, activate: bool = True) -> None: ...

    def load_profile(self, name: str | None = None) -> tuple[str, str] | None: ...

    def list_profiles(self) -> list[ProfileRecord]: ...

    def activate_profile(self, name: str) -> bool: ...

    def delete_profile(self, name: str) -> bool: ...


class Snoozes(Protocol):
    """Stretches of time the user asked to keep quiet."""

    def add_snooze(self, start_s: float, until_s: float, reason: str = "") -> int: ...

    def active_snooze(self, now_s: float) -> float | None: ...

    def end_snooze(self, now_s: float) -> int: ...


class Store(HistoryWriter, HistoryReader, Profiles, Snoozes, Protocol):
    """The whole history, as one file holds it."""

    def close(self) -> None: ...
