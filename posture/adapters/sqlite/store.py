"""The posture history: a `Store` protocol and its SQLite adapter, `SqliteStore`.

Each write is its own committed transaction, so a killed process loses at most the write in
progress; `transaction()` groups several writes atomically. The database runs in WAL mode with
`synchronous=FULL`: a commit is on disk before the call returns, even across a power cut (at
one write a minute the extra fsync costs nothing). A database that another program keeps
locked is waited for; a full disk raises `StorageFull` and leaves the database intact, so the
monitor can say so and go on.
"""

from __future__ import annotations

import errno
import json
import logging
import math
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self, cast

from posture.adapters.private_files import make_private_folders
from posture.adapters.sqlite.file import (
    APPLICATION_ID,
    Verdict,
    create_private,
    inspect,
    make_sidecars_private,
    move_aside,
)
from posture.adapters.sqlite.migrations import MIGRATIONS
from posture.core.records import (
    ALERT_KINDS,
    STATE_KINDS,
    AlertKind,
    AlertRecord,
    BreakRecord,
    IntervalRecord,
    ProfileRecord,
    SittingRecord,
    StateChange,
    StateKind,
)
from posture.core.vocabulary import ISSUE_NAMES, Severity
from posture.ports import NewerDatabase, StorageError, StorageFull, StorageLocked

log = logging.getLogger(__name__)

DEFAULT_BUSY_TIMEOUT_S = 5.0
# Rounding slack when checking that one duration fits inside another.
_SLACK_S = 1e-6


def _storage_error(exc: sqlite3.DatabaseError, path: Path, busy_timeout_s: float) -> StorageError:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == sqlite3.SQLITE_FULL or "database or disk is full" in str(exc):
        return StorageFull(
            f"The disk holding the history database {path} is full; free some "
            "space so that posture history can be saved again."
        )
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StorageLocked(
            f"The history database {path} stayed locked by another program "
            f"for {busy_timeout_s:g} s; close any other running Posture and "
            "try again."
        )
    return StorageError(f"The history database {path} could not be used: {exc}.")


@contextmanager
def _translated(path: Path, busy_timeout_s: float) -> Iterator[None]:
    """Turn SQLite's operational failures into StorageError; let programming errors through."""
    try:
        yield
    except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
        raise
    except sqlite3.DatabaseError as exc:
        raise _storage_error(exc, path, busy_timeout_s) from exc


@contextmanager
def _file_errors(path: Path) -> Iterator[None]:
    """Turn a failure to create, tighten or rename the database file into StorageError."""
    try:
        yield
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise StorageFull(f"The disk holding the history database {path} is full.") from exc
        raise StorageError(
            f"Cannot prepare the history database {path}: {exc.strerror or exc}."
        ) from exc


def _finite(name: str, value: float, *, minimum: float | None = 0.0) -> float:
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, not {value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value!r}")
    return float(value)


def _span(start_s: float, end_s: float) -> tuple[float, float]:
    start, end = _finite("start_s", start_s, minimum=None), _finite("end_s", end_s, minimum=None)
    if end < start:
        raise ValueError(f"end_s ({end}) is before start_s ({start})")
    return start, end


def _known_issue(issue: str) -> str:
    if issue not in ISSUE_NAMES:
        raise ValueError(f"unknown issue {issue!r}; known issues: {', '.join(ISSUE_NAMES)}")
    return issue


