"""SQLite's failures, and the file system's, as the `StorageError`s that the caller can report.

Only operational failures are translated (a full disk, a lock held too long, a damaged file);
integrity and programming errors are bugs in this code and pass through untouched.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from posture.adapters.sqlite.migrations import MIGRATIONS
from posture.ports import NewerDatabase, StorageError, StorageFull, StorageLocked


@contextmanager
def translated(path: Path, busy_timeout_s: float) -> Iterator[None]:
    """Turn SQLite's operational failures into StorageError; let programming errors through."""
    try:
        yield
    except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
        raise
    except sqlite3.DatabaseError as exc:
        raise _storage_error(exc, path, busy_timeout_s) from exc


@contextmanager
def file_errors(path: Path) -> Iterator[None]:
    """Turn a failure to create, tighten or rename the database file into StorageError."""
    try:
        yield
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise StorageFull(f"The disk holding the history database {path} is full.") from exc
        raise StorageError(
            f"Cannot prepare the history database {path}: {exc.strerror or exc}."
        ) from exc


def newer_database(path: Path, version: int) -> NewerDatabase:
    """The refusal of a database whose schema `version` is beyond this Posture's migrations."""
    return NewerDatabase(
        f"The history database {path} was written by a newer version of Posture (schema "
        f"{version}, this one knows {len(MIGRATIONS)}); upgrade Posture to use it."
    )


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
