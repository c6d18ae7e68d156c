"""The desktop app's windows: calibration with a live preview, settings, and the nudge.

`open_calibration_window` and `open_settings_window` (in `opening`) build a window with the real
parts and show it; `Nudge` is the border the app shows while an issue lasts and hides after.
"""

from __future__ import annotations

from posture.desktop.windows.calibration import CalibrationWindow
from posture.desktop.windows.nudge import Nudge
from posture.desktop.windows.opening import open_calibration_window, open_settings_window
from posture.desktop.windows.settings import SettingsWindow

__all__ = [
    "CalibrationWindow",
    "Nudge",
    "SettingsWindow",
    "open_calibration_window",
    "open_settings_window",
]
