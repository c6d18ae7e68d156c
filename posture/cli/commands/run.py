"""`run` (the default command): watch the configured source until stopped.

A recording (video, picture or folder) replays on its own clock to its end. Without a data
folder named (`--data-dir` or `POSTURE_DATA_DIR`) its records go to `replays/` in the data
folder, apart from the live history, judged against a copy of the user's calibration.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime
from pathlib import Path

from posture.cli.common import config, config_file, data_dir
from posture.cli.monitoring import watch
from posture.cli.watch_options import add_watch_arguments, parse_replay_start
from posture.config.model_variants import checked_variant
from posture.core.folder_layout import DataFolder
from posture.core.sources import is_live

HELP = "watch your posture until stopped (the default command)"
DESCRIPTION = (
    "Watch the configured source (default: webcam 0) until stopped. A video, picture or folder "
    "replays on its own clock as fast as the machine allows, to its end; live pauses (a snooze, "
    "a pause app, a locked screen) do not apply to it, and it shows no desktop notifications "
    "unless monitor.notifier names one. Without --data-dir or POSTURE_DATA_DIR its records go "
    "to replays/ in the data folder, apart from your own history. On a terminal one status line "
    "(state, posture, sitting time) stays current, and a summary ends the run."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--source, --profile and --replay-start (shared with `start`)."""
    add_watch_arguments(parser)


def data_folder_named(args: argparse.Namespace) -> bool:
    """True when the user named the data folder (`--data-dir` or `POSTURE_DATA_DIR`)."""
    return bool(getattr(args, "data_dir", None) or os.environ.get("POSTURE_DATA_DIR"))


def run(args: argparse.Namespace) -> int:
    """Run the monitor loop as the one instance for the data folder (see `single_instance`)."""
    settings = config(args)
    source = getattr(args, "source", None) or settings.monitor.source
    folder = data_dir(args)
    profile = getattr(args, "profile", None)
    start_s = parse_replay_start(getattr(args, "replay_start", None))
    apart = not is_live(source) and not data_folder_named(args)
    if apart:
        folder, profile = _replay_folder(folder, profile)
        start_s = time.time() if start_s is None else start_s
    status = watch(
        folder=folder,
        settings=settings,
        source=source,
        variant=checked_variant(getattr(args, "model", None) or settings.monitor.model),
        profile=profile,
        notifier=settings.monitor.notifier,
        replay_start_s=start_s,
        config_file=config_file(args),
    )
    if apart and start_s is not None:
        from posture.adapters.local_zone import user_zone

        day = datetime.fromtimestamp(start_s, user_zone(None)).date().isoformat()
        print(
            f"The replay's records are in {folder}, apart from your own history; see its "
            f"report with `python run.py --data-dir {folder} report --date {day}`.",
            file=sys.stderr,
        )
    return status


def _replay_folder(real: Path, profile: str | None) -> tuple[Path, str | None]:
    """The replays' own data folder, holding a copy of the profile to judge against."""
    from posture.adapters.data_folder import ensure_private_dir
    from posture.adapters.sqlite.store import SqliteStore

    folder = ensure_private_dir(DataFolder(real).replays.root)
    history = DataFolder(real).history
    if not history.exists():  # no calibration yet: the replay says so, as `run` does
        return folder, profile
    store = SqliteStore.open(history)
    try:
        found = store.load_profile(profile)
    finally:
        store.close()
    if found is None:
        return folder, profile  # an unknown --profile is refused by `watch`, as before
    name, baseline_json = found
    replays = SqliteStore.open(DataFolder(folder).history)
    try:
        replays.save_profile(name, baseline_json)
    finally:
        replays.close()
    return folder, name
