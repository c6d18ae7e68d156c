"""`status`: whether the monitor runs and what it sees, from its lock and status file.

Exit status as for an LSB init script: 0 running, 3 not running.
"""

from __future__ import annotations

import argparse
import json

from posture.adapters.single_instance import running_pid
from posture.adapters.status_file import read_status, storage_problem
from posture.cli.common import data_dir
from posture.core.folder_layout import DataFolder
from posture.report.status_text import status_lines

HELP = "show whether Posture runs and what it sees"
DESCRIPTION = "Exit 0 when running, 3 when not (as LSB init scripts do)."

NOT_RUNNING = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--json."""
    parser.add_argument("--json", action="store_true", help="print the status as JSON")


def run(args: argparse.Namespace) -> int:
    """Print the running monitor's status; exit 3 when it is not running."""
    folder = DataFolder(data_dir(args))
    pid = running_pid(folder.root)
    log = folder.log
    as_json = bool(getattr(args, "json", False))
    if pid is None:
        if as_json:
            print(json.dumps({"running": False}))
        else:
            print("Posture is not running.")
        return NOT_RUNNING
    status = read_status(folder.status, pid)
    # A monitor that cannot write cannot update its status file either: look now as well.
    problem = storage_problem(folder.root, (folder.status, folder.history))
    if problem:
        status = {**status, "storage": "failing", "storage_problem": problem}
    if as_json:
        print(
            json.dumps(
                {"state": "starting", **status, "running": True, "pid": pid, "log": str(log)}
            )
        )
    else:
        print("\n".join(status_lines(status, pid, log)))
    return 0
