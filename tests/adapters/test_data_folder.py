"""Where the history and the config live, and the data folder kept private.

Nothing here touches the real home folder: the environment variables that choose folders are
replaced, and every folder is under `tmp_path`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from posture.adapters.data_folder import config_path, data_dir, ensure_private_dir
from posture.errors import UserError
from tests.support.history_db import mode_of


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake home folder, with every variable that chooses a folder cleared."""
    fake = tmp_path / "home"
    fake.mkdir()
    monkeypatch.setenv("HOME", str(fake))
    for name in (
        "POSTURE_DATA_DIR",
        "POSTURE_CONFIG",
        "XDG_DATA_HOME",
        "XDG_CONFIG_HOME",
        "APPDATA",
    ):
        monkeypatch.delenv(name, raising=False)
    return fake


def test_data_dir_prefers_the_option_then_the_environment_then_the_platform(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert data_dir(platform="linux") == home / ".local" / "share" / "posture"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))
    assert data_dir(platform="linux") == home / "xdg" / "posture"
    monkeypatch.setenv("POSTURE_DATA_DIR", str(home / "env"))
    assert data_dir(platform="linux") == home / "env"
    assert data_dir(home / "option", platform="linux") == home / "option"
    assert data_dir("~/tilde") == home / "tilde"


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({}, "darwin", "/u/Library/Application Support/Posture"),
        ({"APPDATA": "/roaming"}, "win32", "/roaming/Posture"),
        ({}, "win32", "/u/AppData/Roaming/Posture"),
        ({"XDG_DATA_HOME": "/xdg"}, "freebsd13", "/xdg/posture"),
        ({"POSTURE_DATA_DIR": "/env"}, "darwin", "/env"),
    ],
)
def test_data_dir_per_platform(env: dict[str, str], platform: str, expected: str) -> None:
    assert data_dir(env=env, platform=platform, home=Path("/u")) == Path(expected)


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"POSTURE_CONFIG": "/etc/mine.toml"}, "linux", "/etc/mine.toml"),
        ({"XDG_CONFIG_HOME": "/cfg"}, "linux", "/cfg/posture/config.toml"),
        ({}, "linux", "/u/.config/posture/config.toml"),
        ({}, "darwin", "/data/config.toml"),
        ({"XDG_CONFIG_HOME": "/cfg"}, "win32", "/data/config.toml"),
    ],
)
def test_config_path(env: dict[str, str], platform: str, expected: str) -> None:
    assert config_path(Path("/data"), env=env, platform=platform, home=Path("/u")) == Path(expected)


def test_the_data_folder_is_created_private_and_an_open_one_tightened(home: Path) -> None:
    folder = data_dir(platform="linux")
    old = os.umask(0)
    try:
        assert ensure_private_dir(folder) == folder
    finally:
        os.umask(old)
    assert mode_of(folder) == 0o700
    folder.chmod(0o755)
    ensure_private_dir(folder)
    assert mode_of(folder) == 0o700


def test_a_data_folder_that_is_a_file_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("not a folder")
    with pytest.raises(UserError, match="Cannot create the data folder"):
        ensure_private_dir(tmp_path / "taken")
