"""The database file: owner-only whatever the umask, and a damaged or foreign one moved aside."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from posture.adapters.sqlite.store import SqliteStore
from tests.support.history_db import T0, ScriptedClock, add_minute, integrity, mode_of, raw


@pytest.mark.parametrize("umask", [0o000, 0o277])
def test_the_files_are_owner_only_whatever_the_umask(db_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        with SqliteStore.open(db_path) as store:
            add_minute(store, 0)
            for suffix in ("", "-wal", "-shm"):
                file = db_path.with_name(db_path.name + suffix)
                assert mode_of(file) == 0o600, file
    finally:
        os.umask(old)


def test_an_existing_readable_database_is_made_private(db_path: Path) -> None:
    SqliteStore.open(db_path).close()
    db_path.chmod(0o644)
    SqliteStore.open(db_path).close()
    assert mode_of(db_path) == 0o600


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(3 * 4096))


def _foreign_sqlite(path: Path) -> None:
    db = raw(path)
    db.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    db.execute("INSERT INTO recipes VALUES ('soup', 40)")
    db.close()


def _other_application_id(path: Path) -> None:
    db = raw(path)
    db.execute("PRAGMA application_id = 1234")
    db.close()


@pytest.mark.parametrize("make", [_random_bytes, _foreign_sqlite, _other_application_id])
def test_a_corrupt_or_foreign_file_is_moved_aside_intact(
    db_path: Path, clock: ScriptedClock, make: object, caplog: pytest.LogCaptureFixture
) -> None:
    db_path.parent.mkdir(parents=True)
    make(db_path)  # type: ignore[operator]
    original = db_path.read_bytes()
    with caplog.at_level(logging.WARNING), SqliteStore.open(db_path, clock=clock) as store:
        add_minute(store, 0)
        assert len(store.intervals_between(T0, T0 + 60)) == 1
    moved = db_path.with_name("history.sqlite3.corrupt-20231114T221320Z")
    assert moved.read_bytes() == original
    assert "moved it aside" in caplog.text and str(moved) in caplog.text
    assert integrity(db_path) == "ok"


def test_moving_aside_never_reuses_a_name(db_path: Path, clock: ScriptedClock) -> None:
    db_path.parent.mkdir(parents=True)
    for content in (b"first", b"second"):
        db_path.write_bytes(content * 1000)
        SqliteStore.open(db_path, clock=clock).close()
    names = sorted(p.name for p in db_path.parent.iterdir())
    assert names == [
        "history.sqlite3",
        "history.sqlite3.corrupt-20231114T221320Z",
        "history.sqlite3.corrupt-20231114T221320Z-2",
    ]


def test_an_empty_file_is_adopted(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    with SqliteStore.open(db_path) as store:
        add_minute(store, 0)
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["history.sqlite3"]