class SqliteStore:
    """The history in one SQLite file. Use it from the thread that opened it."""

    def __init__(
        self, db: sqlite3.Connection, path: Path, busy_timeout_s: float, clock: Callable[[], float]
    ) -> None:
        """Wrap an open, migrated connection; call `SqliteStore.open` instead."""
        self._db = db
        self._path = path
        self._busy_timeout_s = busy_timeout_s
        self._clock = clock
        self._depth = 0

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
        clock: Callable[[], float] = time.time,
    ) -> SqliteStore:
        """Open (or create) the history database at `path`, migrating it to this version.

        The file is created owner-only. A corrupt or foreign file is moved aside to
        `<name>.corrupt-<UTC time>` with a warning, and a fresh database takes its place.
        Raises NewerDatabase for a database from a newer Posture, StorageLocked when it stays
        locked past `busy_timeout_s`, and StorageError for other failures.
        """
        path = Path(path)
        with _file_errors(path):
            make_private_folders(path.parent)
            create_private(path)
        with _translated(path, busy_timeout_s):
            found = inspect(path, busy_timeout_s)
        if found.verdict in (Verdict.CORRUPT, Verdict.FOREIGN):
            with _file_errors(path):
                moved = move_aside(path, clock())
                create_private(path)
            log.warning(
                "The history database %s was %s (%s); moved it aside to %s and started a new one.",
                path,
                found.verdict.value,
                found.reason,
                moved,
            )
        elif found.user_version > len(MIGRATIONS):
            raise _newer(path, found.user_version)
        with _translated(path, busy_timeout_s):
            db = sqlite3.connect(path, timeout=busy_timeout_s, isolation_level=None)
        store = cls(db, path, busy_timeout_s, clock)
        try:
            store._configure()
            store._migrate()
            make_sidecars_private(path)
        except BaseException:
            db.close()
            raise
        return store

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    def _configure(self) -> None:
        with _translated(self._path, self._busy_timeout_s):
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("PRAGMA foreign_keys = ON")
        if str(mode).lower() != "wal":
            log.warning(
                "The history database %s cannot use WAL mode here (journal mode %s); "
                "other programs may wait longer for it.",
                self._path,
                mode,
            )

    def _migrate(self) -> None:
        if (
            self._pragma("user_version") == len(MIGRATIONS)
            and self._pragma("application_id") == APPLICATION_ID
        ):
            return
        with self.transaction():  # re-read under the write lock: another process may have won
            version = self._pragma("user_version")
            if version > len(MIGRATIONS):
                raise _newer(self._path, version)
            for step in MIGRATIONS[version:]:
                log.info("Migrating the history database %s: %s", self._path, step.__name__)
                step(self._db)
            # PRAGMA takes no parameters; both values are integers from this code.
            self._db.execute(f"PRAGMA user_version = {len(MIGRATIONS):d}")
            self._db.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")

    def _pragma(self, name: str) -> int:
        with _translated(self._path, self._busy_timeout_s):
            return int(self._db.execute(f"PRAGMA {name}").fetchone()[0])

    # --- transactions ------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes so that all or none are saved; nested calls become savepoints.

        The outermost one takes the write lock at once (BEGIN IMMEDIATE), so waiting for a
        busy database happens here rather than failing midway.
        """
        outer = self._depth == 0
        savepoint = f"posture_{self._depth}"
        with _translated(self._path, self._busy_timeout_s):
            self._db.execute("BEGIN IMMEDIATE" if outer else f"SAVEPOINT {savepoint}")
        self._depth += 1
        try:
            with _translated(self._path, self._busy_timeout_s):
                yield
        except BaseException:
            self._depth -= 1
            self._undo(outer, savepoint)
            raise
        self._depth -= 1
        try:
            with _translated(self._path, self._busy_timeout_s):
                self._db.execute("COMMIT" if outer else f"RELEASE {savepoint}")
        except BaseException:
            self._undo(outer, savepoint)
            raise

    def _undo(self, outer: bool, savepoint: str) -> None:
        """Roll back after a failure; SQLite may already have done so (e.g. on a full disk)."""
        if not self._db.in_transaction:
            return
        try:
            if outer:
                self._db.execute("ROLLBACK")
            else:
                self._db.execute(f"ROLLBACK TO {savepoint}")
                self._db.execute(f"RELEASE {savepoint}")
        except sqlite3.Error as exc:
            log.debug("Rollback after a failed write did not run: %s", exc)

    def _insert(self, sql: str, params: tuple[Any, ...]) -> int:
        with self.transaction():
            row_id = self._db.execute(sql, params).lastrowid
        return int(cast(int, row_id))

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with _translated(self._path, self._busy_timeout_s):
            return list(self._db.execute(sql, params).fetchall())

    # --- writes ------------------------------------------------------------------------------

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
        issue_s: Mapping[str, float] | None = None,
        score: float | None = None,
        profile: str | None = None,
    ) -> int:
        """Save one interval summary and its seconds per issue; return its id.

        Issues with zero seconds are not stored. Raises ValueError for impossible values.
        """
        start, end = _span(start_s, end_s)
        monitored = _finite("monitored_s", monitored_s)
        good = _finite("good_s", good_s)
        if good > monitored + _SLACK_S:
            raise ValueError(f"good_s ({good}) exceeds monitored_s ({monitored})")
        issues = {
            _known_issue(name): _finite(f"issue_s[{name!r}]", seconds)
            for name, seconds in (issue_s or {}).items()
        }
        for name, seconds in issues.items():
            if seconds > monitored + _SLACK_S:
                raise ValueError(f"issue_s[{name!r}] ({seconds}) exceeds monitored_s ({monitored})")
        if score is not None and not 0.0 <= _finite("score", score) <= 100.0:
            raise ValueError(f"score must be within 0-100, not {score}")
        with self.transaction():
            interval_id = int(
                cast(
                    int,
                    self._db.execute(
                        "INSERT INTO intervals (start_s, end_s, monitored_s, good_s, away_s,"
                        " unavailable_s, paused_s, score, profile)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            start,
                            end,
                            monitored,
                            good,
                            _finite("away_s", away_s),
                            _finite("unavailable_s", unavailable_s),
                            _finite("paused_s", paused_s),
                            score,
                            profile,
                        ),
                    ).lastrowid,
                )
            )
            self._db.executemany(
                "INSERT INTO interval_issues (interval_id, issue, seconds) VALUES (?, ?, ?)",
                [
                    (interval_id, name, seconds)
                    for name, seconds in sorted(issues.items())
                    if seconds > 0
                ],
            )
        return interval_id

    def add_state_change(
        self, t_s: float, kind: StateKind, value: str, detail: str | None = None
    ) -> int:
        """Save the moment posture, presence, the camera or the monitor changed; return its id."""
        if kind not in STATE_KINDS:
            raise ValueError(f"unknown state kind {kind!r}; known: {', '.join(STATE_KINDS)}")
        return self._insert(
            "INSERT INTO state_changes (t_s, kind, value, detail) VALUES (?, ?, ?, ?)",
            (_finite("t_s", t_s, minimum=None), kind, value, detail),
        )

    def add_alert(
        self,
        *,
        t_s: float,
        kind: AlertKind,
        severity: Severity,
        message: str,
        issue: str | None = None,
        exercise: str | None = None,
    ) -> int:
        """Save a notification that was shown; return its id for `mark_alert_corrected`."""
        if kind not in ALERT_KINDS:
            raise ValueError(f"unknown alert kind {kind!r}; known: {', '.join(ALERT_KINDS)}")
        return self._insert(
            "INSERT INTO alerts (t_s, kind, issue, severity, exercise, message)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                _finite("t_s", t_s, minimum=None),
                kind,
                None if issue is None else _known_issue(issue),
                int(Severity(severity)),
                exercise,
                message,
            ),
        )

    def mark_alert_corrected(self, alert_id: int, t_s: float) -> bool:
        """Note when posture became good after an alert; the first time counts.

        Returns False when it was already marked. Raises KeyError for an unknown alert and
        ValueError for a time before the alert.
        """
        corrected = _finite("t_s", t_s, minimum=None)
        with self.transaction():
            row = self._db.execute(
                "SELECT t_s, corrected_at_s FROM alerts WHERE id = ?", (alert_id,)
            ).fetchone()
            if row is None:
                raise KeyError(f"no alert with id {alert_id}")
            if row[1] is not None:
                return False
            if corrected < row[0]:
                raise ValueError(f"t_s ({corrected}) is before the alert ({row[0]})")
            self._db.execute(
                "UPDATE alerts SET corrected_at_s = ? WHERE id = ?", (corrected, alert_id)
            )
        return True

    def add_sitting(self, start_s: float, end_s: float) -> None:
        """Save a sitting session, or extend the one that began at `start_s`.

        Saving the open sitting again each interval means a crash loses at most one interval.
        """
        self._save_span("sittings", start_s, end_s)

    def add_break(self, start_s: float, end_s: float) -> None:
        """Save a break, or extend the one that began at `start_s`."""
        self._save_span("breaks", start_s, end_s)

    def _save_span(self, table: str, start_s: float, end_s: float) -> None:
        start, end = _span(start_s, end_s)
        with self.transaction():
            self._db.execute(
                f"INSERT INTO {table} (start_s, end_s) VALUES (?, ?)"
                " ON CONFLICT (start_s) DO UPDATE SET end_s = excluded.end_s",
                (start, end),
            )

    def save_profile(self, name: str, baseline_json: str, activate: bool = True) -> None:
        """Create or replace the named calibration; with `activate`, make it the one in use.

        Raises ValueError for an empty name or a baseline that is not JSON.
        """
        if not name.strip():
            raise ValueError("a profile needs a name")
        try:
            json.loads(baseline_json)
        except ValueError as exc:
            raise ValueError(f"the baseline of profile {name!r} is not JSON: {exc}") from exc
        now_s = self._clock()
        with self.transaction():
            if activate:
                self._db.execute(
                    "UPDATE profiles SET active = 0 WHERE active = 1 AND name != ?", (name,)
                )
            self._db.execute(
                "INSERT INTO profiles (name, created_s, updated_s, baseline, active)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
                " updated_s = excluded.updated_s, baseline = excluded.baseline,"
                " active = max(active, excluded.active)",
                (name, now_s, now_s, baseline_json, int(activate)),
            )

    def load_profile(self, name: str | None = None) -> tuple[str, str] | None:
        """(name, baseline JSON) of the named profile, or of the active one when `name` is None."""
        if name is None:
            rows = self._rows("SELECT name, baseline FROM profiles WHERE active = 1")
        else:
            rows = self._rows("SELECT name, baseline FROM profiles WHERE name = ?", (name,))
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    def list_profiles(self) -> list[ProfileRecord]:
        """Every profile, by name."""
        return [
            ProfileRecord(name, created, updated, bool(active), baseline)
            for name, created, updated, active, baseline in self._rows(
                "SELECT name, created_s, updated_s, active, baseline FROM profiles ORDER BY name"
            )
        ]

    def delete_profile(self, name: str) -> bool:
        """Remove the named profile; False when there was none. History keeps its name."""
        with self.transaction():
            deleted = self._db.execute("DELETE FROM profiles WHERE name = ?", (name,)).rowcount
        return deleted > 0

    def add_snooze(self, start_s: float, until_s: float, reason: str = "") -> int:
        """Save a pause of the coaching from `start_s` until `until_s`; return its id."""
        start, until = _span(start_s, until_s)
        return self._insert(
            "INSERT INTO snoozes (start_s, until_s, reason) VALUES (?, ?, ?)",
            (start, until, reason),
        )

    def active_snooze(self, now_s: float) -> float | None:
        """When the latest snooze covering `now_s` ends, or None when none does."""
        rows = self._rows(
            "SELECT max(until_s) FROM snoozes WHERE start_s <= ? AND until_s > ?", (now_s, now_s)
        )
        return None if rows[0][0] is None else float(rows[0][0])

    def end_snooze(self, now_s: float) -> int:
        """End every snooze covering `now_s` at `now_s`; return how many were on."""
        now = _finite("now_s", now_s, minimum=None)
        with self.transaction():
            ended = self._db.execute(
                "UPDATE snoozes SET until_s = ? WHERE start_s <= ? AND until_s > ?",
                (now, now, now),
            ).rowcount
        return int(ended)

    # --- queries for the report --------------------------------------------------------------

    def intervals_between(self, start_s: float, end_s: float) -> list[IntervalRecord]:
        """Intervals that start in [start_s, end_s), oldest first.

        Each interval belongs to the range its start falls in, so adjacent ranges (days) never
        count one twice.
        """
        where = "FROM intervals WHERE start_s >= ? AND start_s < ?"
        issues: dict[int, dict[str, float]] = {}
        rows = self._rows(
            "SELECT id, start_s, end_s, monitored_s, good_s, away_s, unavailable_s, paused_s,"
            f" score, profile {where} ORDER BY start_s, id",
            (start_s, end_s),
        )
        for interval_id, issue, seconds in self._rows(
            f"SELECT interval_id, issue, seconds FROM interval_issues WHERE interval_id IN"
            f" (SELECT id {where})",
            (start_s, end_s),
        ):
            issues.setdefault(interval_id, {})[issue] = seconds
        return [
            IntervalRecord(
                id=i,
                start_s=start,
                end_s=end,
                monitored_s=monitored,
                good_s=good,
                away_s=away,
                unavailable_s=unavailable,
                paused_s=paused,
                issue_s=issues.get(i, {}),
                score=score,
                profile=profile,
            )
            for i, start, end, monitored, good, away, unavailable, paused, score, profile in rows
        ]

    def state_changes_between(self, start_s: float, end_s: float) -> list[StateChange]:
        """State changes at times in [start_s, end_s), oldest first."""
        return [
            StateChange(*row)
            for row in self._rows(
                "SELECT id, t_s, kind, value, detail FROM state_changes"
                " WHERE t_s >= ? AND t_s < ? ORDER BY t_s, id",
                (start_s, end_s),
            )
        ]

    def alerts_between(self, start_s: float, end_s: float) -> list[AlertRecord]:
        """Alerts shown at times in [start_s, end_s), oldest first."""
        return [
            AlertRecord(i, t, kind, issue, Severity(severity), exercise, message, corrected)
            for i, t, kind, issue, severity, exercise, message, corrected in self._rows(
                "SELECT id, t_s, kind, issue, severity, exercise, message, corrected_at_s"
                " FROM alerts WHERE t_s >= ? AND t_s < ? ORDER BY t_s, id",
                (start_s, end_s),
            )
        ]

    def sittings_between(self, start_s: float, end_s: float) -> list[SittingRecord]:
        """Sittings that overlap [start_s, end_s), unclipped, oldest first."""
        return [SittingRecord(*row) for row in self._overlapping("sittings", start_s, end_s)]

    def breaks_between(self, start_s: float, end_s: float) -> list[BreakRecord]:
        """Breaks that overlap [start_s, end_s), unclipped, oldest first."""
        return [BreakRecord(*row) for row in self._overlapping("breaks", start_s, end_s)]

    def _overlapping(self, table: str, start_s: float, end_s: float) -> list[tuple[Any, ...]]:
        return self._rows(
            f"SELECT id, start_s, end_s FROM {table}"
            " WHERE start_s < ? AND end_s > ? ORDER BY start_s",
            (end_s, start_s),
        )

    # --- lifetime ----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the database; SQLite folds the write-ahead log back into the file."""
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _newer(path: Path, version: int) -> NewerDatabase:
    return NewerDatabase(
        f"The history database {path} was written by a newer version of Posture (schema "
        f"{version}, this one knows {len(MIGRATIONS)}); upgrade Posture to use it."
    )
