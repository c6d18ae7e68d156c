"""The settings window and a running monitor: the sitting limit changed and saved in the window
keeps the user's comments, and the monitor (a real `start`, replaying a 3-hour recording of a
real sitter) uses the new limit without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posture.desktop.windows.settings import SettingsWindow
from tests.support.monitor_process import Sandbox, long_video, wait_for

pytestmark = pytest.mark.e2e  # real processes and the real model: the slow suite

MINE = """\
# Mine: the longest limit there is, so no reminder comes while I test.
[monitor]
notifier = "log"  # quiet

[sitting]
sit_limit_min = 480  # eight hours
"""


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    box = Sandbox(tmp_path).prepare()
    try:
        yield box
    finally:
        box.kill_leftovers()


def test_the_window_changes_the_limit_and_the_monitor_obeys(
    qtbot: QtBot, sandbox: Sandbox, tmp_path_factory: pytest.TempPathFactory, shared_data: Path
) -> None:
    sandbox.config.write_text(MINE, encoding="utf-8")
    video = long_video(tmp_path_factory, shared_data)
    sandbox.replay_in_background(video)
    wait_for(
        lambda: sandbox.status_file().get("sitting_for_s", 0) >= 600,
        90,
        "ten minutes of sitting in the status file",
    )
    assert sandbox.status_file().get("last_alert") == ""  # under the 480 min limit

    window = SettingsWindow(sandbox.config)
    qtbot.addWidget(window)
    window.sit_limit.setValue(5.0)
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert window.message.text().startswith("Saved."), window.message.text()
    assert sandbox.config.read_text(encoding="utf-8") == MINE.replace("= 480 ", "= 5 ")

    alert = wait_for(
        lambda: sandbox.status_file().get("last_alert"), 60, "a sitting alert after the save"
    )
    assert str(alert).startswith(("Time to move", "Still sitting")), alert
    assert sandbox.cli("stop").returncode == 0
