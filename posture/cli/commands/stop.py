"""`stop`: ask the running monitor to finish (SIGTERM) and wait until it has.

The monitor's signal handler ends its loop, which flushes the open interval and sitting
session and records 'monitor stopped'; its lock goes away only after that, so "stopped" means
the history is complete. Stopping a monitor that is not running is not an error (exit 0, as
for an LSB init script). On Windows SIGTERM ends the process at once, without that flush.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time

from posture.adapters.process_identity import is_posture
from posture.adapters.single_instance import clear_stale, running_pid
from posture.cli.common import data_dir
from posture.core.durations import format_duration
from posture.errors import UserError

HELP = "stop the background monitor"
DESCRIPTION = (
    "Ask the running monitor to save and stop; wait up to 15 s. Exit 0 also when it was not "
    "running."
)

STOP_TIMEOUT_S = 15.0
POLL_S = 0.1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options beyond the common ones."""


def run(args: argparse.Namespace) -> int:
    """Stop the running monitor; exit 0 when it stopped or was not running."""
    folder = data_dir(args)
    pid = running_pid(folder)
    if pid is None:
        stale = clear_stale(folder)
        if stale is not None:
            print(
                f"posture: removed a stale pid file left by pid {stale}, which did not stop "
                "cleanly.",
                file=sys.stderr,
            )
        print("Posture is not running.")
        return 0
    if is_posture(pid) is False:
        raise UserError(
            f"The pid file in {folder} names pid {pid}, which is not Posture, and another "
            "program holds its lock; nothing was stopped.",
            exit_status=1,
        )
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass  # it ended on its own just now; the lock tells when it is gone
    except PermissionError as exc:
        raise UserError(
            f"Posture (pid {pid}) belongs to another user and cannot be stopped from here.",
            exit_status=1,
        ) from exc
    wait = format_duration(STOP_TIMEOUT_S, "seconds")
    print(
        f"Stopping Posture (pid {pid}); waiting up to {wait} for it to save its history...",
        file=sys.stderr,
        flush=True,
    )
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while running_pid(folder) == pid:
        if time.monotonic() > deadline:
            raise UserError(
                f"Posture (pid {pid}) did not stop within {wait}; "
                f"see its log, or end it with `kill -9 {pid}`.",
                exit_status=1,
            )
        time.sleep(POLL_S)
    print("Posture stopped.")
    return 0
