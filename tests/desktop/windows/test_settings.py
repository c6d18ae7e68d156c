"""The settings window: the form shows the settings in use, and Save writes only what changed
into the user's hand-written file, keeping every comment; autostart switches the real entry."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posture.config.schema import load_config
from posture.desktop.windows.opening import login_entry
from posture.desktop.windows.settings import SettingsWindow

HAND_WRITTEN = """\
# My Posture settings -- written by hand, keep these notes!
#
# The camera is the one on the monitor arm.
[monitor]
source = "1"   # the arm camera
notifier = 'log'

# Physio said: move at least every 45 minutes.
[sitting]
sit_limit_min = 45   # was 50
# breaks: the default is fine
break_min = 5

[coaching]
# evenings are for family
quiet_hours_start = "20:00"
quiet_hours_end = "07:30"
pause_apps = [
    "zoom",  # work calls
    "obs",
]
"""


def comments(text: str) -> list[str]:
    return [line[line.index("#") :] for line in text.splitlines() if "#" in line]


def test_changing_the_sitting_limit_keeps_every_comment(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    window = SettingsWindow(path)
    qtbot.addWidget(window)
    assert window.sit_limit.value() == 45.0
    assert window.camera.text() == "1"
    assert window.quiet.isChecked() and window.quiet_start.time().toString("HH:mm") == "20:00"
    assert window.pause_apps.text() == "zoom, obs"
    assert not window.nudge.isChecked()  # off by default

    window.sit_limit.setValue(30.0)
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)

    after = path.read_text(encoding="utf-8")
    assert comments(after) == comments(HAND_WRITTEN)
    changed = [
        line
        for line in difflib.ndiff(HAND_WRITTEN.splitlines(), after.splitlines())
        if line[:1] in "+-"
    ]
    assert changed == ["- sit_limit_min = 45   # was 50", "+ sit_limit_min = 30   # was 50"]
    assert load_config(path).sitting.sit_limit_min == 30.0
    assert window.message.text().startswith("Saved.")
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_turning_on_the_nudge_and_clearing_quiet_hours(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    window = SettingsWindow(path)
    qtbot.addWidget(window)
    window.nudge.setChecked(True)
    window.quiet.setChecked(False)
    assert window.save()
    loaded = load_config(path)
    assert loaded.coaching.nudge is True
    assert (loaded.coaching.quiet_hours_start, loaded.coaching.quiet_hours_end) == ("", "")
    assert "# evenings are for family" in path.read_text(encoding="utf-8")
    assert window.save() and window.message.text() == "Nothing changed."


def test_a_new_file_and_a_refused_link(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    window = SettingsWindow(path)  # no file yet: the defaults are shown
    qtbot.addWidget(window)
    assert window.sit_limit.value() == 50.0
    window.sit_limit.setValue(40.0)
    assert window.save()
    assert load_config(path).sitting.sit_limit_min == 40.0

    target = tmp_path / "elsewhere.toml"
    target.write_text("", encoding="utf-8")
    linked = tmp_path / "linked.toml"
    linked.symlink_to(target)
    window = SettingsWindow(linked)
    qtbot.addWidget(window)
    window.sit_limit.setValue(20.0)
    assert not window.save()
    assert window.message.text().startswith("Not saved")
    assert target.read_text(encoding="utf-8") == ""  # nothing written through the link


def test_autostart_switches_the_login_entry(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    entry = login_entry(["/usr/bin/python3", "/opt/posture/run.py", "desktop"])
    window = SettingsWindow(tmp_path / "config.toml", autostart=entry)
    qtbot.addWidget(window)
    assert not window.autostart.isChecked()
    window.autostart.setChecked(True)
    assert window.save()
    files = list((home / ".config" / "autostart").iterdir())
    assert len(files) == 1 and "run.py desktop" in files[0].read_text(encoding="utf-8")
    window.reload()
    assert window.autostart.isChecked()
    window.autostart.setChecked(False)
    assert window.save()
    assert not files[0].exists()


def test_a_value_finer_than_the_form_shows_is_not_rewritten(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    text = "[timing]\ndwell_s = 12.25  # mine\n\n[sitting]\nsit_limit_min = 47.25\n"
    path.write_text(text, encoding="utf-8")
    window = SettingsWindow(path)
    qtbot.addWidget(window)
    window.daily_cap.setValue(6)
    assert window.save()
    after = path.read_text(encoding="utf-8")
    assert after.startswith(text) and "daily_cap = 6" in after
    window.camera.setText("  ")
    assert not window.save() and "which camera" in window.message.text()
