"""Why the monitor should not look right now: a snooze, a video call, or a locked screen.

The checks ask the system (running processes, the session's lock state), so their answers are
cached for `recheck_s`: scanning processes every second would cost more than looking at the
camera.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from pathlib import Path

log = logging.getLogger(__name__)

RECHECK_S = 15.0


def running_process_names() -> set[str]:
    """Lower-case names of the running processes (without a trailing .exe)."""
    names: set[str] = set()
    if sys.platform.startswith("linux"):
        for comm in Path("/proc").glob("[0-9]*/comm"):
            try:
                names.add(comm.read_text(encoding="utf-8", errors="replace").strip().lower())
            except OSError:
                continue
        return names
    command = ["tasklist", "/fo", "csv", "/nh"] if sys.platform == "win32" else \
        ["ps", "-A", "-o", "comm="]
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return names
    for line in out.splitlines():
        name = line.split('","')[0].strip('"') if sys.platform == "win32" else \
            os.path.basename(line.strip())
        names.add(name.lower())
    return {n.removesuffix(".exe") for n in names if n}


def screen_locked() -> bool | None:
    """Whether the session's screen is locked; None where that cannot be told."""
    if not sys.platform.startswith("linux") or shutil.which("loginctl") is None:
        return None
    session = os.environ.get("XDG_SESSION_ID")
    if not session:
        return None
    try:
        out = subprocess.run(["loginctl", "show-session", session, "-p", "LockedHint"],
                             capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return out.strip() == "LockedHint=yes"


class PauseCheck:
    """The reason to pause at a moment, or "" to go on."""

    def __init__(self, apps: Iterable[str], snoozed_until: Callable[[float], float | None],
                 zone: tzinfo, *, processes: Callable[[], set[str]] = running_process_names,
                 locked: Callable[[], bool | None] = screen_locked,
                 recheck_s: float = RECHECK_S) -> None:
        self._apps = {a.lower().removesuffix(".exe") for a in apps}
        self._snoozed_until = snoozed_until
        self._zone = zone
        self._processes = processes
        self._locked = locked
        self._recheck_s = recheck_s
        self._checked_s: float | None = None
        self._system_reason = ""

    def __call__(self, now_s: float) -> str:
        until = self._snoozed_until(now_s)
        if until is not None:
            return f"snoozed until {datetime.fromtimestamp(until, self._zone):%H:%M}"
        if self._checked_s is None or now_s - self._checked_s >= self._recheck_s \
                or now_s < self._checked_s:
            self._checked_s = now_s
            self._system_reason = self._system()
        return self._system_reason

    def _system(self) -> str:
        calling = sorted(self._apps & self._processes())
        if calling:
            return f"paused while {calling[0]} is running"
        if self._locked():
            return "paused while the screen is locked"
        return ""
