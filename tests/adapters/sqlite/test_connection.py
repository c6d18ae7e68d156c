"""The connection's life on real files: transactions, settings, migrations, locks and crashes.

The full disk is real too: a 256 KiB tmpfs mounted for that one test.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from posture.adapters.sqlite.file import APPLICATION_ID
from posture.adapters.sqlite.migrations import MIGRATIONS
from posture.adapters.sqlite.store import SqliteStore
from posture.core.folder_layout import DataFolder
from posture.errors import UserError
from posture.ports import NewerDatabase, StorageError, StorageFull, StorageLocked
from tests.support.cli import REPO
from tests.support.history_db import T0, add_minute, integrity, raw


def test_a_transaction_saves_all_or_nothing(store: SqliteStore) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        add_minute(store, 0)
        store.add_state_change(T0, "posture", "good")
        raise RuntimeError("the loop failed midway")
    assert store.intervals_between(T0, T0 + 999) == []
    assert store.state_changes_between(T0, T0 + 999) == []
    with store.transaction():
        add_minute(store, 0)
        with pytest.raises(ValueError), store.transaction():
            store.add_state_change(T0, "posture", "good")
            store.add_sitting(T0 + 10, T0)  # invalid: only this inner part is undone
        store.add_break(T0, T0 + 300)
    assert len(store.intervals_between(T0, T0 + 999)) == 1
    assert store.state_changes_between(T0, T0 + 999) == []
    assert len(store.breaks_between(T0, T0 + 999)) == 1


def test_the_database_is_wal_durable_and_fully_migrated(store: SqliteStore, db_path: Path) -> None:
    add_minute(store, 0)
    db = raw(db_path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        db.close()
    settings = {
        name: store._db.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("synchronous", "foreign_keys", "busy_timeout")
    }
    assert settings == {"synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000}


def test_reopening_keeps_the_history(db_path: Path) -> None:
    with SqliteStore.open(db_path) as store:
        add_minute(store, 0)
        store.save_profile("desk", "{}")
    with SqliteStore.open(db_path) as store:
        assert len(store.intervals_between(T0, T0 + 60)) == 1
        assert store.load_profile() == ("desk", "{}")
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["history.sqlite3"]


def test_a_newer_database_is_refused_and_left_untouched(db_path: Path) -> None:
    SqliteStore.open(db_path).close()
    db = raw(db_path)
    db.execute("PRAGMA user_version = 999")
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabase, match=r"written by a newer version of Posture.*upgrade"):
        SqliteStore.open(db_path)
    assert db_path.read_bytes() == before
    assert not [p for p in db_path.parent.iterdir() if ".corrupt-" in p.name]
    assert isinstance(NewerDatabase("x"), UserError)


# --- locks, crashes and a full disk -----------------------------------------------------------


def _hold_write_lock(
    path: Path, locked: threading.Event, release: threading.Event, hold_s: float
) -> None:
    db = raw(path)
    db.execute("BEGIN EXCLUSIVE")
    locked.set()
    release.wait(hold_s)
    db.execute("COMMIT")
    db.close()


def test_a_locked_database_is_waited_for(store: SqliteStore, db_path: Path) -> None:
    locked, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db_path, locked, release, 0.3))
    holder.start()
    try:
        assert locked.wait(10)
        started = time.monotonic()
        add_minute(store, 0)
        assert time.monotonic() - started >= 0.2
    finally:
        release.set()
        holder.join()
    assert len(store.intervals_between(T0, T0 + 60)) == 1


def test_a_database_locked_too_long_says_so(db_path: Path) -> None:
    SqliteStore.open(db_path).close()
    locked, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db_path, locked, release, 30.0))
    with SqliteStore.open(db_path, busy_timeout_s=0.2) as store:
        holder.start()
        try:
            assert locked.wait(10)
            with pytest.raises(StorageLocked, match="stayed locked by another program"):
                add_minute(store, 0)
        finally:
            release.set()
            holder.join()
        add_minute(store, 1)  # the lock is gone and the store still works
        assert [r.start_s for r in store.intervals_between(T0, T0 + 999)] == [T0 + 60]


CHILD = """
import sys
from pathlib import Path
from posture.adapters.sqlite.store import SqliteStore

