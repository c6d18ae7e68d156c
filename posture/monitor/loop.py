"""The loop around `Monitor.step`: live on the wall clock, or a replay on the video's clock.

The live loop only waits on a `threading.Event`, so SIGTERM or Ctrl-C stops it at once; the
replay loop never waits at all. Either way the monitor is closed at the end, which flushes the
last interval and the running sitting session. What the loop sees goes to a `StatusBoard`
every few seconds (the status file, in the real program). Changed settings (a `SettingsSource`,
the config file in the real program) are applied between two looks, without a restart.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, replace

from posture.config.schema import Config
from posture.monitor.pausing import PauseCheck
from posture.monitor.step import Monitor
from posture.ports import SettingsSource, SourceEnded, StatusBoard

log = logging.getLogger(__name__)

STATUS_EVERY_S = 5.0
# What the loop cannot change under a running monitor: the camera, the model and the notifier are
# built once, and the history's intervals keep one length.
RESTART_ONLY = ("source", "model", "notifier", "inference_max_side_px", "summary_interval_s")


def apply_settings(monitor: Monitor, new: Config) -> None:
    """Use `new` from the next look on: limits, thresholds, timing, coaching, pause apps."""
    old = monitor.config.monitor
    later = [k for k in RESTART_ONLY if getattr(new.monitor, k) != getattr(old, k)]
    if later:
        log.warning("changed settings that take effect at the next start: %s", ", ".join(later))
        # The rest of [monitor] applies now; these keep the values the monitor was built with.
        kept = {k: getattr(old, k) for k in RESTART_ONLY}
        new = replace(new, monitor=replace(new.monitor, **kept))
    monitor.config = new
    if isinstance(monitor.paused, PauseCheck):
        monitor.paused.set_apps(new.coaching.pause_apps)


def follow_settings(monitor: Monitor, settings: SettingsSource | None) -> None:
    """Apply the settings when they changed (a cheap check; see `SettingsSource.changed`)."""
    if settings is None:
        return
    new = settings.changed()
    if new is not None and new != monitor.config:
        apply_settings(monitor, new)


def publish(board: StatusBoard | None, monitor: Monitor) -> None:
    """Hand the monitor's current status to `board` (when there is one)."""
    if board is not None:
        board.publish(asdict(monitor.status))


def stopped(monitor: Monitor) -> None:
    """Mark the status as a clean stop (a status file left without it: the monitor died)."""
    monitor.status = replace(monitor.status, state="stopped", activity="stopped")
    log.info("stopped cleanly; %d alerts", len(monitor.notifications))


def install_signal_handlers(stop: threading.Event) -> None:
    """SIGTERM and SIGINT (Ctrl-C) set `stop`; the loop then ends cleanly."""

    def handler(signum: int, _frame: object) -> None:
        log.info("stopping on signal %d", signum)
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def run_live(
    monitor: Monitor,
    stop: threading.Event,
    board: StatusBoard | None,
    clock: Callable[[], float] = time.time,
    settings: SettingsSource | None = None,
    status_every_s: float = STATUS_EVERY_S,
) -> None:
    """Look, wait, look again, until `stop` is set; follow changed `settings` between looks.

    The status goes out every `status_every_s`.
    """
    last_status = 0.0
    now = clock()
    try:
        while not stop.is_set():
            follow_settings(monitor, settings)
            now = clock()
            shown = monitor.status.state
            delay = monitor.step(now)
            # Every few seconds, and at once when the state changes (a pause can last minutes).
            if now - last_status >= status_every_s or monitor.status.state != shown:
                publish(board, monitor)
                last_status = now
            stop.wait(max(0.0, delay - (clock() - now)))
    finally:
        monitor.close(clock())
        stopped(monitor)
        publish(board, monitor)


def monitor_last_s(monitor: Monitor, default_s: float) -> float:
    """The time of the monitor's last look (nothing is credited before it)."""
    return monitor.ledger.last_s if monitor.ledger.last_s is not None else default_s


def run_replay(
    monitor: Monitor,
    start_s: float,
    stop: threading.Event,
    board: StatusBoard | None = None,
    on_progress: Callable[[float], None] | None = None,
    settings: SettingsSource | None = None,
) -> float:
    """Replay as fast as the machine allows; returns the replayed clock's end time.

    Changed `settings` are followed between looks, as live (their checks run on the wall clock).
    """
    now = start_s
    last_status = -STATUS_EVERY_S
    try:
        while not stop.is_set():
            follow_settings(monitor, settings)
            try:
                delay = monitor.step(now)
            except SourceEnded as ended:
                # The replayed day ends when its video does, not at the next planned look.
                if ended.end_s is not None:
                    now = max(min(now, ended.end_s), monitor_last_s(monitor, start_s))
                break
            if now - last_status >= STATUS_EVERY_S:
                publish(board, monitor)
                last_status = now
            if on_progress is not None:
                on_progress(now - start_s)
            now += delay
    finally:
        monitor.close(now)
        stopped(monitor)
        publish(board, monitor)
    return now
