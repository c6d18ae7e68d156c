"""`desktop`: the desktop app, a tray icon (or a status window) over the monitor, in one process.

It is the one instance for its data folder, as `run` is, so `status`, `snooze` and `stop` work
on it the same way. Qt comes with the optional `desktop` extra and is imported only here, when
the command runs, so the rest of the command line loads without it.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import threading
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from posture.cli.commands.autostart import login_command
from posture.cli.common import config, config_file, data_dir, provision_model
from posture.cli.watch_options import add_watch_arguments, parse_replay_start
from posture.config.model_variants import checked_variant
from posture.core.folder_layout import DataFolder
from posture.errors import UserError

HELP = "the desktop app: a tray icon coloured by your posture, with its menu"
DESCRIPTION = (
    "Watch as `run` does, with a tray icon coloured by what Posture sees (a small status "
    "window where no tray exists) and a menu to snooze, calibrate, see today's report or "
    "quit. Needs the `desktop` extra (PySide6) and a display."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The watch options of `run` (--source, --profile, --replay-start), and --or-start."""
    add_watch_arguments(parser)
    parser.add_argument(
        "--or-start",
        action="store_true",
        help="without a display or Qt, start the background monitor instead (as the login "
        "entry does)",
    )


def display_missing(platform: str, env: Mapping[str, str]) -> bool:
    """Whether there is clearly no display to show a window on (X11 and Wayland only)."""
    if platform in ("darwin", "win32") or env.get("QT_QPA_PLATFORM"):
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def run(args: argparse.Namespace) -> int:
    """Host the monitor under the tray icon until Quit, `stop` or the end of a replay."""
    config(args)  # a mistake in the config file is one sentence before any window opens
    if getattr(args, "or_start", False) and (
        importlib.util.find_spec("PySide6") is None or display_missing(sys.platform, os.environ)
    ):
        from posture.cli.commands import start

        return start.run(args)
    if importlib.util.find_spec("PySide6") is None:
        raise UserError(
            "The desktop app needs Qt, which is not installed: "
            "python -m pip install -e '.[desktop]' (or pip install PySide6-Essentials).",
            exit_status=1,
        )
    if display_missing(sys.platform, os.environ):
        raise UserError(
            "There is no display to show the desktop app on (DISPLAY and WAYLAND_DISPLAY are "
            "unset); `python run.py start` runs the monitor in the background instead.",
            exit_status=1,
        )
    from posture.adapters.single_instance import acquire

    folder, host = desktop_host(args)
    source = host.context.source
    if "://" not in source:
        # A wrong file or camera index is one sentence before any window opens. (A stream is
        # opened once, by the monitor: a one-client camera would be used up by a probe.)
        from posture.adapters.opencv_sources import open_source

        open_source(source).close()
    with acquire(folder):
        from posture.desktop.app import run_app

        return run_app(host)


def desktop_host(args: argparse.Namespace) -> tuple[Path, Any]:
    """The data folder and the `DesktopHost` for these options (the app's whole wiring)."""
    from posture.cli.monitoring import open_watching, run_watching

    settings = config(args)
    folder = data_dir(args)
    source = getattr(args, "source", None) or settings.monitor.source
    variant = checked_variant(getattr(args, "model", None) or settings.monitor.model)
    profile = getattr(args, "profile", None)
    replay_start = parse_replay_start(getattr(args, "replay_start", None))

    def run_monitor(stop: threading.Event, publish: Any) -> None:
        # Built in the monitor's own thread: SQLite connections stay in the thread that made them.
        watching = open_watching(
            folder,
            settings,
            source,
            variant,
            profile,
            settings.monitor.notifier,
            replay_start,
            config_file(args),
        )
        run_watching(watching, stop, _Board(watching, publish))

    return folder, _host(args, folder, source, variant, run_monitor)


def _host(
    args: argparse.Namespace, folder: Path, source: str, variant: str, run_monitor: Any
) -> Any:
    """The callables the desktop app runs and acts through."""
    from posture.desktop.host import DesktopHost, WindowContext

    config_path = getattr(args, "config", None) or os.environ.get("POSTURE_CONFIG")
    return DesktopHost(
        run_monitor=run_monitor,
        snooze=lambda word: _snooze(folder, word),
        resume=lambda: _resume(folder),
        todays_report=lambda: _todays_report(folder),
        context=WindowContext(
            data_dir=folder,
            config_path=Path(config_path) if config_path else None,
            source=source,
            profile=getattr(args, "profile", None),
            model=variant,
            settings=config(args),
            config_file=config_file(args, folder),
            model_path=lambda: provision_model(variant),
            login_command=login_command(args),
        ),
    )


class _Board:
    """The status file, and the same status (with what the tray also shows) for the app."""

    def __init__(self, watching: Any, publish: Any) -> None:
        from posture.adapters.status_file import StatusFile

        self._file = StatusFile(DataFolder(watching.folder).status)
        self._monitor = watching.monitor
        self._publish = publish

    def publish(self, status: Mapping[str, Any]) -> None:
        from posture.core.setup_drift import holds_alerts

        self._file.publish(status)
        monitor = self._monitor
        self._publish(
            {
                **status,
                "building": monitor.posture.building(),
                "setup_changed": holds_alerts(monitor.drift),
            }
        )


def _snooze(folder: Path, word: str) -> str:
    """As `snooze WORD` does: the latest snooze wins."""
    from posture.adapters.local_zone import user_zone
    from posture.adapters.sqlite.store import SqliteStore
    from posture.core.quiet_hours import parse_snooze, until_phrase

    now = datetime.now(user_zone(None))
    until = parse_snooze(word, now)
    with SqliteStore.open(DataFolder(folder).history) as store, store.transaction():
        store.end_snooze(now.timestamp())
        store.add_snooze(now.timestamp(), until.timestamp(), reason=f"snooze {word}")
    return f"Snoozed until {until_phrase(until, now)}."


def _resume(folder: Path) -> str:
    """As `snooze off` does."""
    import time

    from posture.adapters.sqlite.store import SqliteStore

    with SqliteStore.open(DataFolder(folder).history) as store:
        ended = store.end_snooze(time.time())
    return "Snooze ended; coaching is back on." if ended else "No snooze was on."


def _todays_report(folder: Path) -> Path:
    """Write today's HTML report into the data folder, as `report --open` does."""
    from posture.adapters.local_zone import user_zone
    from posture.cli.reporting import ReportFiles, report_day

    zone = user_zone(None)
    page = DataFolder(folder).report_page
    report_day(folder, datetime.now(zone).date(), zone, ReportFiles(html=page))
    return page
