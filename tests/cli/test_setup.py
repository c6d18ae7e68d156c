"""`python run.py setup` as a real process: with --yes, and answered through a pseudo-terminal.

Both runs use the real pose model, real frames from ../shared/data, a real SQLite store and a
real notification server (dunst on a private bus); HOME, XDG_CONFIG_HOME, POSTURE_DATA_DIR and
POSTURE_CONFIG point into the test's folder.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.config.schema import load_config
from posture.core.baseline import Baseline
from posture.core.folder_layout import DataFolder
from posture.setup.steps_notifications import TEST_TITLE
from tests.support.cli import REPO, run_cli
from tests.support.config_edits import COMMENTED, assert_edited_in_place, comment_lines, edits
from tests.support.notify_server import NotificationServer, notification_server
from tests.support.videos import frames_of

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite


@pytest.fixture
def upright(shared_data: Path, tmp_path: Path) -> Path:
    """Five upright frames of one sitter, as a folder."""
    folder = tmp_path / "upright"
    folder.mkdir()
    for path in frames_of(shared_data, "notSlouching")[:5]:
        shutil.copy(path, folder)
    return folder


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[NotificationServer]:
    with notification_server(tmp_path / "desktop") as server:
        yield server


def home_env(tmp_path: Path, server: NotificationServer) -> dict[str, str]:
    return {
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        "XDG_DATA_HOME": str(tmp_path / "home" / ".local" / "share"),
        "POSTURE_DATA_DIR": str(tmp_path / "data"),
        "POSTURE_CONFIG": str(tmp_path / "config" / "config.toml"),
        **server.env,
    }


def _profile(data: Path, name: str) -> Baseline:
    store = SqliteStore.open(DataFolder(data).history)
    try:
        found = store.load_profile(name)
        active = store.load_profile(None)
    finally:
        store.close()
    assert found is not None, f"no profile {name!r}"
    assert active is not None and active[0] == name
    return Baseline.from_json(found[1])


def test_yes_takes_every_default(
    tmp_path: Path, upright: Path, lite_model: Path, desktop: NotificationServer
) -> None:
    from posture.pose_models.provision import list_models

    env = home_env(tmp_path, desktop)
    result = run_cli("setup", "--yes", "--source", str(upright), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    for number in range(1, 8):
        assert f"[{number}/7]" in result.stdout
    assert "Setup is done" in result.stdout
    # The model is provisioned and verified.
    assert "Pose model 'lite' is ready" in result.stdout
    assert any(s.variant == "lite" and s.verified for s in list_models())
    # The profile is saved and active.
    assert _profile(tmp_path / "data", "default").frames == 5
    # The config file is owner-only and loads; the folder of pictures calibrated, but a
    # recording ends, so it is not saved as the source to watch, and setup says so.
    config = tmp_path / "config" / "config.toml"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert load_config(config).monitor.source == "0"
    assert f"{upright} is a recording, not a camera" in result.stdout
    assert "does not save it as the source to watch" in result.stdout
    assert "# Minutes of sitting before a reminder to move." in config.read_text()
    # The test notification reached the real notification server.
    assert [n["summary"] for n in desktop.received()] == [TEST_TITLE]
    # The snapshot the user asked for is the only picture written, owner-only.
    snapshot = DataFolder(tmp_path / "data").snapshot
    assert stat.S_IMODE(snapshot.stat().st_mode) == 0o600
    pictures = [p for p in (tmp_path / "data").rglob("*") if p.suffix in {".png", ".jpg"}]
    assert pictures == [snapshot]
    assert str(snapshot) in result.stdout


def test_a_second_run_keeps_other_settings(
    tmp_path: Path, upright: Path, lite_model: Path, desktop: NotificationServer
) -> None:
    env = home_env(tmp_path, desktop)
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir()
    config.write_text("[thresholds]\nlean_deg = 20.0\n\n[sitting]\nsit_limit_min = 35\n")
    result = run_cli("setup", "--yes", "--source", str(upright), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    loaded = load_config(config)
    assert loaded.thresholds.lean_deg == 20.0
    assert loaded.sitting.sit_limit_min == 35.0  # the default offered was the current value


def test_setup_keeps_the_comments_of_a_hand_written_config(
    tmp_path: Path, upright: Path, lite_model: Path, desktop: NotificationServer
) -> None:
    env = home_env(tmp_path, desktop)
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir()
    config.write_bytes(COMMENTED.encode("utf-8"))
    result = run_cli("setup", "--yes", "--source", str(upright), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    after = config.read_text(encoding="utf-8")
    assert_edited_in_place(COMMENTED, after)
    assert comment_lines(COMMENTED) == [c for c in comment_lines(after) if c in COMMENTED]
    # A recording is not saved as the source: the user's camera line stays as it was.
    assert "source = '0'  # the laptop's own camera" in after.splitlines()
    # What setup offered as the current value is not rewritten: 45 stays as the user wrote it.
    assert "sit_limit_min = 45    # not 50" in after.splitlines()
    # The settings setup added sit in their tables under their documented comments.
    changed, added = edits(COMMENTED, after)
    assert changed == set()
    assert {("monitor", "model"), ("coaching", "quiet_hours_start")} <= added
    assert not (config.parent / "config.toml.bak").exists()
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    loaded = load_config(config)
    assert loaded.monitor.source == "0" and loaded.thresholds.lean_deg == 14.0


def test_answering_through_a_terminal(
    tmp_path: Path, upright: Path, lite_model: Path, desktop: NotificationServer
) -> None:
    env = {**os.environ, **home_env(tmp_path, desktop), "TERM": "dumb"}
    child = pexpect.spawn(
        sys.executable,
        [str(REPO / "run.py"), "setup"],
        cwd=str(REPO),
        env=env,
        encoding="utf-8",
        timeout=120,
    )
    transcript: list[str] = []
    child.logfile_read = _Collect(transcript)
    try:
        child.expect_exact("[1/7] Pose model")
        child.expect_exact("Check the 'lite' pose model now")
        child.sendline("s")  # a skipped step
        child.expect_exact("Skipped.")

        child.expect_exact("[2/7] Camera")
        # No camera in a test machine, but a camera question takes a folder too.
        child.expect(["Source to watch instead", "Which camera should Posture watch"])
        child.sendline(str(tmp_path / "no-such-folder"))
        child.expect_exact("no such file or folder; try again.")  # an invalid answer ...
        child.expect(["Source to watch instead", "Which camera should Posture watch"])
        child.sendline(str(upright))  # ... asked again
        child.expect_exact("Saved a snapshot with the skeleton drawn")

        child.expect_exact("[3/7] Framing and light")
        child.expect_exact("the light is good")

        child.expect_exact("[4/7] Calibration")
        child.expect_exact("Calibrate now?")
        child.sendline("")
        child.expect_exact("Name this profile")
        child.sendline("my desk!")
        child.expect_exact("cannot be a profile name")
        child.expect_exact("Name this profile")
        child.sendline("desk")
        child.expect_exact("Calibrated profile 'desk' from 5 frames")

        child.expect_exact("[5/7] Notifications")
        child.expect_exact("Send a test notification now?")
        child.sendline("")
        child.expect_exact("Did it appear on your screen?")
        child.sendline("n")
        child.expect_exact("Where should notifications go")
        child.sendline("native")
        child.expect_exact("notifications now go through dbus/")

        child.expect_exact("[6/7] Sitting time, quiet hours and autostart")
        child.expect_exact("Minutes of sitting before a reminder to move [50")
        child.sendline("40")
        child.expect_exact("Quiet hours (no notifications) start")
        child.sendline("25:00")
        child.expect_exact("'25:00' is not a time")
        child.expect_exact("Quiet hours (no notifications) start")
        child.sendline("22:00")
        child.expect_exact("Quiet hours end at HH:MM")
        child.sendline("07:00")
        child.expect_exact("Start Posture in the background when you log in?")
        child.sendline("y")
        child.expect_exact("Autostart enabled")

        child.expect_exact("[7/7] Save settings")
        child.expect_exact("Write these to")
        child.sendline("")
        child.expect_exact("loads without errors")
        child.expect_exact("Setup is done")
        child.expect(pexpect.EOF)
    except (pexpect.TIMEOUT, pexpect.EOF):
        pytest.fail("setup did not say what was expected; it said:\n" + "".join(transcript))
    child.close()
    assert child.exitstatus == 0, "".join(transcript)

    settings = load_config(tmp_path / "config" / "config.toml")
    assert settings.monitor.source == "0"  # a folder of pictures is not a source to watch
    assert settings.monitor.notifier == "native"
    assert settings.sitting.sit_limit_min == 40.0
    assert (settings.coaching.quiet_hours_start, settings.coaching.quiet_hours_end) == (
        "22:00",
        "07:00",
    )
    assert _profile(tmp_path / "data", "desk").frames == 5
    entry = tmp_path / "home" / ".config" / "autostart" / "posture.desktop"
    assert "start" in entry.read_text()
    assert [n["summary"] for n in desktop.received()] == [TEST_TITLE, TEST_TITLE]


class _Collect:
    """A file-like sink for pexpect's log, kept for failure messages."""

    def __init__(self, into: list[str]) -> None:
        self._into = into

    def write(self, text: str) -> None:
        self._into.append(text)

    def flush(self) -> None:
        pass
