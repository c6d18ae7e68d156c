"""Where Posture's per-user folders are, and so where model files live.

The per-user data and config folders come from `platformdirs` (appauthor=False, so Windows gets
`%APPDATA%\\Posture` and not `Posture\\Posture`; roaming=True, so it is the roaming AppData):
`$XDG_DATA_HOME/posture` or `~/.local/share/posture` and `$XDG_CONFIG_HOME/posture` or
`~/.config/posture` on Linux and other Unix, `%APPDATA%\\Posture` on Windows. macOS keeps
`~/Library/Application Support/Posture` whatever `$XDG_DATA_HOME` says: platformdirs lets that
variable move the macOS folder, which would hide an existing history.

A caller that passes its own environment, platform or home folder (a test) gets the same rule
worked out from those instead, since platformdirs reads only the real ones; a test keeps the
two answers equal on this machine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from platformdirs.api import PlatformDirsABC
from platformdirs.unix import Unix
from platformdirs.windows import Windows

from posture.core.folder_layout import DataFolder

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_MODELS = "models"


def checkout_models_dir(package_dir: Path) -> Path | None:
    """The `models/` folder of the writable source checkout holding `package_dir`, if any.

    `package_dir` is `posture/pose_models` inside the checkout; the model files stay out of the
    package, in the checkout's top-level `models/` folder (ignored by git).
    """
    root = package_dir.parent.parent
    folder = root / CHECKOUT_MODELS
    if (
        package_dir.parent.name == "posture"
        and (root / "pyproject.toml").is_file()
        and folder.is_dir()
        and os.access(folder, os.W_OK)
    ):
        return folder
    return None


def platform_kind(platform: str) -> str:
    """ "macos", "windows" or "xdg": which convention `platform` (a `sys.platform`) follows."""
    if platform == "darwin":
        return "macos"
    if platform.startswith("win"):
        return "windows"
    return "xdg"


def platform_dirs(kind: str) -> PlatformDirsABC:
    """platformdirs' answer for Posture on a "windows" or "xdg" platform (see `platform_kind`).

    Windows spells the name "Posture", Unix "posture", as Posture always has.
    """
    if kind == "windows":
        return Windows("Posture", appauthor=False, roaming=True)
    return Unix("posture", appauthor=False, roaming=True)


def _real_world(env: Mapping[str, str] | None, platform: str | None, home: Path | None) -> bool:
    return (env is None or env is os.environ) and platform in (None, sys.platform) and home is None


def user_data_dir(
    env: Mapping[str, str] | None = None, platform: str | None = None, home: Path | None = None
) -> Path:
    """The per-user data folder of Posture: `POSTURE_DATA_DIR` if set, else the platform's."""
    real = _real_world(env, platform, home)
    env = os.environ if env is None else env
    if env.get("POSTURE_DATA_DIR"):
        return Path(env["POSTURE_DATA_DIR"])
    kind = platform_kind(sys.platform if platform is None else platform)
    if kind == "macos":
        return (
            (Path.home() if home is None else home) / "Library" / "Application Support" / "Posture"
        )
    if real:
        return Path(platform_dirs(kind).user_data_dir)
    home = Path.home() if home is None else home
    if kind == "windows":
        appdata = env.get("APPDATA")
        return (Path(appdata) if appdata else home / "AppData" / "Roaming") / "Posture"
    return _xdg(env, "XDG_DATA_HOME", home / ".local" / "share") / "posture"


def user_config_dir(
    env: Mapping[str, str] | None = None, platform: str | None = None, home: Path | None = None
) -> Path:
    """The per-user config folder on Linux and other Unix (`platformdirs`' user_config_dir).

    macOS and Windows have no separate convention for such tools; Posture keeps its config in
    the data folder there (see `posture.adapters.data_folder.config_path`).
    """
    if _real_world(env, platform, home):
        return Path(platform_dirs("xdg").user_config_dir)
    env = os.environ if env is None else env
    home = Path.home() if home is None else home
    return _xdg(env, "XDG_CONFIG_HOME", home / ".config") / "posture"


def _xdg(env: Mapping[str, str], variable: str, default: Path) -> Path:
    """An XDG base folder: the variable when it holds an absolute path (the spec ignores a
    relative one, as platformdirs does), else `default`."""
    value = env.get(variable, "")
    return Path(value) if PurePosixPath(value).is_absolute() else default


def model_dir(
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    package_dir: Path = PACKAGE_DIR,
    home: Path | None = None,
) -> Path:
    """The directory that holds the model files.

    `POSTURE_MODEL_DIR` if set; else the checkout's own `models/` folder when running from a
    source checkout; else `models/` inside the user's data directory. The arguments default to
    the real environment, platform and home folder; tests pass their own.
    """
    given = os.environ if env is None else env
    if given.get("POSTURE_MODEL_DIR"):
        return Path(given["POSTURE_MODEL_DIR"])
    checkout = checkout_models_dir(package_dir)
    if checkout is not None:
        return checkout
    return DataFolder(user_data_dir(env, platform, home)).models
