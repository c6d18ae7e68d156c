"""`desktop` without a display: one sentence and exit 1, before any model loads."""

from __future__ import annotations

from pathlib import Path

from tests.support.monitor_process import Sandbox


def test_without_a_display_desktop_says_so_and_points_to_start(tmp_path: Path) -> None:
    sandbox = Sandbox(tmp_path).prepare()
    env = {**sandbox.env, "DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""}
    from tests.support.cli import run_cli

    done = run_cli("desktop", "--source", "0", env=env)
    assert done.returncode == 1
    assert done.stderr.strip().startswith("posture: There is no display to show the desktop app")
    assert "python run.py start" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert sandbox.running_pid() is None