store = SqliteStore.open(Path(sys.argv[1]))
for i in range(1_000_000):
    interval_id = store.add_interval(start_s=60.0 * i, end_s=60.0 * i + 60, monitored_s=50.0,
                                     good_s=40.0, issue_s={"slouch": 10.0, "lean": 5.0})
    print(interval_id, flush=True)
"""


def test_a_killed_writer_loses_no_committed_interval(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    reported: list[int] = []
    for line in child.stdout:
        reported.append(int(line))
        if len(reported) == 40:
            child.send_signal(signal.SIGKILL)
            break
    rest = child.stdout.read()
    child.wait(timeout=30)
    reported += [int(line) for line in rest.splitlines(keepends=True) if line.endswith("\n")]
    assert child.returncode == -signal.SIGKILL
    assert 40 <= len(reported) < 1_000_000
    assert integrity(db_path) == "ok"
    db = raw(db_path)
    try:
        saved = {row[0] for row in db.execute("SELECT id FROM intervals")}
        issues = {row[0] for row in db.execute("SELECT DISTINCT interval_id FROM interval_issues")}
    finally:
        db.close()
    assert set(reported) <= saved
    assert issues == saved  # no interval was saved without its issue seconds
    with SqliteStore.open(db_path) as store:
        assert len(store.intervals_between(0, 60.0 * len(saved))) == len(saved)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 256 KiB file system (tmpfs), mounted for this test only."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(mount_point)],
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"cannot mount a small tmpfs for the full-disk test: {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "--lazy", str(mount_point)], check=True)


def test_a_full_disk_raises_storage_full_and_keeps_the_history(small_disk: Path) -> None:
    path = DataFolder(small_disk).history
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * 64 * 1024)  # freed later, as a user would free space
    saved: list[int] = []
    with SqliteStore.open(path) as store:
        with pytest.raises(StorageFull, match="is full") as raised:
            for i in range(100_000):
                saved.append(add_minute(store, i, profile="desk " * 40))
        assert isinstance(raised.value, StorageError) and isinstance(raised.value, UserError)
        assert len(saved) > 5
        assert integrity(path) == "ok"
        assert [r.id for r in store.intervals_between(0, 1e12)] == saved
        filler.unlink()
        saved.append(add_minute(store, len(saved) + 1))  # space again: the store goes on
    assert integrity(path) == "ok"
    with SqliteStore.open(path) as store:
        assert [r.id for r in store.intervals_between(0, 1e12)] == saved


READ_ONLY_WRITER = """
import sys
from pathlib import Path
from posture.adapters.sqlite.store import SqliteStore
from posture.ports import StorageReadOnly
from tests.support.history_db import T0, add_minute
from tests.support.read_only import make_read_only, make_writable

path = Path(sys.argv[1])
with SqliteStore.open(path) as store:
    add_minute(store, 0)
    paths = make_read_only(path.parent)
    try:
        for attempt in range(3):  # each try is an error, never a crash
            try:
                add_minute(store, 1)
            except StorageReadOnly as exc:
                print("refused:", exc, flush=True)
        try:
            store.active_snooze(T0)
        except StorageReadOnly:
            print("read refused", flush=True)
    finally:
        make_writable(paths)
    add_minute(store, 1)  # writable again: saving works on the same connection
    print("saved", len(store.intervals_between(0, 1e12)), flush=True)
"""


def test_storage_that_turns_read_only_under_the_database_is_an_error_not_sigbus(
    tmp_path: Path,
) -> None:
    """Before: SQLite stored into its mapped -shm file, and the process died of SIGBUS (135)."""
    path = DataFolder(tmp_path / "data").history
    path.parent.mkdir(mode=0o700)
    result = subprocess.run(
        [sys.executable, "-c", READ_ONLY_WRITER, str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, (result.returncode, result.stderr)
    lines = result.stdout.splitlines()
    assert len([line for line in lines if line.startswith("refused:")]) == 3
    assert "cannot be written now" in lines[0] and str(path) in lines[0]
    assert "read refused" in lines and lines[-1] == "saved 2"
    assert integrity(path) == "ok"


def test_the_database_is_never_memory_mapped(store: SqliteStore) -> None:
    assert store._db.execute("PRAGMA mmap_size").fetchone()[0] == 0
