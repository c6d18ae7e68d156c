"""Whether a process is Posture, by its command line, before `stop` signals it.

The pid file names the process holding its lock; but whoever holds the lock (a backup tool, a
user's `flock`) may have written any pid there, and a pid named by a file may since belong to
another program. `stop` signals only a process whose command line runs Posture: `run.py` beside
a `posture` package, `-m posture`, or the `posture` console script. Read from
/proc/PID/cmdline; where there is no /proc (macOS, Windows) it cannot tell.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")


def is_posture(pid: int, proc: Path = PROC) -> bool | None:
    """True when process `pid` runs Posture, False when it runs something else, None if unknown."""
    if not proc.is_dir():
        return None
    try:
        raw = (proc / str(pid) / "cmdline").read_bytes()
        cwd = Path(os.readlink(proc / str(pid) / "cwd"))
    except FileNotFoundError:
        return False  # no such process (any more)
    except OSError:
        return None  # another user's process: its cwd cannot be read
    args = [arg.decode("utf-8", "replace") for arg in raw.split(b"\0") if arg]
    return runs_posture(args, cwd)


def runs_posture(args: list[str], cwd: Path) -> bool:
    """Whether the command line `args` (started in `cwd`) runs Posture."""
    for at, arg in enumerate(args[:3]):  # the interpreter, then the script or `-m NAME`
        if arg == "-m" and args[at + 1 : at + 2] == ["posture"]:
            return True
        path = cwd / arg  # an absolute `arg` replaces cwd
        if path.name == "run.py" and (path.parent / "posture" / "__init__.py").is_file():
            return True
        if path.name == "posture" and at <= 1:
            return True  # the console script, or python running it
    return False
