"""The log has one line for each alert, pause (with its reason), camera lost and back, setup
drift, and the stop: a scripted hour on the seams of tests/monitor/test_step.py, real SQLite."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.core.frame import Frame
from posture.monitor.loop import run_replay
from posture.ports import SourceEnded
from tests.monitor.test_setup_changed import SHIFTED
from tests.support.scripted_monitor import (
    PERSON,
    SLOUCHED,
    T0,
    UPRIGHT,
    ScriptedCamera,
    ScriptedPose,
    make_monitor,
)

END_S = 30 * 60.0


class EndingCamera(ScriptedCamera):
    """A scripted camera whose recording ends at END_S."""

    def frame_at(self, now_s: float) -> Frame | None:
        if now_s - T0 >= END_S:
            raise SourceEnded("scripted", T0 + END_S)
        return super().frame_at(now_s)


def picture(t: float) -> object:
    return None if 300 <= t < 360 else PERSON  # the camera is lost for a minute


def pose(t: float) -> object:
    if 120 <= t < 200:
        return SLOUCHED
    return SHIFTED if t >= 900 else UPRIGHT


def paused(now_s: float) -> str:
    return "paused while zoom is running" if 500 <= now_s - T0 < 600 else ""


def test_one_log_line_per_event(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="posture.monitor")
    with SqliteStore.open(tmp_path / "h.sqlite3") as store:
        monitor, notifier = make_monitor(
            store,
            EndingCamera(picture),
            ScriptedPose(pose),
            paused=paused,  # type: ignore[arg-type]
        )
        run_replay(monitor, T0, threading.Event())
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("posture.monitor")]
    alerts = [line for line in lines if line.startswith("alert ")]
    assert len(alerts) == len(notifier.sent) >= 2  # a slouch and the setup hint
    assert any(line.startswith("alert (slouch)") for line in alerts), alerts
    assert any(line.startswith("alert (setup)") for line in alerts), alerts
    assert lines.count("camera lost") == 1 and lines.count("camera back") == 1
    assert lines.count("paused while zoom is running") == 1
    assert lines.count("resumed: no longer paused") == 1
    assert lines.count("setup changed: posture not judged") == 1
    assert lines[-1] == f"stopped cleanly; {len(notifier.sent)} alerts"
    order = [lines.index(x) for x in ("camera lost", "camera back", "paused while zoom is running")]
    assert order == sorted(order)
