"""`status`: whether the monitor runs and what it sees, from its lock and status file.

Exit status as for an LSB init script: 0 running, 3 not running. `--json` adds `activity`, one
word of `posture.core.activity.ACTIVITIES`, beside the `state` sentence; times come as epoch
seconds (`*_s`) and as ISO 8601 (`*_at`); with nothing running, `clean_stop` says whether the
last monitor stopped cleanly (false: it died; null: none ever ran here).
"""

from __future__ import annotations

import argparse
import json

from posture.adapters.single_instance import running_pid
from posture.adapters.status_file import active_snooze, last_status, read_status, storage_problem
from posture.cli.common import data_dir
from posture.core.activity import ACTIVITIES
from posture.core.folder_layout import DataFolder
from posture.report.status_text import (
    extra_lines,
    running_json,
    status_lines,
    stopped_json,
    stopped_lines,
)

HELP = "show whether Posture runs and what it sees"
DESCRIPTION = (
    "Exit 0 when running, 3 when not (as LSB init scripts do). With --json, `activity` is one "
    f"of: {', '.join(ACTIVITIES)}."
)

NOT_RUNNING = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--json."""
    parser.add_argument("--json", action="store_true", help="print the status as JSON")


def run(args: argparse.Namespace) -> int:
    """Print the running monitor's status; exit 3 when it is not running."""
    from posture.adapters.local_zone import user_zone

    folder = DataFolder(data_dir(args))
    pid = running_pid(folder.root)
    log = folder.log
    zone = user_zone(None)
    as_json = bool(getattr(args, "json", False))
    if pid is None:
        last, written_s = last_status(folder.status)
        if as_json:
            print(json.dumps(stopped_json(last, written_s, zone)))
        else:
            print("\n".join(stopped_lines(last, written_s, zone, log)))
        return NOT_RUNNING
    status = read_status(folder.status, pid)
    # A monitor that cannot write cannot update its status file either: look now as well.
    problem = storage_problem(folder.root, (folder.status, folder.history))
    if problem:
        status = {**status, "storage": "failing", "storage_problem": problem}
    snoozed = active_snooze(folder.history)
    if as_json:
        print(json.dumps(running_json(status, pid, log, zone, snoozed)))
    else:
        lines = status_lines(status, pid, log)
        print("\n".join([*lines[:2], *extra_lines(status, snoozed, zone), *lines[2:]]))
    return 0
