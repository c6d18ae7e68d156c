"""Helpers for tests of the history database: a fixed time, a scripted clock, raw access.

`raw` opens the file as another program would, so a test can check what is really on disk.
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from posture.ports import Store

T0 = 1_700_000_000.0  # a fixed "now" in UTC seconds


class ScriptedClock:
    """A clock that says what the test tells it."""

    def __init__(self, now_s: float = T0) -> None:
        self.now_s = now_s

    def __call__(self) -> float:
        return self.now_s


def raw(path: Path) -> sqlite3.Connection:
    """A plain connection, as another program would open the file."""
    return sqlite3.connect(path, isolation_level=None)


def integrity(path: Path) -> str:
    """What `PRAGMA integrity_check` says of the file: "ok" when it is whole."""
    db = raw(path)
    try:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        db.close()


def add_minute(store: Store, i: int, profile: str | None = None) -> int:
    """One plausible interval summary, the i-th minute after T0."""
    return store.add_interval(
        start_s=T0 + 60 * i,
        end_s=T0 + 60 * (i + 1),
        monitored_s=50.0,
        good_s=35.0,
        away_s=10.0,
        issue_s={"slouch": 15.0},
        score=70.0,
        profile=profile,
    )


def mode_of(path: Path) -> int:
    """The permission bits of `path`, e.g. 0o600."""
    return stat.S_IMODE(path.stat().st_mode)
