"""The per-user folders: platformdirs' answer, and the injectable rule that tests use, agree.

The machines this project runs on are Linux, so platformdirs' own answer is checked for Linux;
the Windows and macOS rules are checked by passing the platform.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs.windows
import pytest

from posture.adapters.data_folder import config_path, data_dir
from posture.pose_models.locations import platform_dirs, user_config_dir, user_data_dir


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    fake = tmp_path / "home"
    fake.mkdir()
    monkeypatch.setenv("HOME", str(fake))
    for name in ("POSTURE_DATA_DIR", "POSTURE_CONFIG", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    return fake


@pytest.mark.parametrize("xdg", [None, "/xdg/abs", "relative/xdg"])
def test_platformdirs_and_the_rule_agree_on_this_machine(
    home: Path, monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    if xdg is not None:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
        monkeypatch.setenv("XDG_CONFIG_HOME", xdg + "-config")
    real_data, real_config = user_data_dir(), user_config_dir()  # platformdirs
    env = dict(os.environ)
    assert real_data == user_data_dir(env, sys.platform, home)  # the rule
    assert real_config == user_config_dir(env, sys.platform, home)
    if xdg == "/xdg/abs":
        assert (real_data, real_config) == (
            Path("/xdg/abs/posture"),
            Path("/xdg/abs-config/posture"),
        )
    else:  # unset, or relative: the XDG spec says a relative value is ignored
        assert real_data == home / ".local" / "share" / "posture"
        assert real_config == home / ".config" / "posture"
    assert config_path(data_dir()) == real_config / "config.toml"


def test_windows_is_the_roaming_appdata_without_an_author_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The known-folder lookup only runs on Windows; here it answers what Windows would.
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda csidl: f"/{csidl}")
    assert Path(platform_dirs("windows").user_data_dir) == Path("/CSIDL_APPDATA/Posture")
    assert user_data_dir({"APPDATA": "/CSIDL_APPDATA"}, "win32", Path("/u")) == Path(
        "/CSIDL_APPDATA/Posture"
    )


def test_macos_keeps_application_support_whatever_xdg_says() -> None:
    env = {"XDG_DATA_HOME": "/xdg", "XDG_CONFIG_HOME": "/cfg"}
    expected = Path("/u/Library/Application Support/Posture")
    assert user_data_dir(env, "darwin", Path("/u")) == expected
    assert config_path(expected, env=env, platform="darwin", home=Path("/u")) == (
        expected / "config.toml"
    )


def test_the_variables_keep_their_meaning(home: Path, tmp_path: Path) -> None:
    env = {"POSTURE_DATA_DIR": str(tmp_path / "d"), "POSTURE_CONFIG": str(tmp_path / "c.toml")}
    for platform in ("linux", "darwin", "win32"):
        assert data_dir(env=env, platform=platform, home=home) == tmp_path / "d"
        assert data_dir("~/option", env=env, platform=platform) == home / "option"
        assert config_path(tmp_path, env=env, platform=platform) == tmp_path / "c.toml"
