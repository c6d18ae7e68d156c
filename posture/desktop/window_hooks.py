"""The menu's way to the windows of `posture.desktop.windows`, one small function each.

That package comes separately; until it is installed each function returns the sentence to
show instead, so the menu entry still says something useful.
"""

from __future__ import annotations

import importlib
from typing import Any

from posture.desktop.host import WindowContext

WINDOWS_MODULE = "posture.desktop.windows"


def _windows() -> Any | None:
    try:
        return importlib.import_module(WINDOWS_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != WINDOWS_MODULE:
            raise  # a real fault inside the windows package is not hidden
        return None


def open_calibration(context: WindowContext) -> str | None:
    """Open the calibration window; the sentence to show instead when it is not installed."""
    windows = _windows()
    if windows is None:
        return (
            "The calibration window is not in this version of Posture yet; "
            "run `python run.py calibrate` in a terminal instead."
        )
    windows.open_calibration_window(context)
    return None


def open_settings(context: WindowContext) -> str | None:
    """Open the settings window; the sentence to show instead when it is not installed."""
    windows = _windows()
    if windows is None:
        return (
            "The settings window is not in this version of Posture yet; edit your config "
            "file (see `posture/config/default.toml`) or run `python run.py setup`."
        )
    windows.open_settings_window(context)
    return None
