"""Faults a background assistant meets, with real processes, files and a loopback camera."""

from __future__ import annotations

import contextlib
import json
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from posture.core.folder_layout import DataFolder
from tests.support.cli import REPO, run_cli
from tests.support.layout import unnamed_entries
from tests.support.monitor_process import wait_for
from tests.support.stream_server import stream_server
from tests.support.videos import empty_scene, frames_of, load, write_video

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite

START = "2026-11-25T09:00:00+00:00"
START_S = 1795597200.0  # the same moment in UTC seconds


def _calibrated(shared_data: Path, work: Path, config_text: str = "") -> list[str]:
    calibration = work / "calibration"
    calibration.mkdir(exist_ok=True)
    for path in frames_of(shared_data, "notSlouching")[:5]:
        shutil.copy(path, calibration)
    config = work / "config.toml"
    config.write_text('[monitor]\nnotifier = "log"\n' + config_text)
    common = ["--data-dir", str(work / "data"), "--config", str(config)]
    result = run_cli("calibrate", "--source", str(calibration), *common)
    assert result.returncode == 0, result.stderr
    return common


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(REPO / "run.py"), *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _status(data: Path) -> dict[str, object]:
    try:
        found = json.loads((DataFolder(data).status).read_text())
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _state_lasted(data: Path, state: str, since_s: float, seconds: float) -> bool:
    """Whether the monitor's own status says `state` has held for `seconds` after `since_s`."""
    status = _status(data)
    updated = status.get("updated_s")
    return (
        status.get("state") == state and isinstance(updated, float) and updated - since_s >= seconds
    )


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    if not db.exists():
        return []
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        try:
            return conn.execute(sql).fetchall()
        except sqlite3.OperationalError:
            return []


def _changes(db: Path, kind: str) -> list[str]:
    return [
        str(r[0])
        for r in _rows(
            db, f"SELECT value FROM state_changes WHERE kind = '{kind}' ORDER BY t_s, id"
        )
    ]


def test_a_camera_that_disappears_and_returns(
    shared_data: Path, tmp_path: Path, lite_model: Path
) -> None:
    """The stream's server dies and comes back: the loop goes on, the gap is 'unavailable'."""
    common = _calibrated(shared_data, tmp_path, "summary_interval_s = 10.0\n")
    video = tmp_path / "upright.avi"
    write_video(video, [(load(frames_of(shared_data, "notSlouching")[5:]), 20)])
    db = DataFolder(tmp_path / "data").history
    # The stream keeps the frames' own size: stretching them would change the posture seen.
    with stream_server(video, size="224:224") as camera:
        proc = _start("run", "--source", camera.url, *common)
        try:
            wait_for(lambda: "present" in _changes(db, "presence"), 90, "the first assessment")
            before = len(_changes(db, "camera"))
            camera.unplug()
            lost_s = time.time()
            wait_for(lambda: "unavailable" in _changes(db, "camera"), 30, "the camera loss")
            # Unplugged until the monitor itself has seen no camera for 8 s.
            wait_for(
                lambda: _state_lasted(db.parent, "camera unavailable", lost_s, 8.0),
                60,
                "8 s without a camera in the monitor's status",
            )
            camera.plug_in()
            wait_for(
                lambda: (
                    _changes(db, "camera")[-1:] == ["available"]
                    and len(_changes(db, "camera")) >= 3
                ),
                60,
                "the camera to come back",
            )
            back_s = time.time()
            wait_for(
                lambda: _state_lasted(db.parent, "watching", back_s, 0.0),
                60,
                "the monitor watching again",
            )
        finally:
            proc.send_signal(signal.SIGTERM)
            _out, err = proc.communicate(timeout=30)
            print(err, file=sys.stderr)  # shown by pytest when the test fails
    assert proc.returncode == 0, err
    camera_changes = _changes(db, "camera")
    assert camera_changes[before - 1] == "available"
    assert camera_changes[before:] == ["unavailable", "available"]
    # Each loss is logged once, not at every retry (the first connection may also have found
    # the server restarting between clients, as it takes one at a time).
    assert err.count("is unavailable") == camera_changes.count("unavailable")
    ((unavailable, monitored),) = _rows(
        db, "SELECT SUM(unavailable_s), SUM(monitored_s) FROM intervals"
    )
    assert unavailable >= 8  # type: ignore[operator]
    assert monitored > 0  # type: ignore[operator]
    assert _rows(db, "SELECT * FROM breaks") == []


