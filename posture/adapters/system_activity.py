"""What the rest of the computer is doing, as far as pausing cares: processes and the screen lock.

Both ask the system (`/proc`, `ps` or `tasklist`; `loginctl`), so the monitor's pause policy
(`posture.monitor.pausing`) takes them as arguments and asks only every few seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


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
    command = (
        ["tasklist", "/fo", "csv", "/nh"]
        if sys.platform == "win32"
        else ["ps", "-A", "-o", "comm="]
    )
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return names
    for line in out.splitlines():
        name = (
            line.split('","')[0].strip('"')
            if sys.platform == "win32"
            else os.path.basename(line.strip())
        )
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
        out = subprocess.run(
            ["loginctl", "show-session", session, "-p", "LockedHint"],
            capture_output=True,
            text=True,
            timeout=5,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return out.strip() == "LockedHint=yes"
