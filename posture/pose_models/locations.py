"""Where model files live: an override, the source checkout, or the user's data directory."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

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

    `POSTURE_MODEL_DIR` if set; else the checkout's own `models/` folder when running from a
    source checkout; else `models/` inside the user's data directory. The arguments default to
    the real environment, platform and home folder; tests pass their own.
    """
    env = os.environ if env is None else env
    if env.get("POSTURE_MODEL_DIR"):
        return Path(env["POSTURE_MODEL_DIR"])
    checkout = checkout_models_dir(package_dir)
    if checkout is not None:
        return checkout
    return user_data_dir(env, platform or sys.platform, home or Path.home()) / "models"
