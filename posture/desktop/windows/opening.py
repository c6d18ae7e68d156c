"""Opening the windows with the real parts: a frame source, the pose model, the history file.

The app (`posture.desktop`) calls these; the windows themselves take their parts as arguments,
so tests can hand them any real source.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from posture.adapters import login_autostart
from posture.adapters.mediapipe_pose import MediaPipePose
from posture.adapters.opencv_sources import open_source
from posture.adapters.sqlite.store import SqliteStore
from posture.config.schema import Config
from posture.core.baseline import Baseline
from posture.core.folder_layout import DataFolder
from posture.desktop.windows.calibration import CalibrationWindow
from posture.desktop.windows.settings import Autostart, SettingsWindow


def profile_saver(folder: Path) -> Callable[[str, Baseline], None]:
    """A function that stores a baseline as the named, active profile in `folder`'s history."""

    def save_profile(name: str, baseline: Baseline) -> None:
        store = SqliteStore.open(DataFolder(folder).history)
        try:
            store.save_profile(name, baseline.to_json(), activate=True)
        finally:
            store.close()

    return save_profile


def open_calibration_window(
    *,
    folder: Path,
    settings: Config,
    source: str,
    model_path: Path,
    profile: str = "default",
    seconds: float = 5.0,
    countdown_s: int = 3,
) -> CalibrationWindow:
    """Show the calibration window on `source` (camera index, stream, video or pictures).

    `model_path` is a provisioned pose model; the profile is saved in `folder`'s history. The
    window owns the model and the source and lets both go when it closes.
    """
    estimator = MediaPipePose(
        model_path,
        mode="image",  # the preview restarts a file at its end: no rising timestamps needed
        num_poses=2,  # to say so when two people are in view
        max_side_px=settings.monitor.inference_max_side_px,
    )
    save_profile = profile_saver(folder)
    window = CalibrationWindow(
        open_source=lambda: open_source(source),
        estimator=estimator,
        thresholds=settings.thresholds,
        save_profile=save_profile,
        profile=profile,
        seconds=seconds,
        countdown_s=countdown_s,
        owns_estimator=True,
        settings=settings,
    )
    window.show()
    return window


def login_entry(command: list[str]) -> Autostart:
    """The login entry that runs `command`, as the settings window switches it."""
    path = Path(login_autostart.entry_path(sys.platform, Path.home(), os.environ))
    text = login_autostart.entry_text(sys.platform, command)

    def switch(on: bool) -> None:
        if on:
            login_autostart.enable(path, text)
        else:
            login_autostart.disable(path)

    return Autostart(enabled=path.exists, switch=switch)


def open_settings_window(
    config_file: Path, login_command: list[str] | None = None
) -> SettingsWindow:
    """Show the settings window for `config_file`; with `login_command`, autostart can be
    switched (the command the login entry runs, e.g. this Posture's `desktop`)."""
    window = SettingsWindow(
        config_file, autostart=login_entry(login_command) if login_command else None
    )
    window.show()
    return window
