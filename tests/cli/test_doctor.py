"""`python run.py doctor`: all well once, then each check made to fail once, naming its fix.

Each run is a real process against a real notification server (or a bus without one), real
model files and real folders; HOME, XDG_CONFIG_HOME, POSTURE_DATA_DIR and POSTURE_CONFIG point
into the test's folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from posture.operations.doctor import (
    ModelState,
    check_autostart,
    check_data_dir,
    check_model,
    check_notifications,
)
from tests.support.cli import run_cli
from tests.support.notify_server import NotificationServer, notification_server
from tests.support.videos import frames_of

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite

CHECKS = ("model", "camera", "notifications", "data folder", "config", "autostart")


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[NotificationServer]:
    with notification_server(tmp_path / "desktop") as server:
        yield server


@pytest.fixture
def home(tmp_path: Path, shared_data: Path, lite_model: Path) -> dict[str, str]:
    """A healthy installation: a private data folder, a valid config watching real frames."""
    frames = tmp_path / "frames"
    frames.mkdir()
    for path in frames_of(shared_data, "notSlouching")[:2]:
        shutil.copy(path, frames)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    config = tmp_path / "config.toml"
    config.write_text(f'[monitor]\nsource = "{frames}"\n')
    return {
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        "POSTURE_DATA_DIR": str(data),
        "POSTURE_CONFIG": str(config),
    }


def doctor(env: dict[str, str]) -> tuple[int, dict[str, str]]:
    """Exit status and each check's line, by check name."""
    result = run_cli("doctor", env=env, timeout=120)
    lines = result.stdout.strip().splitlines()
    assert "Traceback" not in result.stderr, result.stderr
    by_name = {}
    for line in lines[:-1]:
        level, rest = line.split(maxsplit=1)
        name = next(n for n in CHECKS if rest.startswith(n))
        by_name[name] = line
        assert level in ("ok", "warn", "FAIL"), line
    assert tuple(by_name) == CHECKS, result.stdout
    return result.returncode, by_name


def failed(lines: dict[str, str]) -> list[str]:
    return [name for name, line in lines.items() if line.startswith("FAIL")]


def test_a_healthy_installation(home: dict[str, str], desktop: NotificationServer) -> None:
    status, lines = doctor({**home, **desktop.env})
    assert status == 0, lines
    assert failed(lines) == []
    assert "verified" in lines["model"] and "opens" in lines["camera"]
    assert "notification server is running" in lines["notifications"]
    assert "not enabled" in lines["autostart"]


def test_missing_model(home: dict[str, str], desktop: NotificationServer, tmp_path: Path) -> None:
    empty = tmp_path / "no-models"
    empty.mkdir()
    status, lines = doctor({**home, **desktop.env, "POSTURE_MODEL_DIR": str(empty)})
    assert status == 1 and failed(lines) == ["model"]
    assert (
        "missing" in lines["model"]
        and "Fix: run `python run.py setup --model lite`" in lines["model"]
    )


def test_camera_that_does_not_open(home: dict[str, str], desktop: NotificationServer) -> None:
    Path(home["POSTURE_CONFIG"]).write_text('[monitor]\nsource = "5"\n')
    status, lines = doctor({**home, **desktop.env})
    assert status == 1 and failed(lines) == ["camera"]
    assert "camera 5 could not be opened" in lines["camera"]
    assert "Fix: connect the camera" in lines["camera"]


@pytest.mark.parametrize("broken", ["syntax", "directory"])
def test_unreadable_config(home: dict[str, str], desktop: NotificationServer, broken: str) -> None:
    config = Path(home["POSTURE_CONFIG"])
    if broken == "syntax":
        config.write_text("[monitor\nsource = 1\n")
    else:  # a folder where the file should be (permissions do not stop root from reading)
        config.unlink()
        config.mkdir()
    status, lines = doctor({**home, **desktop.env})
    assert status == 1 and "config" in failed(lines)
    assert str(config) in lines["config"]
    assert "Fix: correct what the message names" in lines["config"]
    assert "python run.py setup" in lines["config"]


