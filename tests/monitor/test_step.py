"""The loop body with fakes at the seams (camera, pose, notifier) and a real SQLite store.

Hours of simulated time pass in milliseconds: `step(now)` is called with a scripted clock.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.config.schema import Config, Sitting
from posture.core.frame import Image
from posture.core.landmarks import Pose
from tests.support.scripted_monitor import (
    BLACK,
    PERSON,
    SLOUCHED,
    T0,
    UPRIGHT,
    ScriptedCamera,
    ScriptedPose,
    drive,
    make_monitor,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore.open(tmp_path / "history.sqlite3") as opened:
        yield opened


def test_hours_of_good_posture_send_nothing_and_add_up(store: SqliteStore) -> None:
    camera = ScriptedCamera(lambda t: PERSON)
    monitor, notifier = make_monitor(
        store, camera, ScriptedPose(lambda t: UPRIGHT), Config(sitting=Sitting(sit_limit_min=480.0))
    )
    drive(monitor, notifier, 3 * 3600)
    assert notifier.sent == []
    intervals = store.intervals_between(T0, T0 + 4 * 3600)
    assert sum(i.monitored_s for i in intervals) == pytest.approx(3 * 3600, abs=1.0)
    assert all(i.score == 100.0 for i in intervals if i.monitored_s > 0)


def test_slouch_is_sampled_faster_while_building_then_alerted_once(store: SqliteStore) -> None:
    camera = ScriptedCamera(lambda t: PERSON)
    pose = ScriptedPose(lambda t: SLOUCHED if 60 <= t < 240 else UPRIGHT)
    monitor, notifier = make_monitor(store, camera, pose)
    delays = drive(monitor, notifier, 600)
    slouch = [s for s in notifier.sent if "slouch" in s[2]]
    assert len(slouch) == 1 and 80 <= slouch[0][0] <= 90
    assert Config().monitor.building_interval_s in delays
    assert min(delays) < Config().monitor.sample_interval_s
    assert store.alerts_between(T0, T0 + 600)[0].corrected_at_s is not None


def test_away_releases_the_camera_and_slows_down(store: SqliteStore) -> None:
    camera = ScriptedCamera(lambda t: PERSON)
    pose = ScriptedPose(lambda t: UPRIGHT if t < 60 else None)
    monitor, notifier = make_monitor(store, camera, pose)
    delays = drive(monitor, notifier, 60 + 15 * 60)
    assert camera.releases >= 1
    m = Config().monitor
    assert delays[-1] == m.released_interval_s
    # Fewer looks than once a second: away costs little.
    assert camera.looks < 60 + (15 * 60) / m.away_interval_s
    assert len(store.breaks_between(T0, T0 + 3600)) == 0  # no return yet: break not closed
    assert store.sittings_between(T0, T0 + 3600)[0].end_s == pytest.approx(T0 + 60, abs=2)


@pytest.mark.parametrize(("gap_min", "breaks"), [(3, 0), (6, 1)])
def test_only_a_long_enough_absence_is_a_break(
    store: SqliteStore, gap_min: int, breaks: int
) -> None:
    away = (600, 600 + gap_min * 60)
    pose = ScriptedPose(lambda t: None if away[0] <= t < away[1] else UPRIGHT)
    monitor, notifier = make_monitor(store, ScriptedCamera(lambda t: PERSON), pose)
    drive(monitor, notifier, 1800)
    assert len(store.breaks_between(T0, T0 + 3600)) == breaks


def test_a_privacy_shutter_is_not_a_person(store: SqliteStore) -> None:
    camera = ScriptedCamera(lambda t: PERSON if t < 60 else BLACK)
    pose = ScriptedPose(lambda t: UPRIGHT)  # would claim a person if it were asked
    monitor, notifier = make_monitor(store, camera, pose)
    drive(monitor, notifier, 60 + 10 * 60)
    intervals = store.intervals_between(T0, T0 + 3600)
    assert sum(i.away_s for i in intervals) == pytest.approx(600, abs=2)
    assert pose.calls <= 61 * 2


def test_an_unavailable_camera_is_neither_a_break_nor_good_posture(store: SqliteStore) -> None:
    camera = ScriptedCamera(lambda t: None if 300 <= t < 1200 else PERSON)
    monitor, notifier = make_monitor(store, camera, ScriptedPose(lambda t: UPRIGHT))
    drive(monitor, notifier, 1800)
    intervals = store.intervals_between(T0, T0 + 3600)
    assert sum(i.unavailable_s for i in intervals) == pytest.approx(900, abs=4)
    assert sum(i.monitored_s for i in intervals) == pytest.approx(900, abs=4)
    assert store.breaks_between(T0, T0 + 3600) == []
    changes = [(c.kind, c.value) for c in store.state_changes_between(T0, T0 + 3600)]
    assert ("camera", "unavailable") in changes and changes.count(("camera", "available")) == 2


def test_paused_time_releases_the_camera_and_counts_as_paused(store: SqliteStore) -> None:
    camera = ScriptedCamera(lambda t: PERSON)
    pose = ScriptedPose(lambda t: SLOUCHED)
    monitor, notifier = make_monitor(
        store, camera, pose, paused=lambda now: "paused while zoom is running"
    )
    drive(monitor, notifier, 1800)
    assert notifier.sent == [] and pose.calls == 0 and not camera.open
    assert sum(i.paused_s for i in store.intervals_between(T0, T0 + 3600)) == pytest.approx(
        1800, abs=31
    )


def test_sitting_reminder_repeats_while_sitting(store: SqliteStore) -> None:
    config = Config(sitting=Sitting(sit_limit_min=50, sit_repeat_min=15))
    monitor, notifier = make_monitor(
        store, ScriptedCamera(lambda t: PERSON), ScriptedPose(lambda t: UPRIGHT), config
    )
    drive(monitor, notifier, 90 * 60)
    times_min = [round(t / 60) for t, _, _ in notifier.sent]
    assert times_min == [50, 65, 80]


class RealPoseOnScript(ScriptedPose):
    """Runs the real frame checks (normalisation) before answering from the script."""

    def detect(self, image: Image, time_s: float) -> list[Pose]:
        from posture.adapters.opencv_pixels import normalize_image

        normalize_image(image)
        return super().detect(normalize_image(image), time_s)


BAD_FRAMES: dict[str, np.ndarray] = {
    "zero-size": np.zeros((0, 0, 3), np.uint8),
    "grayscale": np.tile(np.linspace(0, 255, 640, dtype=np.uint8), (480, 1)),
    "rgba": np.dstack([PERSON, np.full((480, 640), 255, np.uint8)]),
    "16-bit": (PERSON.astype(np.uint16) * 257),
    "huge": np.tile(PERSON, (13, 13, 1))[:6000, :8000],
    "odd channels": np.random.default_rng(1).integers(0, 255, (480, 640, 2), dtype=np.uint8),
}


def test_bad_frames_are_skipped_or_handled_and_logged_once(
    store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    kinds = list(BAD_FRAMES)

    def script(t: float) -> Image:
        return BAD_FRAMES[kinds[int(t) % len(kinds)]] if t < 120 else PERSON

    camera = ScriptedCamera(script)
    pose = RealPoseOnScript(lambda t: UPRIGHT)
    monitor, notifier = make_monitor(store, camera, pose)
    with caplog.at_level("WARNING", logger="posture.monitor.step"):
        drive(monitor, notifier, 240)
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= 30]
    assert len(warnings) == 2, warnings  # zero-size and two channels, once each
    assert any("empty" in w for w in warnings) and any("channels" in w for w in warnings)
    intervals = store.intervals_between(T0, T0 + 3600)
    assert sum(i.monitored_s for i in intervals) > 150  # the usable layouts were analysed


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 256 KiB file system (tmpfs), mounted for this test only."""
    import subprocess

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


