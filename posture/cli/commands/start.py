"""`start`: run the monitor as a detached background process, logging to `posture.log`.

The child is `run` itself, in a new session with no terminal, so closing the terminal leaves it
running. `start` waits until the child holds the instance lock and has written its status file,
or until it exits early, whose last log lines are then the reason shown.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from posture.adapters.launcher import self_command
from posture.adapters.logfile import last_lines, open_for_append, rotate_if_large, size_of
from posture.adapters.single_instance import clear_stale, running_pid
from posture.adapters.status_file import status_written_by
from posture.cli.common import checked_profile, config, data_dir
from posture.cli.watch_options import add_watch_arguments, watch_arguments
from posture.core.folder_layout import DataFolder
from posture.errors import UserError

log = logging.getLogger(__name__)

HELP = "run in the background (logs to posture.log)"
DESCRIPTION = (
    "Start `run` as a background process that outlives the terminal, and wait until it "
    "watches. Exit 1 when it is already running or fails to start."
)

START_TIMEOUT_S = 60.0
POLL_S = 0.1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The watch options of `run` (--source, --profile, --replay-start), passed on to it."""
    add_watch_arguments(parser)


def child_arguments(args: argparse.Namespace, data_folder: Path) -> list[str]:
    """The options and command after the launcher: global options, `run`, then run's options.

    Paths are made absolute, so the child means the same files whatever its working folder.
    """
    out = ["--data-dir", str(data_folder.absolute())]
    if getattr(args, "config", None):
        out += ["--config", str(Path(args.config).absolute())]
    if getattr(args, "model", None):
        out += ["--model", str(args.model)]
    if getattr(args, "verbose", False):
        out.append("--verbose")
    return [*out, "run", *watch_arguments(args)]


def _spawn(command: list[str], log_file: Path) -> subprocess.Popen[bytes]:
    try:
        fd = open_for_append(log_file)
    except OSError as exc:
        raise UserError(
            f"Cannot open the log {log_file}: {exc.strerror or exc}.", exit_status=1
        ) from exc
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # Windows has no sessions; a detached process in its own group is the nearest thing.
    flags = getattr(subprocess, "DETACHED_PROCESS", 0) | getattr(
        subprocess, "CREATE_NEW_PROCESS_GROUP", 0
    )
    try:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=fd,
            stderr=fd,
            start_new_session=True,
            env=env,
            creationflags=flags,
        )
    except OSError as exc:
        raise UserError(
            f"Cannot start {command[0]}: {exc.strerror or exc}.", exit_status=1
        ) from exc
    finally:
        os.close(fd)


def run(args: argparse.Namespace) -> int:
    """Start the monitor in the background and wait until it watches (or fails)."""
    config(args)  # a mistake in the config file is one sentence here, not a line in a log
    checked_profile(getattr(args, "profile", None))
    folder = data_dir(args)
    stale = clear_stale(folder)  # raises AlreadyRunning, without starting anything
    if stale is not None:
        print(
            f"posture: removed a stale pid file left by pid {stale}, which did not stop cleanly.",
            file=sys.stderr,
        )
    log_file = DataFolder(folder).log
    if rotate_if_large(log_file, DataFolder(folder).old_log):
        log.info("rotated %s", log_file)
    since = size_of(log_file)
    child = _spawn([*self_command(), *child_arguments(args, folder)], log_file)
    print(f"Starting Posture in the background (pid {child.pid})...", file=sys.stderr, flush=True)
    try:
        return _wait(child, folder, log_file, since)
    except KeyboardInterrupt:
        # Only the waiting stops; the monitor is detached and goes on.
        print(
            f"\nposture: stopped waiting; Posture (pid {child.pid}) goes on in the "
            "background (`python run.py stop` ends it).",
            file=sys.stderr,
        )
        return 130


def _wait(child: subprocess.Popen[bytes], folder: Path, log_file: Path, since: int) -> int:
    """Poll until the child watches, exits, or the start timeout passes."""
    deadline = time.monotonic() + START_TIMEOUT_S
    status_file = DataFolder(folder).status
    while True:
        code = child.poll()
        if code is not None:
            return _ended_early(child.pid, code, log_file, since)
        if running_pid(folder) == child.pid and status_written_by(status_file, child.pid):
            print(f"Posture is running in the background (pid {child.pid}). Logs: {log_file}")
            return 0
        if time.monotonic() > deadline:
            print(
                f"Posture is still starting in the background (pid {child.pid}); "
                f"`python run.py status` shows when it watches. Logs: {log_file}"
            )
            return 0
        time.sleep(POLL_S)


def _ended_early(pid: int, code: int, log_file: Path, since: int) -> int:
    reason = last_lines(log_file, since)
    if code == 0:
        # A short replay can finish before the first look at it.
        print(f"Posture (pid {pid}) started and has already finished. Logs: {log_file}")
        return 0
    print(f"posture: Posture did not start (exit status {code}):", file=sys.stderr)
    for line in reason or ["(nothing in the log)"]:
        print(f"  {line}", file=sys.stderr)
    print(f"Logs: {log_file}", file=sys.stderr)
    return 1
