"""The history store on real SQLite files in temporary folders, and where those files live.

Nothing here touches the real home folder: every path is under `tmp_path`, and the environment
variables that choose folders are replaced.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from posture.adapters.data_folder import config_path, data_dir, ensure_private_dir
from posture.adapters.sqlite.file import APPLICATION_ID
from posture.adapters.sqlite.migrations import MIGRATIONS
from posture.adapters.sqlite.store import SqliteStore
from posture.core.folder_layout import DataFolder
from posture.core.records import AlertRecord, BreakRecord, ProfileRecord, SittingRecord, StateChange
from posture.core.vocabulary import Severity
from posture.errors import UserError
from posture.ports import NewerDatabase, StorageError, StorageFull, StorageLocked, Store
from tests.support.cli import REPO

T0 = 1_700_000_000.0  # a fixed "now" in UTC seconds


class ScriptedClock:
    """A clock that says what the test tells it."""

    def __init__(self, now_s: float = T0) -> None:
        self.now_s = now_s

    def __call__(self) -> float:
        return self.now_s


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return DataFolder(tmp_path / "data").history


@pytest.fixture
def clock() -> ScriptedClock:
    return ScriptedClock()


@pytest.fixture
def store(db_path: Path, clock: ScriptedClock) -> Iterator[SqliteStore]:
    opened = SqliteStore.open(db_path, clock=clock)
    yield opened
    opened.close()


def raw(path: Path) -> sqlite3.Connection:
    """A plain connection, as another program would open the file."""
    return sqlite3.connect(path, isolation_level=None)


def integrity(path: Path) -> str:
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
    return stat.S_IMODE(path.stat().st_mode)


# --- round trips ------------------------------------------------------------------------------


def test_intervals_round_trip_with_their_issue_seconds(store: SqliteStore) -> None:
    first = store.add_interval(
        start_s=T0,
        end_s=T0 + 60,
        monitored_s=50.0,
        good_s=20.0,
        away_s=4.0,
        unavailable_s=3.0,
        paused_s=2.0,
        issue_s={"slouch": 25.0, "head_tilt": 20.0, "lean": 0.0},
        score=61.5,
        profile="desk",
    )
    second = store.add_interval(
        start_s=T0 + 60, end_s=T0 + 120, monitored_s=0.0, good_s=0.0, away_s=60.0
    )
    got = store.intervals_between(T0, T0 + 120)
    assert [r.id for r in got] == [first, second]
    one, two = got
    assert (one.start_s, one.end_s, one.monitored_s, one.good_s) == (T0, T0 + 60, 50.0, 20.0)
    assert (one.away_s, one.unavailable_s, one.paused_s) == (4.0, 3.0, 2.0)
    # Overlapping issues add up to more than monitored - good; zero seconds are not kept.
    assert one.issue_s == {"slouch": 25.0, "head_tilt": 20.0}
    assert (one.score, one.profile) == (61.5, "desk")
    assert (two.issue_s, two.score, two.profile, two.away_s) == ({}, None, None, 60.0)


def test_intervals_belong_to_the_range_their_start_falls_in(store: SqliteStore) -> None:
    for i in range(3):
        add_minute(store, i)
    assert len(store.intervals_between(T0, T0 + 180)) == 3
    assert [r.start_s for r in store.intervals_between(T0 + 30, T0 + 120)] == [T0 + 60]
    assert store.intervals_between(T0 + 180, T0 + 999) == []


def test_state_changes_round_trip(store: SqliteStore) -> None:
    a = store.add_state_change(T0, "monitor", "started")
    b = store.add_state_change(T0 + 5, "posture", "slouch", "neck 24 deg")
    c = store.add_state_change(T0 + 9, "presence", "away")
    d = store.add_state_change(T0 + 12, "camera", "unavailable", "device busy")
    assert store.state_changes_between(T0, T0 + 12) == [
        StateChange(a, T0, "monitor", "started", None),
        StateChange(b, T0 + 5, "posture", "slouch", "neck 24 deg"),
        StateChange(c, T0 + 9, "presence", "away", None),
    ]
    assert [s.id for s in store.state_changes_between(T0, T0 + 13)][-1] == d


def test_alerts_round_trip_and_the_first_correction_counts(store: SqliteStore) -> None:
    posture = store.add_alert(
        t_s=T0,
        kind="posture",
        severity=Severity.MODERATE,
        issue="forward_head",
        exercise="chin_tuck",
        message="Your head drifted forward.",
    )
    sitting = store.add_alert(
        t_s=T0 + 10, kind="sitting", severity=Severity.MILD, message="Time to stand up."
    )
    assert store.mark_alert_corrected(posture, T0 + 40) is True
    assert store.mark_alert_corrected(posture, T0 + 90) is False
    got = store.alerts_between(T0, T0 + 60)
    assert got == [
        AlertRecord(
            posture,
            T0,
            "posture",
            "forward_head",
            Severity.MODERATE,
            "chin_tuck",
            "Your head drifted forward.",
            T0 + 40,
        ),
        AlertRecord(
            sitting, T0 + 10, "sitting", None, Severity.MILD, None, "Time to stand up.", None
        ),
    ]
    assert isinstance(got[0].severity, Severity)
    with pytest.raises(KeyError):
        store.mark_alert_corrected(9999, T0)
    with pytest.raises(ValueError, match="before the alert"):
        store.mark_alert_corrected(sitting, T0)


def test_sittings_and_breaks_overlapping_a_range_and_extended_in_place(store: SqliteStore) -> None:
    store.add_sitting(T0, T0 + 600)
    store.add_sitting(T0, T0 + 1800)  # the open sitting, saved again later: extended
    store.add_break(T0 + 1800, T0 + 2100)
    store.add_sitting(T0 + 2100, T0 + 4000)
    sittings = store.sittings_between(T0 + 1000, T0 + 3000)
    assert [(s.start_s, s.end_s) for s in sittings] == [(T0, T0 + 1800), (T0 + 2100, T0 + 4000)]
    assert all(isinstance(s, SittingRecord) for s in sittings)
    assert store.sittings_between(T0 + 1800, T0 + 2100) == []  # touching is not overlapping
    breaks = store.breaks_between(T0, T0 + 1801)
    assert breaks == [BreakRecord(breaks[0].id, T0 + 1800, T0 + 2100)]


def test_profiles_keep_exactly_one_active(store: SqliteStore, clock: ScriptedClock) -> None:
    assert store.load_profile() is None
    store.save_profile("desk", json.dumps({"version": 1, "neck": 10.0}))
    clock.now_s = T0 + 100
    store.save_profile("laptop", '{"version": 1}')
    assert store.load_profile() == ("laptop", '{"version": 1}')
    assert store.load_profile("desk") == ("desk", '{"version": 1, "neck": 10.0}')
    clock.now_s = T0 + 200
    store.save_profile("desk", '{"version": 1, "neck": 12.0}', activate=False)
    assert store.load_profile()[0] == "laptop"  # type: ignore[index]
    assert store.list_profiles() == [
        ProfileRecord("desk", T0, T0 + 200, False, '{"version": 1, "neck": 12.0}'),
        ProfileRecord("laptop", T0 + 100, T0 + 100, True, '{"version": 1}'),
    ]
    store.save_profile("desk", '{"version": 1, "neck": 12.0}')
    assert [p.name for p in store.list_profiles() if p.active] == ["desk"]
    assert store.delete_profile("desk") is True
    assert store.delete_profile("desk") is False
    assert store.load_profile() is None  # the active one went; none is chosen silently
    assert store.load_profile("nowhere") is None


def test_snoozes(store: SqliteStore) -> None:
    assert store.active_snooze(T0) is None
    store.add_snooze(T0, T0 + 1800, "meeting")
    store.add_snooze(T0 + 600, T0 + 3600, "call")
    assert store.active_snooze(T0 + 10) == T0 + 1800
    assert store.active_snooze(T0 + 700) == T0 + 3600
    assert store.active_snooze(T0 + 3600) is None
    assert store.active_snooze(T0 - 1) is None


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


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.add_interval(start_s=T0, end_s=T0 - 1, monitored_s=0, good_s=0), "before"),
        (lambda s: s.add_interval(start_s=T0, end_s=T0 + 60, monitored_s=10, good_s=20), "exceeds"),
        (
            lambda s: s.add_interval(start_s=T0, end_s=T0 + 60, monitored_s=-1, good_s=0),
            "monitored_s",
        ),
        (
            lambda s: s.add_interval(
                start_s=T0, end_s=T0 + 60, monitored_s=10, good_s=0, issue_s={"slumped": 5.0}
            ),
            "unknown issue",
        ),
        (
            lambda s: s.add_interval(
                start_s=T0, end_s=T0 + 60, monitored_s=10, good_s=0, score=101.0
            ),
            "score",
        ),
        (
            lambda s: s.add_interval(start_s=T0, end_s=float("nan"), monitored_s=0, good_s=0),
            "finite number",
        ),
        (lambda s: s.add_state_change(T0, "mood", "happy"), "state kind"),
        (
            lambda s: s.add_alert(
                t_s=T0, kind="posture", severity=Severity.MILD, message="m", issue="bad_vibes"
            ),
            "unknown issue",
        ),
        (lambda s: s.save_profile(" ", "{}"), "name"),
        (lambda s: s.save_profile("desk", "{not json"), "not JSON"),
        (lambda s: s.add_snooze(T0, T0 - 5), "before"),
    ],
)
def test_impossible_values_are_refused(store: SqliteStore, call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call(store)  # type: ignore[operator]


# --- the file ---------------------------------------------------------------------------------


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


# --- where the files live ---------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake home folder, with every variable that chooses a folder cleared."""
    fake = tmp_path / "home"
    fake.mkdir()
    monkeypatch.setenv("HOME", str(fake))
    for name in (
        "POSTURE_DATA_DIR",
        "POSTURE_CONFIG",
        "XDG_DATA_HOME",
        "XDG_CONFIG_HOME",
        "APPDATA",
    ):
        monkeypatch.delenv(name, raising=False)
    return fake


