"""`status`: whether the monitor runs and what it sees, from its lock and status file.

Exit status as for an LSB init script: 0 running, 3 not running.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from posture.commands.common import data_dir
from posture.instance import running_pid
from posture.logfile import log_path
from posture.status_view import status_lines

STATUS_FILENAME = "status.json"
NOT_RUNNING = 3


def read_status(path: Path, pid: int) -> dict[str, Any]:
    """The status file's fields when process `pid` wrote it; empty while it is starting."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("pid") != pid:
        return {}  # an older monitor's file: this one has not written yet
    return data


def run(args: argparse.Namespace) -> int:
    """Print the running monitor's status; exit 3 when it is not running."""
    folder = data_dir(args)
    pid = running_pid(folder)
    log = log_path(folder)
    as_json = bool(getattr(args, "json", False))
    if pid is None:
        if as_json:
            print(json.dumps({"running": False}))
        else:
            print("Posture is not running.")
        return NOT_RUNNING
    status = read_status(folder / STATUS_FILENAME, pid)
    if as_json:
        print(json.dumps({"state": "starting", **status, "running": True, "pid": pid,
                          "log": str(log)}))
    else:
        print("\n".join(status_lines(status, pid, log)))
    return 0
