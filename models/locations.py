"""Where model files live: an override, the source checkout, or the user's data directory."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def is_source_checkout(package_dir: Path) -> bool:
    """Whether `package_dir` is the `models/` folder of a writable source checkout."""
    root = package_dir.parent
    return (
        package_dir.name == "models"
        and (root / "pyproject.toml").is_file()
        and os.access(root, os.W_OK)
        and os.access(package_dir, os.W_OK)
    )


def user_data_dir(env: Mapping[str, str], platform: str, home: Path) -> Path:
    """The per-user data directory of this application on `platform` (a `sys.platform` value)."""
    if env.get("POSTURE_DATA_DIR"):
        return Path(env["POSTURE_DATA_DIR"])
    if platform == "darwin":
        return home / "Library" / "Application Support" / "Posture"
    if platform.startswith("win"):
        appdata = env.get("APPDATA")
        return (Path(appdata) if appdata else home / "AppData" / "Roaming") / "Posture"
    xdg = env.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else home / ".local" / "share") / "posture"


def model_dir(
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    package_dir: Path = PACKAGE_DIR,
    home: Path | None = None,
) -> Path:
    """The directory that holds the model files.

    `POSTURE_MODEL_DIR` if set; else this package's own `models/` folder when running from a
    source checkout; else `models/` inside the user's data directory. The arguments default to
    the real environment, platform and home folder; tests pass their own.
    """
    env = os.environ if env is None else env
    if env.get("POSTURE_MODEL_DIR"):
        return Path(env["POSTURE_MODEL_DIR"])
    if is_source_checkout(package_dir):
        return package_dir
    return user_data_dir(env, platform or sys.platform, home or Path.home()) / "models"