def test_data_dir_prefers_the_option_then_the_environment_then_the_platform(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert data_dir(platform="linux") == home / ".local" / "share" / "posture"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))
    assert data_dir(platform="linux") == home / "xdg" / "posture"
    monkeypatch.setenv("POSTURE_DATA_DIR", str(home / "env"))
    assert data_dir(platform="linux") == home / "env"
    assert data_dir(home / "option", platform="linux") == home / "option"
    assert data_dir("~/tilde") == home / "tilde"


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({}, "darwin", "/u/Library/Application Support/Posture"),
        ({"APPDATA": "/roaming"}, "win32", "/roaming/Posture"),
        ({}, "win32", "/u/AppData/Roaming/Posture"),
        ({"XDG_DATA_HOME": "/xdg"}, "freebsd13", "/xdg/posture"),
        ({"POSTURE_DATA_DIR": "/env"}, "darwin", "/env"),
    ],
)
def test_data_dir_per_platform(env: dict[str, str], platform: str, expected: str) -> None:
    assert data_dir(env=env, platform=platform, home=Path("/u")) == Path(expected)


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"POSTURE_CONFIG": "/etc/mine.toml"}, "linux", "/etc/mine.toml"),
        ({"XDG_CONFIG_HOME": "/cfg"}, "linux", "/cfg/posture/config.toml"),
        ({}, "linux", "/u/.config/posture/config.toml"),
        ({}, "darwin", "/data/config.toml"),
        ({"XDG_CONFIG_HOME": "/cfg"}, "win32", "/data/config.toml"),
    ],
)
def test_config_path(env: dict[str, str], platform: str, expected: str) -> None:
    assert config_path(Path("/data"), env=env, platform=platform, home=Path("/u")) == Path(expected)


def test_the_data_folder_is_created_private_and_an_open_one_tightened(home: Path) -> None:
    folder = data_dir(platform="linux")
    old = os.umask(0)
    try:
        assert ensure_private_dir(folder) == folder
    finally:
        os.umask(old)
    assert mode_of(folder) == 0o700
    folder.chmod(0o755)
    ensure_private_dir(folder)
    assert mode_of(folder) == 0o700


def test_a_data_folder_that_is_a_file_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("not a folder")
    with pytest.raises(UserError, match="Cannot create the data folder"):
        ensure_private_dir(tmp_path / "taken")
