"""One open connection to the history file: opened safely, configured, migrated, transactional.

Each write is its own committed transaction, so a killed process loses at most the write in
progress; `transaction()` groups several writes atomically. The database runs in WAL mode with
`synchronous=FULL`: a commit is on disk before the call returns, even across a power cut (at
one write a minute the extra fsync costs nothing). A database that another program keeps
locked is waited for; a full disk raises `StorageFull` and leaves the database intact, so the
monitor can say so and go on.

Storage that turns read-only under an open database (a read-only remount after a disk error,
`chattr +i`, a permission change) must be an error, never a crash: SQLite writes its WAL index
(the -shm file) through a shared memory map, and a store into a map of a file that can no
longer be written kills the process with SIGBUS. So each write transaction first asks the
system whether the database and its -wal and -shm files can still be written
(`access(W_OK)`, which sees read-only mounts, immutable files and permissions) and raises
`StorageReadOnly` instead; the database itself is never memory-mapped (`mmap_size = 0`).

Other processes (`status`, `snooze`, a report) open and close the history while the monitor
runs, and the monitor's own process opens it again (its profile, a replay's copy). A process
that closes any descriptor of a file loses every POSIX lock it holds on it, SQLite's too; the
next process to close its connection would then take itself for the last one and delete the
write-ahead log the monitor still writes to. So the file checks that open descriptors (create,
recognise, tighten) run only while no connection of this process has the file open, every
open of it in this process goes through one lock, and after connecting the sidecars are
tightened by name only.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self, cast

from posture.adapters.private_files import make_private_folders
from posture.adapters.sqlite.errors import file_errors, newer_database, translated
from posture.adapters.sqlite.file import (
    APPLICATION_ID,
    SIDECAR_SUFFIXES,
    Verdict,
    create_private,
    inspect,
    move_aside,
    sidecar,
    tighten_sidecars_by_name,
)
from posture.adapters.sqlite.migrations import MIGRATIONS
from posture.ports import StorageReadOnly

log = logging.getLogger(__name__)

DEFAULT_BUSY_TIMEOUT_S = 5.0

# The database files this process has open, by (device, inode), with how many connections.
_OPEN_HERE: dict[tuple[int, int], int] = {}
_OPENING = threading.Lock()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


class SqliteConnection:
    """The history file's connection and its transactions; the base of `SqliteStore`.

    The parts of the store (writes, reads, profiles, snoozes) build on `transaction`, `_rows`
    and `_insert`, so every query goes through the same error translation. Use it from the
    thread that opened it.
    """

    def __init__(
        self, db: sqlite3.Connection, path: Path, busy_timeout_s: float, clock: Callable[[], float]
    ) -> None:
        """Wrap an open, migrated connection; call `SqliteStore.open` instead."""
        self._db = db
        self._path = path
        self._busy_timeout_s = busy_timeout_s
        self._clock = clock
        self._depth = 0
        self._identity: tuple[int, int] | None = None
        # A -shm file SQLite could write when it opened is mapped writable: a read then
        # stores into the map too, so reads are checked as well (a read-only one is mapped
        # read-only, and reading it is safe).
        self._shm_writable = True

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
        clock: Callable[[], float] = time.time,
    ) -> Self:
        """Open (or create) the history database at `path`, migrating it to this version.

        The file is created owner-only. A corrupt or foreign file is moved aside to
        `<name>.corrupt-<UTC time>` with a warning, and a fresh database takes its place.
        Raises NewerDatabase for a database from a newer Posture, StorageLocked when it stays
        locked past `busy_timeout_s`, and StorageError for other failures.
        """
        path = Path(path)
        with _OPENING:
            if _OPEN_HERE.get(_identity(path) or (-1, -1), 0) == 0:
                cls._check_file(path, busy_timeout_s, clock)
            return cls._connect(path, busy_timeout_s, clock)

    @classmethod
    def _check_file(cls, path: Path, busy_timeout_s: float, clock: Callable[[], float]) -> None:
        """Create the file owner-only, or recognise it (moving a broken or foreign one aside)."""
        with file_errors(path):
            make_private_folders(path.parent)
            create_private(path)
        with translated(path, busy_timeout_s):
            found = inspect(path, busy_timeout_s)
        if found.verdict in (Verdict.CORRUPT, Verdict.FOREIGN):
            with file_errors(path):
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
            raise newer_database(path, found.user_version)

    @classmethod
    def _connect(cls, path: Path, busy_timeout_s: float, clock: Callable[[], float]) -> Self:
        with translated(path, busy_timeout_s):
            db = sqlite3.connect(path, timeout=busy_timeout_s, isolation_level=None)
        store = cls(db, path, busy_timeout_s, clock)
        try:
            store._configure()
            store._migrate()
            tighten_sidecars_by_name(path)
            shm = sidecar(path, "-shm")
            store._shm_writable = not shm.exists() or os.access(shm, os.W_OK)
        except BaseException:
            db.close()
            raise
        store._identity = _identity(path)
        if store._identity is not None:
            _OPEN_HERE[store._identity] = _OPEN_HERE.get(store._identity, 0) + 1
        return store

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    def _configure(self) -> None:
        with translated(self._path, self._busy_timeout_s):
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA mmap_size = 0")  # read(2)/write(2) only: errors, no SIGBUS
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
                raise newer_database(self._path, version)
            for step in MIGRATIONS[version:]:
                log.info("Migrating the history database %s: %s", self._path, step.__name__)
                step(self._db)
            # PRAGMA takes no parameters; both values are integers from this code.
            self._db.execute(f"PRAGMA user_version = {len(MIGRATIONS):d}")
            self._db.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")

    def _pragma(self, name: str) -> int:
        with translated(self._path, self._busy_timeout_s):
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
        if outer:
            self._check_writable()
        with translated(self._path, self._busy_timeout_s):
            self._db.execute("BEGIN IMMEDIATE" if outer else f"SAVEPOINT {savepoint}")
        self._depth += 1
        try:
            with translated(self._path, self._busy_timeout_s):
                yield
        except BaseException:
            self._depth -= 1
            self._undo(outer, savepoint)
            raise
        self._depth -= 1
        try:
            with translated(self._path, self._busy_timeout_s):
                self._db.execute("COMMIT" if outer else f"RELEASE {savepoint}")
        except BaseException:
            self._undo(outer, savepoint)
            raise

    def _check_writable(self) -> None:
        """Raise StorageReadOnly when the database or a sidecar can no longer be written."""
        for suffix in ("", *SIDECAR_SUFFIXES):
            path = sidecar(self._path, suffix)
            if not os.access(path, os.W_OK, follow_symlinks=False) and os.path.lexists(path):
                raise StorageReadOnly(
                    f"The history database {self._path} cannot be written now ({path.name} is "
                    "read-only: a read-only disk or folder, or changed permissions)."
                )

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
        """Run one INSERT as its own transaction; the new row's id."""
        with self.transaction():
            row_id = self._db.execute(sql, params).lastrowid
        return int(cast(int, row_id))

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Every row of one query, with SQLite's failures translated."""
        if self._depth == 0 and self._shm_writable:
            self._check_writable()
        with translated(self._path, self._busy_timeout_s):
            return list(self._db.execute(sql, params).fetchall())

    # --- lifetime ----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the database; SQLite folds the write-ahead log back into the file."""
        with _OPENING:
            self._db.close()
            if self._identity is not None and _OPEN_HERE.get(self._identity, 0) > 0:
                _OPEN_HERE[self._identity] -= 1
                if _OPEN_HERE[self._identity] == 0:
                    del _OPEN_HERE[self._identity]
            self._identity = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
