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

log = logging.getLogger(__name__)

# `PRAGMA application_id` marks a database as Posture's: "PSTR" in ASCII.
APPLICATION_ID = 0x50535452
PRIVATE_FILE_MODE = 0o600
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
    first. SQLite then gives its -wal and -shm files the database file's mode.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        make_private(path)
        return
    try:
        if hasattr(os, "fchmod"):  # the umask may have removed the owner's own bits
            os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)


def make_private(path: Path) -> None:
    """Set an existing file the current user owns to owner-only; leave others' files alone."""
    if not hasattr(os, "getuid"):  # Windows: rights are ACLs that chmod cannot express
        return
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) != PRIVATE_FILE_MODE:
        path.chmod(PRIVATE_FILE_MODE)


def make_sidecars_private(path: Path) -> None:
    """Tighten whichever of the database's -wal, -shm and -journal files exist."""
    for suffix in SIDECAR_SUFFIXES:
        make_private(sidecar(path, suffix))


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
