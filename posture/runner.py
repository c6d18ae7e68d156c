"""The loop around `Monitor.step`: live on the wall clock, or a replay on the video's clock.

The live loop only waits on a `threading.Event`, so SIGTERM or Ctrl-C stops it at once; the
replay loop never waits at all. Either way the monitor is closed at the end, which flushes the
last interval and the running sitting session.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from posture.camera import SourceEnded
from posture.monitor import Monitor

log = logging.getLogger(__name__)

STATUS_EVERY_S = 5.0


def write_status(path: Path, monitor: Monitor, pid: int) -> None:
    """Atomically replace the status file `status` reads (owner-only)."""
    data = {**asdict(monitor.status), "pid": pid}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".status-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        log.debug("could not write the status file", exc_info=True)


def install_signal_handlers(stop: threading.Event) -> None:
    """SIGTERM and SIGINT (Ctrl-C) set `stop`; the loop then ends cleanly."""
    def handler(signum: int, _frame: object) -> None:
        log.info("stopping on signal %d", signum)
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def run_live(monitor: Monitor, stop: threading.Event, status_path: Path | None,
             clock: Callable[[], float] = time.time) -> None:
    """Look, wait, look again, until `stop` is set."""
    last_status = 0.0
    now = clock()
    try:
        while not stop.is_set():
            now = clock()
            delay = monitor.step(now)
            if status_path is not None and now - last_status >= STATUS_EVERY_S:
                write_status(status_path, monitor, os.getpid())
                last_status = now
            stop.wait(max(0.0, delay - (clock() - now)))
    finally:
        monitor.close(clock())
        if status_path is not None:
            monitor.status = monitor.status.__class__(**{**asdict(monitor.status),
                                                         "state": "stopped"})
            write_status(status_path, monitor, os.getpid())


def monitor_last_s(monitor: Monitor, default_s: float) -> float:
    """The time of the monitor's last look (nothing is credited before it)."""
    return monitor.ledger.last_s if monitor.ledger.last_s is not None else default_s


def run_replay(monitor: Monitor, start_s: float, stop: threading.Event,
               status_path: Path | None = None,
               on_progress: Callable[[float], None] | None = None) -> float:
    """Replay as fast as the machine allows; returns the replayed clock's end time."""
    now = start_s
    last_status = -STATUS_EVERY_S
    try:
        while not stop.is_set():
            try:
                delay = monitor.step(now)
            except SourceEnded as ended:
                # The replayed day ends when its video does, not at the next planned look.
                if ended.end_s is not None:
                    now = max(min(now, ended.end_s), monitor_last_s(monitor, start_s))
                break
            if status_path is not None and now - last_status >= STATUS_EVERY_S:
                write_status(status_path, monitor, os.getpid())
                last_status = now
            if on_progress is not None:
                on_progress(now - start_s)
            now += delay
    finally:
        monitor.close(now)
        if status_path is not None:
            write_status(status_path, monitor, os.getpid())
    return now