def test_a_full_disk_holds_the_records_and_saves_them_when_space_returns(
    small_disk: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import sqlite3
    import subprocess

    path = small_disk / "history.sqlite3"
    filler = small_disk / "filler"
    with SqliteStore.open(path) as store:
        camera = ScriptedCamera(lambda t: PERSON)
        monitor, _notifier = make_monitor(store, camera, ScriptedPose(lambda t: UPRIGHT))
        now = T0
        while now < T0 + 600:  # ten minutes stored normally
            now += monitor.step(now)
        saved_before = len(store.intervals_between(0, 1e12))
        try:  # fill the disk to the last byte
            with open(filler, "wb") as handle:
                while True:
                    handle.write(b"\0" * 4096)
                    handle.flush()
        except OSError:
            pass
        with caplog.at_level("WARNING", logger="posture.monitor"):
            while now < T0 + 3600:  # fifty minutes on a full disk: the loop goes on
                now += monitor.step(now)
            errors = [r for r in caplog.records if r.levelno >= 40]
            assert len(errors) == 1 and "held in memory" in errors[0].getMessage()
            assert "full" in errors[0].getMessage()
            assert monitor.status.storage == "failing" and "full" in monitor.status.storage_problem
            assert monitor.status.unsaved_records >= 45
            assert len(store.intervals_between(0, 1e12)) == saved_before
            # Space freed (the WAL has taken the disk, so the disk is also made larger): the
            # held records are saved, and it says so.
            filler.unlink()
            subprocess.run(["mount", "-o", "remount,size=4m", str(small_disk)], check=True)
            end = now + 300
            while now < end:
                now += monitor.step(now)
        assert any("works again;" in r.getMessage() for r in caplog.records)
        assert monitor.status.storage == "ok" and monitor.status.unsaved_records == 0
        intervals = store.intervals_between(0, 1e12)
        starts = [i.start_s for i in intervals]
        assert starts == sorted(starts)
        # Nothing lost: the stored minutes run without a gap from the first look to the last.
        assert all(b.start_s == a.end_s for a, b in itertools.pairwise(intervals))
        assert intervals[0].start_s == T0 and intervals[-1].end_s >= end - 60
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_session_starting_just_after_an_interval_ends_is_stored_with_the_next(
    store: SqliteStore,
) -> None:
    """Arriving at a look that also closes an interval must not store a backwards session."""
    from posture.config.schema import Monitor as MonitorSettings

    config = Config(monitor=MonitorSettings(away_interval_s=3.5))
    pose = ScriptedPose(lambda t: None if t < 62 else UPRIGHT)
    monitor, notifier = make_monitor(store, ScriptedCamera(lambda t: PERSON), pose, config)
    drive(monitor, notifier, 300)
    sittings = store.sittings_between(T0, T0 + 3600)
    assert len(sittings) == 1
    assert sittings[0].start_s == pytest.approx(T0 + 63) and sittings[0].end_s > T0 + 290
    assert monitor.unsaved.problem is None and monitor.unsaved.refused == 0
