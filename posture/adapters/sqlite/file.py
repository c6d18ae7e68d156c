"""The history database as a file: created owner-only, recognised as ours, or moved aside.

Recognition reads through a read-only connection, so a file that turns out to be someone
else's keeps every byte; it is then renamed, never overwritten or deleted.
"""

from __future__ import annotations

import enum
import logging
import os
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from posture.adapters.open_folder import FILE_MODE, RefusedPath, linked_file
from posture.adapters.private_files import open_owner_only

log = logging.getLogger(__name__)

# `PRAGMA application_id` marks a database as Posture's: "PSTR" in ASCII.
APPLICATION_ID = 0x50535452
# Files SQLite keeps next to a database; they belong to it and move with it.
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")


class Verdict(enum.Enum):
    """What an existing file is."""

    FRESH = "fresh"  # empty: no tables, no marks; safe to make ours
    OURS = "ours"
    FOREIGN = "foreign"  # a SQLite database of another program
    CORRUPT = "corrupt"  # not SQLite, or damaged


@dataclass(frozen=True)
class Inspection:
    """The verdict on a file, its schema version and, when it is not usable, why."""

    verdict: Verdict
    user_version: int = 0
    reason: str = ""


def sidecar(path: Path, suffix: str) -> Path:
    """The file SQLite keeps next to `path` with `suffix` (e.g. '-wal')."""
    return path.with_name(path.name + suffix)


def create_private(path: Path) -> None:
    """Create an empty `path` readable by its owner only, whatever the umask; or tighten it.

    SQLite would create a missing file with the umask's permissions, so it is created here
    first; SQLite then gives its -wal and -shm files the database file's mode. SQLite opens
    files by name and follows links, so a link at the database's name (or at one of its
    sidecars) is refused here, before SQLite sees it (`private_files.RefusedPath`).
    """
    os.close(open_owner_only(path, os.O_RDWR))
    make_sidecars_private(path)


def make_sidecars_private(path: Path) -> None:
    """Tighten whichever of the database's -wal, -shm and -journal files exist; refuse links."""
    for suffix in SIDECAR_SUFFIXES:
        try:
            os.close(open_owner_only(sidecar(path, suffix), os.O_RDONLY, create=False))
        except FileNotFoundError:
            continue


def tighten_sidecars_by_name(path: Path) -> None:
    """Tighten the sidecars while this process has the database open: by name, never opening
    them. Closing any descriptor of a file drops every POSIX lock the process holds on it,
    SQLite's included, and another process closing the database would then take itself for
    the last connection and delete the write-ahead log this one still writes to."""
    for suffix in SIDECAR_SUFFIXES:
        side = sidecar(path, suffix)
        try:
            found = os.lstat(side)
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(found.st_mode):
            raise linked_file(side)
        if not stat.S_ISREG(found.st_mode):
            raise RefusedPath(side, "it is not a regular file")
        if stat.S_IMODE(found.st_mode) & ~FILE_MODE:
            os.chmod(side, FILE_MODE)


def remove(path: Path) -> None:
    """Remove the database at `path` and its sidecars (a missing one is fine); links are
    removed themselves, never what they point to."""
    for suffix in ("", *SIDECAR_SUFFIXES):
        sidecar(path, suffix).unlink(missing_ok=True)


def inspect(path: Path, busy_timeout_s: float) -> Inspection:
    """Look at `path` without writing to it and say whether it is ours, fresh or unusable.

    Raises sqlite3 errors other than "not a database" and "malformed" (e.g. locked, no
    permission) for the caller to report.
    """
    uri = path.absolute().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True, timeout=busy_timeout_s, isolation_level=None)
    try:
        app_id = int(db.execute("PRAGMA application_id").fetchone()[0])
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        objects = int(db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
        if app_id == APPLICATION_ID:
            check = [str(row[0]) for row in db.execute("PRAGMA quick_check")]
            if check != ["ok"]:
                return Inspection(Verdict.CORRUPT, version, "; ".join(check[:3]))
            return Inspection(Verdict.OURS, version)
        if app_id == 0 and version == 0 and objects == 0:
            return Inspection(Verdict.FRESH)
        return Inspection(
            Verdict.FOREIGN, version, f"application id {app_id:#x} with {objects} schema objects"
        )
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
            return Inspection(Verdict.CORRUPT, reason=str(exc))
        raise
    finally:
        db.close()


def move_aside(path: Path, now_s: float) -> Path:
    """Rename `path` (and its sidecars) to `<name>.corrupt-<UTC time>`; return the new path.

    An existing name is never reused. Sidecars move first: a stale -wal left beside a new
    empty database would be replayed into it.
    """
    stamp = datetime.fromtimestamp(now_s, UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    attempt = 1
    while any(sidecar(target, s).exists() for s in ("", *SIDECAR_SUFFIXES)):
        attempt += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{attempt}")
    for suffix in SIDECAR_SUFFIXES:
        if sidecar(path, suffix).exists():
            os.rename(sidecar(path, suffix), sidecar(target, suffix))
    os.rename(path, target)
    return target