def test_no_notification_server(home: dict[str, str], tmp_path: Path) -> None:
    with notification_server(tmp_path / "silent", dunst=False) as silent:
        status, lines = doctor({**home, **silent.env})
    assert status == 1 and failed(lines) == ["notifications"]
    assert "no notification server" in lines["notifications"]
    assert "Fix: start your desktop's notification service" in lines["notifications"]


def test_notifications_to_the_log_on_purpose_need_no_server(
    home: dict[str, str], tmp_path: Path
) -> None:
    config = Path(home["POSTURE_CONFIG"])
    config.write_text(config.read_text() + 'notifier = "log"\n')
    with notification_server(tmp_path / "silent", dunst=False) as silent:
        status, lines = doctor({**home, **silent.env})
    assert status == 0 and "log only" in lines["notifications"]


def test_data_folder_that_cannot_be_written(
    home: dict[str, str], desktop: NotificationServer, tmp_path: Path
) -> None:
    # Permissions do not stop root, so the folder is placed below a regular file.
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    status, lines = doctor({**home, **desktop.env, "POSTURE_DATA_DIR": str(blocker / "data")})
    assert status == 1 and failed(lines) == ["data folder"]
    assert "is a file, not a folder" in lines["data folder"]
    assert "Fix: point --data-dir or POSTURE_DATA_DIR at a folder" in lines["data folder"]
    assert not (blocker.is_dir())


# --- the checks as functions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("states", "level", "words"),
    [
        ([ModelState("lite", Path("m/lite.task"), True, True)], "ok", "verified"),
        ([ModelState("lite", Path("m/lite.task"), True, False)], "FAIL", "damaged"),
        ([ModelState("lite", Path("m/lite.task"), False, False)], "FAIL", "missing"),
        ([ModelState("full", Path("m/full.task"), True, True)], "FAIL", "no pose model"),
    ],
)
def test_model_check(states: list[ModelState], level: str, words: str) -> None:
    check = check_model("lite", states)
    assert check.level == level and words in check.message
    assert (check.fix != "") == (level == "FAIL")


@pytest.mark.parametrize(
    ("preference", "server", "freedesktop", "level"),
    [
        ("auto", True, True, "ok"),
        ("auto", False, True, "FAIL"),
        ("auto", None, True, "warn"),
        ("auto", None, False, "ok"),
        ("log", False, True, "ok"),
        ("native", False, True, "FAIL"),
    ],
)
def test_notification_check(
    preference: str, server: bool | None, freedesktop: bool, level: str
) -> None:
    check = check_notifications(
        preference, server, ["plyer", "dbus/notify-send", "log"], freedesktop
    )
    assert check.level == level


def test_data_folder_readable_by_others_is_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    check = check_data_dir(folder)
    assert check.level == "warn" and "chmod 700" in check.fix
    folder.chmod(0o700)
    assert check_data_dir(folder).level == "ok"
    assert check_data_dir(tmp_path / "new" / "data").level == "ok"  # made on first use
    assert not (tmp_path / "new").exists()  # doctor changes nothing
    (tmp_path / "linked").symlink_to(folder)
    linked = check_data_dir(tmp_path / "linked")
    assert linked.level == "FAIL" and "symbolic link" in linked.message
    assert str(folder) in linked.fix  # the real folder to name instead


def test_autostart_is_information(tmp_path: Path) -> None:
    entry = tmp_path / "posture.desktop"
    assert "not enabled" in check_autostart(entry).message
    entry.write_text("[Desktop Entry]\n")
    assert check_autostart(entry).level == "ok" and "enabled" in check_autostart(entry).message
    assert check_autostart(None).level == "ok"


def test_doctor_is_listed_in_help() -> None:
    result = run_cli("--help")
    assert "doctor" in result.stdout and "setup" in result.stdout
