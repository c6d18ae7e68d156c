"""Notifications with buttons, where the freedesktop server offers them ("actions").

`notify-send --action` shows the buttons and waits, printing the key of the one pressed; it runs
in the background, read by a daemon thread, so the monitor loop never waits on the server. The
answer is handed to a callback (from that thread: the caller queues it for its own loop). With
no "actions" capability, or no notify-send, the caller sends a plain notification instead.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from collections.abc import Callable, Sequence

from posture.adapters.notify.freedesktop import server_capabilities
from posture.ports import NotifyFailed

log = logging.getLogger(__name__)

# Notifications still waiting for an answer at once; older ones then go without buttons.
MAX_WAITING = 4


class ActionWaiters:
    """The background `notify-send --action` processes and their reader threads."""

    def __init__(self) -> None:
        self._waiting: list[subprocess.Popen[str]] = []
        self._lock = threading.Lock()
        self._capable: bool | None = None

    def capable(self) -> bool:
        """Whether buttons can be shown: notify-send here and a server with "actions"."""
        if self._capable is None:
            try:
                caps = server_capabilities()
            except NotifyFailed:
                caps = set()
            self._capable = "actions" in caps and shutil.which("notify-send") is not None
        return self._capable

    def forget_capability(self) -> None:
        """Ask the server again next time (after a failure)."""
        self._capable = None

    def start(
        self,
        argv: Sequence[str],
        actions: Sequence[tuple[str, str]],
        answered: Callable[[str], None],
    ) -> bool:
        """Run `argv` plus one --action per (key, label); False when it could not start."""
        with self._lock:
            self._waiting = [p for p in self._waiting if p.poll() is None]
            if len(self._waiting) >= MAX_WAITING:
                return False
            options = [f"--action={key}={label}" for key, label in actions]
            try:
                proc = subprocess.Popen(
                    [argv[0], *options, *argv[1:]],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    text=True,
                )
            except OSError:
                return False
            self._waiting.append(proc)
        keys = {key for key, _ in actions}
        threading.Thread(target=_read_answer, args=(proc, keys, answered), daemon=True).start()
        return True

    def close(self) -> None:
        """End the processes still waiting (their notifications stay up without buttons)."""
        with self._lock:
            for proc in self._waiting:
                if proc.poll() is None:
                    proc.terminate()
            self._waiting = []


def _read_answer(
    proc: subprocess.Popen[str], keys: set[str], answered: Callable[[str], None]
) -> None:
    assert proc.stdout is not None
    key = proc.stdout.readline().strip()
    proc.wait()
    if key in keys:
        log.debug("notification answered: %s", key)
        answered(key)
