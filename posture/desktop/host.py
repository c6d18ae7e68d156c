"""What the desktop app is given by the command line: plain callables and values, no Qt."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from posture.config.schema import Config

Publish = Callable[[Mapping[str, Any]], None]


@dataclass(frozen=True)
class WindowContext:
    """What a window opened from the menu needs: the user's files and what is watched."""

    data_dir: Path
    config_path: Path | None
    source: str
    profile: str | None
    model: str
    settings: Config = field(default_factory=Config)
    config_file: Path | None = None  # the file the settings window edits (--config or the folder's)
    model_path: Callable[[], Path] | None = None  # provisions the model the calibration uses
    login_command: list[str] | None = None  # what the login entry runs, for the autostart switch


@dataclass(frozen=True)
class DesktopHost:
    """The monitor and the actions on it, as the desktop app uses them.

    `run_monitor(stop, publish)` runs the monitor until `stop` is set (or a replay ends),
    calling `publish` with each status it shares (the status file's fields, plus `building`
    and `setup_changed`); it is called in a thread of its own. `snooze(word)` ("30m", "1h",
    "today") and `resume()` return the sentence to show; `todays_report()` writes today's
    HTML report and returns its path.
    """

    run_monitor: Callable[[threading.Event, Publish], None]
    snooze: Callable[[str], str]
    resume: Callable[[], str]
    todays_report: Callable[[], Path]
    context: WindowContext
