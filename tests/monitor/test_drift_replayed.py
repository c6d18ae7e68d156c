"""A camera moved partway through a replayed session: a re-calibration hint, not a slouch alert.

The video is built from the real upright frames of ../shared/data/slouching-or-not (session B):
a minute and a half as calibrated, then six minutes of the same upright frames as a camera moved
back and to the side would show them (shrunk to 60 % and set in the lower left corner, the rest
of the picture the office wall). The sitter never slouches, but against the old calibration the
moved picture looks like a sunken head; a setup drift must win.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import cv2
import numpy as np
import pytest

from posture.core.folder_layout import DataFolder
from tests.support.cli import run_cli
from tests.support.videos import frames_of, load, write_video

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite

BEFORE_S, AFTER_S = 90, 360
START = "2026-11-25T09:00:00"


def moved_camera(frame: np.ndarray, scale: float = 0.6) -> np.ndarray:
    """The frame as a camera further back and to the side sees it: smaller, in a corner."""
    height, width = frame.shape[:2]
    small = cv2.resize(
        frame, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA
    )
    canvas = cv2.resize(frame[:, :40], (width, height))  # the plain wall beside the sitter
    canvas[height - small.shape[0] :, : small.shape[1]] = small
    return np.ascontiguousarray(canvas)


@pytest.fixture(scope="module")
def replay(
    shared_data: Path, tmp_path_factory: pytest.TempPathFactory, lite_model: Path
) -> tuple[Path, float, str]:
    work = tmp_path_factory.mktemp("drift")
    good = frames_of(shared_data, "notSlouching")
    calibration = work / "calibration"
    calibration.mkdir()
    for path in good[:5]:
        shutil.copy(path, calibration)
    upright = load(good[5:])
    video = work / "moved.avi"
    write_video(video, [(upright, BEFORE_S), ([moved_camera(f) for f in upright], AFTER_S)])
    config = work / "config.toml"
    config.write_text('[monitor]\nnotifier = "log"\n')
    data = work / "data"
    common = ["--data-dir", str(data), "--config", str(config)]
    calibrated = run_cli("calibrate", "--source", str(calibration), *common)
    assert calibrated.returncode == 0, calibrated.stderr
    result = run_cli("run", "--source", str(video), "--replay-start", START, *common)
    assert result.returncode == 0, result.stderr
    start_s = datetime.fromisoformat(START).astimezone().timestamp()
    return DataFolder(data).history, start_s, result.stderr


def test_one_setup_hint_and_no_posture_alert(replay: tuple[Path, float, str]) -> None:
    db, start_s, stderr = replay
    with sqlite3.connect(db) as conn:
        alerts = conn.execute(
            "SELECT t_s, kind, issue, message FROM alerts ORDER BY t_s"
        ).fetchall()
    kinds = [(kind, issue) for _, kind, issue, _ in alerts]
    assert kinds == [("setup", None)], alerts
    t, _, _, message = alerts[0]
    # Half the drift window for the median to turn, then drift_min (3 min) beyond it.
    assert BEFORE_S + 3 * 60 <= t - start_s <= BEFORE_S + 60 + 3 * 60 + 15, t - start_s
    assert "python run.py calibrate" in message and "smaller" in message
    assert "1 notifications" in stderr


def test_the_drift_is_a_recorded_state_change(replay: tuple[Path, float, str]) -> None:
    db = replay[0]
    with sqlite3.connect(db) as conn:
        changes = conn.execute(
            "SELECT t_s, value FROM state_changes WHERE kind = 'monitor' ORDER BY t_s, id"
        ).fetchall()
        setup_t = conn.execute("SELECT t_s FROM alerts WHERE kind = 'setup'").fetchone()[0]
    values = [value for _, value in changes]
    assert values == ["started", "drift", "stopped"], changes
    assert changes[1][0] == pytest.approx(setup_t)


def test_time_after_the_drift_is_not_judged_in_the_day_report(
    replay: tuple[Path, float, str], tmp_path: Path
) -> None:
    db, start_s, _ = replay
    with sqlite3.connect(db) as conn:
        drift_s = conn.execute(
            "SELECT t_s FROM state_changes WHERE kind = 'monitor' AND value = 'drift'"
        ).fetchone()[0]
    out = tmp_path / "day.json"
    day = START[:10]
    done = run_cli("report", "--data-dir", str(db.parent), "--date", day, "--json", str(out))
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text())
    end_s = start_s + BEFORE_S + AFTER_S
    assert report["seconds"]["setup_changed"] == pytest.approx(end_s - drift_s, abs=10)
    # Judged time ends at the drift: what looked bad is at most the stretch between the camera
    # move and the drift rule's verdict, never the hours after it.
    assert BEFORE_S - 10 <= report["seconds"]["monitored"] <= drift_s - start_s + 10
    assert report["seconds"]["bad"] <= drift_s - (start_s + BEFORE_S) + 5
    states = [s["presence"] for s in report["timeline"]]
    assert states[-1] == "setup_changed", states
