"""`snooze`: the command writes the store, ends early, refuses nonsense, and a running monitor
obeys it without a restart."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.core.folder_layout import DataFolder
from posture.core.quiet_hours import until_phrase
from tests.support.monitor_process import Sandbox, long_video, wait_for
from tests.support.stream_server import stream_server

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite

ZONE = datetime.now().astimezone().tzinfo


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    box = Sandbox(tmp_path).prepare()
    try:
        yield box
    finally:
        box.kill_leftovers()


def snoozes(box: Sandbox) -> list[tuple[float, float, str]]:
    with sqlite3.connect(DataFolder(box.data_dir).history) as db:
        return db.execute("SELECT start_s, until_s, reason FROM snoozes ORDER BY id").fetchall()


def active(box: Sandbox) -> float | None:
    with SqliteStore.open(DataFolder(box.data_dir).history) as store:
        return store.active_snooze(time.time())


def test_snooze_for_a_length_of_time(sandbox: Sandbox) -> None:
    before = time.time()
    result = sandbox.cli("snooze", "30m")
    after = time.time()
    assert result.returncode == 0, result.stderr
    ((start_s, until_s, reason),) = snoozes(sandbox)
    assert before <= start_s <= after and until_s == pytest.approx(start_s + 1800)
    assert reason == "snooze 30m"
    until = datetime.fromtimestamp(until_s, ZONE)
    assert result.stdout.strip() in (
        f"Snoozed until {until:%H:%M}.",
        f"Snoozed until {until:%H:%M} tomorrow.",
    )
    assert active(sandbox) == until_s
    shown = sandbox.cli("snooze")
    assert shown.stdout == result.stdout


def test_snooze_today_lasts_until_midnight(sandbox: Sandbox) -> None:
    result = sandbox.cli("snooze", "today")
    assert (result.returncode, result.stdout.strip()) == (0, "Snoozed until tomorrow.")
    ((start_s, until_s, _),) = snoozes(sandbox)
    until = datetime.fromtimestamp(until_s, ZONE)
    assert (until.hour, until.minute, until.second) == (0, 0, 0)
    assert until.date() == datetime.fromtimestamp(start_s, ZONE).date() + timedelta(days=1)


def test_snooze_off_ends_it_and_a_new_snooze_replaces_the_old(sandbox: Sandbox) -> None:
    assert sandbox.cli("snooze", "today").returncode == 0
    shorter = sandbox.cli("snooze", "1h")
    assert shorter.returncode == 0
    until_s = active(sandbox)
    assert until_s is not None and until_s == pytest.approx(time.time() + 3600, abs=60)

    off = sandbox.cli("snooze", "off")
    assert (off.returncode, off.stdout.strip()) == (0, "Snooze ended; coaching is back on.")
    assert active(sandbox) is None
    assert len(snoozes(sandbox)) == 2  # history keeps both, ended
    again = sandbox.cli("snooze", "OFF")
    assert (again.returncode, again.stdout.strip()) == (0, "No snooze was on.")
    assert sandbox.cli("snooze").stdout.strip() == "Not snoozed."


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("3x", "'3x' is not a snooze; try 30m, 1h or today"),
        ("forever", "'forever' is not a snooze; try 30m, 1h or today"),
        ("25h", "'25h' must be more than 0 minutes and at most 24 hours"),
        ("0m", "'0m' must be more than 0 minutes and at most 24 hours"),
    ],
)
def test_invalid_snooze_is_one_sentence_and_exit_2(
    sandbox: Sandbox, text: str, sentence: str
) -> None:
    result = sandbox.cli("snooze", text)
    assert result.returncode == 2
    assert result.stderr.strip() == f"posture: {sentence}"
    assert not (DataFolder(sandbox.data_dir).history).exists() or snoozes(sandbox) == []


NOW = datetime(2026, 11, 25, 14, 0, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("until", "phrase"),
    [
        (NOW + timedelta(minutes=30), "14:30"),
        (NOW.replace(hour=23, minute=59), "23:59"),
        (NOW.replace(hour=0) + timedelta(days=1), "tomorrow"),
        (NOW.replace(hour=0, minute=30) + timedelta(days=1), "00:30 tomorrow"),
    ],
)
def test_until_phrase(until: datetime, phrase: str) -> None:
    assert until_phrase(until, NOW) == phrase


def test_end_snooze_ends_only_the_snoozes_running(tmp_path: Path) -> None:
    with SqliteStore.open(tmp_path / "h.sqlite3") as store:
        store.add_snooze(1000.0, 2000.0)
        store.add_snooze(1500.0, 5000.0)
        store.add_snooze(100.0, 200.0)  # long over
        assert store.end_snooze(1600.0) == 2
        assert store.active_snooze(1600.0) is None
        assert store.end_snooze(1600.0) == 0
        assert store.active_snooze(1599.0) == 1600.0  # the part before still counts


def test_a_running_monitor_obeys_a_snooze_without_restart(
    sandbox: Sandbox, tmp_path_factory: pytest.TempPathFactory, shared_data: Path
) -> None:
    # A live (loopback) camera: a recording runs on its own clock, which no snooze touches.
    video = long_video(tmp_path_factory, shared_data)
    with stream_server(video, size="224:224") as camera:
        started = sandbox.cli("start", "--source", camera.url, timeout=90)
        assert started.returncode == 0, started.stderr
        wait_for(
            lambda: sandbox.status_file().get("state") == "watching", 60, "the monitor to watch"
        )
        assert sandbox.cli("snooze", "1h").returncode == 0
        began_s = time.time()
        assert active(sandbox) is not None
        wait_for(
            lambda: str(sandbox.status_file().get("state", "")).startswith("snoozed until"),
            60,
            "the running monitor to pause for the snooze",
        )
        paused_seen = sandbox.status_file().get("updated_s", 0)
        wait_for(  # one more look while snoozed, so paused time is accounted
            lambda: sandbox.status_file().get("updated_s", 0) > paused_seen,
            90,
            "a second look while snoozed",
        )
        assert sandbox.cli("stop", timeout=60).returncode == 0
        stopped_s = time.time()
    with sqlite3.connect(DataFolder(sandbox.data_dir).history) as db:
        paused_s, monitored_s = db.execute(
            "SELECT sum(paused_s), sum(monitored_s) FROM intervals"
        ).fetchone()
    print(f"paused {paused_s:.0f} s, monitored {monitored_s:.0f} s")
    # Watching before the snooze, then paused for the part of it the monitor ran through.
    assert 0 < paused_s <= stopped_s - began_s + 1
    assert monitored_s > 0
