"""The whole assistant answering a real notification: `run` on a loopback camera that serves
real slouching frames (calibrated on the same sitter upright), notifications through the real
chain to dunst on Xvfb; "Snooze 30 min" pressed through dunst's menu snoozes the running
monitor, and `status` (text and JSON) reports it."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import REPO, run_cli
from tests.support.monitor_process import wait_for
from tests.support.notify_server import NotificationServer, notification_server
from tests.support.stream_server import stream_server
from tests.support.videos import frames_of, load, write_video

pytestmark = pytest.mark.e2e  # real processes, the model, Xvfb, a session bus and dunst


@pytest.fixture
def desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[NotificationServer]:
    with notification_server(tmp_path / "desktop") as server:
        server.export(monkeypatch)
        yield server


def test_snooze_from_the_notification_snoozes_the_running_monitor(
    desktop: NotificationServer, shared_data: Path, tmp_path: Path, lite_model: Path
) -> None:
    calibration = tmp_path / "calibration"
    calibration.mkdir()
    for path in frames_of(shared_data, "notSlouching")[:5]:
        shutil.copy(path, calibration)
    config = tmp_path / "config.toml"
    config.write_text('[monitor]\nnotifier = "native"\n')
    data = tmp_path / "data"
    common = ["--data-dir", str(data), "--config", str(config)]
    assert run_cli("calibrate", "--source", str(calibration), *common).returncode == 0
    video = tmp_path / "slouching.avi"
    write_video(video, [(load(frames_of(shared_data, "isSlouching")), 60)])
    with stream_server(video, size="224:224") as camera:
        proc = subprocess.Popen(
            [sys.executable, str(REPO / "run.py"), "run", "--source", camera.url, *common],
            cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        try:
            wait_for(lambda: desktop.received_count() >= 1, 180, "a posture notification")
            desktop.press("Snooze 30 min")
            status = wait_for(
                lambda: (
                    found
                    if (found := json.loads(run_cli("status", "--json", *common).stdout)).get(
                        "activity"
                    )
                    == "snoozed"
                    else None
                ),
                60,
                "status to report the snooze",
            )
            text = run_cli("status", *common).stdout
        finally:
            proc.send_signal(signal.SIGTERM)
            _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert status["running"] is True and status["state"].startswith("snoozed until ")
    assert "snoozed until" in text, text
    # The snooze is read back from the history by another process (it once was not: the
    # monitor's process dropped its SQLite locks, tests/adapters/sqlite/test_shared_history.py).
    assert status["snoozed_until"] is not None, status
    assert abs(status["snoozed_until_s"] - status["updated_s"] - 1800) < 60, status
    assert "  Snoozed:    until " in text, text
    assert "alert (slouch)" in err and "snoozed for 30 min from a notification" in err, err