def test_a_camera_index_that_never_opens_is_refused_at_start(tmp_path: Path) -> None:
    result = run_cli("run", "--source", "7", "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 2
    assert "camera 7 could not be opened" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_video_with_a_corrupt_middle_replays_to_its_end(
    shared_data: Path, tmp_path: Path, lite_model: Path
) -> None:
    common = _calibrated(shared_data, tmp_path)
    video = tmp_path / "damaged.avi"
    length = write_video(video, [(load(frames_of(shared_data, "notSlouching")[5:]), 120)])
    data = bytearray(video.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 20000] = random.Random(23).randbytes(20000)
    video.write_bytes(bytes(data))
    result = run_cli("run", "--source", str(video), "--replay-start", START, *common)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    ((total,),) = _rows(
        DataFolder(tmp_path / "data").history,
        "SELECT SUM(monitored_s + away_s + unavailable_s + paused_s) FROM intervals",
    )
    assert total == pytest.approx(length, abs=10)  # type: ignore[arg-type]


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


@pytest.fixture(scope="module")
def soak(
    shared_data: Path, tmp_path_factory: pytest.TempPathFactory, lite_model: Path
) -> Iterator[tuple[Path, list[float], subprocess.CompletedProcess[str]]]:
    """Eight hours on the video's own clock: each hour 20 minutes at the desk, 40 away."""
    work = tmp_path_factory.mktemp("soak")
    common = _calibrated(shared_data, work)
    upright = load(frames_of(shared_data, "notSlouching")[5:])
    empty = [empty_scene(shared_data)]
    video = work / "eight-hours.avi"
    length = write_video(video, [(upright, 1200), (empty, 2400)] * 8, fps=0.2)
    assert length == 8 * 3600
    proc = _start("run", "--source", str(video), "--replay-start", START, *common)
    samples: list[float] = []
    while proc.poll() is None:
        rss = _rss_mb(proc.pid)
        if rss is not None:
            samples.append(rss)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=0.5)  # a sample every half second, ending as soon as it exits
    out, err = proc.communicate()
    return work, samples, subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_soak_totals_add_up_to_eight_hours_exactly(soak) -> None:  # type: ignore[no-untyped-def]
    work, _, result = soak
    assert result.returncode == 0, result.stderr
    db = DataFolder(work / "data").history
    ((total, monitored, away),) = _rows(
        db,
        "SELECT SUM(monitored_s + away_s + unavailable_s + "
        "paused_s), SUM(monitored_s), SUM(away_s) "
        "FROM intervals",
    )
    assert total == pytest.approx(8 * 3600, abs=1e-6)
    assert monitored == pytest.approx(8 * 1200, abs=8 * 12)
    assert away == pytest.approx(8 * 2400, abs=8 * 12)
    ((first, last),) = _rows(db, "SELECT MIN(start_s), MAX(end_s) FROM intervals")
    assert (first, last) == (pytest.approx(START_S), pytest.approx(START_S + 8 * 3600))
    assert len(_rows(db, "SELECT * FROM breaks")) == 8 - 1  # every return after an absence


def test_soak_memory_stays_flat(soak) -> None:  # type: ignore[no-untyped-def]
    _, samples, _ = soak
    assert len(samples) >= 20
    settled = samples[len(samples) // 5 :]  # after the model has loaded
    quarter = max(1, len(settled) // 4)
    early = float(np.median(settled[:quarter]))
    late = float(np.median(settled[-quarter:]))
    assert late - early <= 15.0, (early, late)


IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"BM", b"GIF8", b"RIFF", b"II*\x00", b"MM\x00*")


def test_no_frame_is_written_and_history_is_private(soak) -> None:  # type: ignore[no-untyped-def]
    work, _, _ = soak
    data = work / "data"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for path in data.rglob("*"):
        if path.is_file():
            assert not path.read_bytes()[:8].startswith(IMAGE_MAGIC), path
            assert path.suffix.lower() not in {".jpg", ".jpeg", ".png", ".bmp", ".avi", ".mp4"}
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path  # every file, not only these
    assert unnamed_entries(data) == []  # and each is one the data folder's layout names


def test_sigkill_during_a_replay_keeps_the_database_and_the_report(
    shared_data: Path, tmp_path: Path, lite_model: Path
) -> None:
    common = _calibrated(shared_data, tmp_path, "summary_interval_s = 10.0\n")
    video = tmp_path / "long.avi"
    write_video(video, [(load(frames_of(shared_data, "notSlouching")[5:]), 4 * 3600)], fps=0.2)
    db = DataFolder(tmp_path / "data").history
    proc = _start("run", "--source", str(video), "--replay-start", START, *common)
    try:
        wait_for(
            lambda: len(_rows(db, "SELECT id FROM intervals")) >= 20, 120, "intervals to be written"
        )
    finally:
        proc.kill()
        proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = conn.execute("SELECT SUM(monitored_s), COUNT(*) FROM intervals").fetchone()
    out = tmp_path / "day.json"
    result = run_cli(
        "report", "--date", "2026-11-25", "--timezone", "UTC", "--json", str(out), *common
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(out.read_text())["figures"]
    assert figures["monitored_min"] == pytest.approx(stored[0] / 60, abs=0.1)
    assert stored[1] >= 20
