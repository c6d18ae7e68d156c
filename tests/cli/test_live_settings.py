"""A running background monitor obeys an edited config file without a restart.

A real `run` in the background replays a 3-hour recording of a real sitter, which reaches
minutes of sitting within seconds. The config first sets the longest sitting limit (480 min:
no sitting alert in the whole recording); a broken edit is logged once and changes nothing;
then the limit is set to 5 min through the same writer the settings window uses, and a sitting
alert follows.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from posture.adapters.config_file import save
from tests.support.monitor_process import Sandbox, long_video, wait_for

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    box = Sandbox(tmp_path).prepare()
    try:
        yield box
    finally:
        box.kill_leftovers()


def last_alert(box: Sandbox) -> str:
    """The running monitor's last alert, from its status file (only sitting alerts come from
    this upright sitter under population defaults, and none before the limit)."""
    return str(box.status_file().get("last_alert") or "")


def log_text(box: Sandbox) -> str:
    return box.run_log.read_text(encoding="utf-8", errors="replace")


def test_the_running_monitor_uses_the_new_sitting_limit(
    sandbox: Sandbox, tmp_path_factory: pytest.TempPathFactory, shared_data: Path
) -> None:
    video = long_video(tmp_path_factory, shared_data)
    sandbox.config.write_text(
        '# my own notes\n[monitor]\nnotifier = "log"  # keep it quiet\n\n'
        "[sitting]\n# the longest there is\nsit_limit_min = 480\n",
        encoding="utf-8",
    )
    sandbox.replay_in_background(video)
    wait_for(
        lambda: sandbox.status_file().get("sitting_for_s", 0) >= 600,
        90,
        "ten minutes of sitting in the status file",
    )
    assert last_alert(sandbox) == ""  # ten minutes sat, under a 480 min limit

    good = sandbox.config.read_text(encoding="utf-8")
    sandbox.config.write_text(good.replace("= 480", "= 4"), encoding="utf-8")  # under 5: refused
    wait_for(
        lambda: "does not load, so the settings stay" in log_text(sandbox),
        30,
        "the broken edit in the log",
    )
    assert last_alert(sandbox) == ""
    assert sandbox.running_pid() is not None

    sandbox.config.write_text(good, encoding="utf-8")
    save(sandbox.config, {"sitting": {"sit_limit_min": 5.0}})
    assert "# the longest there is" in sandbox.config.read_text(encoding="utf-8")
    alert = wait_for(lambda: last_alert(sandbox), 60, "a sitting alert after the edit")
    assert alert.startswith(("Time to move", "Still sitting")), alert
    assert log_text(sandbox).count("does not load, so the settings stay") == 1
    stopped = sandbox.cli("stop")
    assert stopped.returncode == 0, stopped.stderr
