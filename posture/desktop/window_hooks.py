"""The menu's way to the windows of `posture.desktop.windows`, one small function each.

When that package is missing each function returns the sentence to show instead, so the menu
entry still says something useful. Open windows are kept here, so Qt does not lose them.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from posture.desktop.host import WindowContext

WINDOWS_MODULE = "posture.desktop.windows"

_open: list[Any] = []  # the windows on screen (a window nobody holds is closed by Qt)


def _windows() -> Any | None:
    try:
        return importlib.import_module(WINDOWS_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != WINDOWS_MODULE:
            raise  # a real fault inside the windows package is not hidden
        return None


def _keep(window: Any) -> None:
    _open[:] = [shown for shown in _open if shown.isVisible()]
    _open.append(window)


def open_calibration(context: WindowContext) -> str | None:
    """Open the calibration window; the sentence to show instead when it is not installed."""
    windows = _windows()
    if windows is None or context.model_path is None:
        return (
            "The calibration window is not in this version of Posture yet; "
            "run `python run.py calibrate` in a terminal instead."
        )
    _keep(
        windows.open_calibration_window(
            folder=context.data_dir,
            settings=context.settings,
            source=context.source,
            model_path=context.model_path(),
            profile=context.profile or "default",
        )
    )
    return None


def open_settings(context: WindowContext) -> str | None:
    """Open the settings window; the sentence to show instead when it is not installed."""
    windows = _windows()
    if windows is None or context.config_file is None:
        return (
            "The settings window is not in this version of Posture yet; edit your config "
            "file (see `posture/config/default.toml`) or run `python run.py setup`."
        )
    _keep(windows.open_settings_window(context.config_file, login_command=context.login_command))
    return None


class NudgeHook:
    """The nudge border (`coaching.nudge`), shown while an issue lasts; nothing when it is off."""

    def __init__(self, context: WindowContext) -> None:
        self._enabled = context.settings.coaching.nudge
        self._nudge: Any | None = None

    def follow(self, status: Mapping[str, Any]) -> None:
        if not self._enabled:
            return
        if self._nudge is None:
            windows = _windows()
            if windows is None:
                self._enabled = False
                return
            self._nudge = windows.Nudge()
        self._nudge.follow(status, True)

    def close(self) -> None:
        if self._nudge is not None:
            self._nudge.close()
