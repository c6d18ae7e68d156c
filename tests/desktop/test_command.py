"""`desktop` refusing what it cannot do: one sentence and a non-zero exit, before any window."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli import run_cli
from tests.support.monitor_process import Sandbox


def test_without_a_display_desktop_says_so_and_points_to_start(tmp_path: Path) -> None:
    sandbox = Sandbox(tmp_path).prepare()
    env = {**sandbox.env, "DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""}
    done = run_cli("desktop", "--source", "0", env=env)
    assert done.returncode == 1
    assert done.stderr.strip().startswith("posture: There is no display to show the desktop app")
    assert "python run.py start" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert sandbox.running_pid() is None


def test_a_missing_source_is_one_sentence_before_any_window(tmp_path: Path) -> None:
    sandbox = Sandbox(tmp_path).prepare()
    # No X server answers on this display: the source is refused before Qt would connect.
    env = {**sandbox.env, "DISPLAY": ":4242", "QT_QPA_PLATFORM": "xcb"}
    done = run_cli("desktop", "--source", str(tmp_path / "missing.avi"), env=env)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"posture: {tmp_path / 'missing.avi'}: no such file or folder"
    ]
    assert sandbox.running_pid() is None
