"""The desktop app as a user runs it: `python run.py desktop` on a loopback camera, under Xvfb
with a real XEmbed tray host (trayer), a private session bus and dunst.

The camera replays a recording of a real sitter, upright and then slouching (frames from
../shared/data/slouching-or-not, session B); a screenshot of the screen finds the icon's green,
then its red once the slouch has lasted. `stop` ends the app as it ends `start`'s monitor.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

from posture.core.folder_layout import DataFolder
from posture.desktop.states import GOOD, ISSUE
from tests.support.cli import REPO
from tests.support.desktop import PYTHON, desktop_env, pixels_of, screenshot, tray_host
from tests.support.monitor_process import Sandbox, wait_for
from tests.support.notify_server import NotificationServer, notification_server
from tests.support.stream_server import stream_server
from tests.support.videos import frames_of, load, write_video

ICON_PIXELS = 40  # the disc's middle at the smallest tray size (16 px) is more than this
UPRIGHT_S = 30.0


def calibrated_sandbox(root: Path, shared_data: Path) -> Sandbox:
    """A sandbox whose active profile is calibrated on five upright frames of the sitter."""
    sandbox = Sandbox(root).prepare()
    frames = root / "calibration"
    frames.mkdir()
    for path in frames_of(shared_data, "notSlouching")[:5]:
        shutil.copy(path, frames)  # into the test's own temporary folder, never the repo
    done = sandbox.cli("calibrate", "--source", str(frames))
    assert done.returncode == 0, done.stderr
    return sandbox


def upright_then_slouching(path: Path, shared_data: Path) -> Path:
    """A 1 fps recording: upright for UPRIGHT_S, then slouching for ten minutes."""
    size = (320, 240)
    upright = [cv2.resize(f, size) for f in load(frames_of(shared_data, "notSlouching")[:5])]
    slouch = [cv2.resize(f, size) for f in load(frames_of(shared_data, "isSlouching")[:5])]
    write_video(path, [(upright, UPRIGHT_S), (slouch, 600.0)], fps=1.0)
    return path


def shot_with(server: NotificationServer, colour: str) -> list[np.ndarray]:
    """A screenshot showing the icon in `colour` (in a list, for `wait_for`), or nothing."""
    shot = screenshot(server)
    return [shot] if pixels_of(shot, colour) >= ICON_PIXELS else []


def recorded(history: Path, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(history)) as db:
        return db.execute(sql).fetchall()


@pytest.mark.e2e
def test_the_tray_icon_turns_from_green_to_red_when_the_sitter_slouches(
    tmp_path: Path, shared_data: Path, lite_model: Path
) -> None:
    sandbox = calibrated_sandbox(tmp_path / "box", shared_data)
    video = upright_then_slouching(tmp_path / "sitter.avi", shared_data)
    with (
        notification_server(tmp_path / "desktop") as server,
        tray_host(server, tmp_path / "desktop"),
        stream_server(video, fps=1, size="320:240") as camera,
    ):
        log = (tmp_path / "desktop.log").open("wb")
        app = subprocess.Popen(
            [PYTHON, str(REPO / "run.py"), "desktop", "--source", camera.url],
            env=desktop_env(server, sandbox.env),
            stdout=log,
            stderr=log,
        )
        try:
            (first,) = wait_for(lambda: shot_with(server, GOOD.colour), 90, "the green icon")
            assert pixels_of(first, ISSUE.colour) == 0
            assert sandbox.status_file()["posture"] == "good"
            (later,) = wait_for(lambda: shot_with(server, ISSUE.colour), 120, "the red icon")
            assert pixels_of(later, GOOD.colour) == 0
            assert "slouch" in sandbox.status_file()["posture"]
            status = sandbox.cli("status", "--json")
            assert status.returncode == 0 and json.loads(status.stdout)["pid"] == app.pid
            stopped = sandbox.cli("stop")
            assert stopped.returncode == 0, stopped.stderr
            assert app.wait(30) == 0
        finally:
            if app.poll() is None:
                app.kill()
                app.wait(10)
            log.close()
    history = DataFolder(sandbox.data_dir).history
    changes = recorded(history, "SELECT kind, value FROM state_changes ORDER BY id")
    assert changes[-1] == ("monitor", "stopped")
    assert ("posture", "slouch") in changes
    (monitored_s,) = recorded(history, "SELECT SUM(monitored_s) FROM intervals")[0]
    assert monitored_s > UPRIGHT_S
    assert sandbox.running_pid() is None
