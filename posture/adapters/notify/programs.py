"""Running a notification helper program (notify-send, gdbus, dbus-send, osascript) honestly.

Such programs report failure only in their exit status, which is easy to drop (plyer does), so
every failure here, from a missing program to a non-zero status, becomes `NotifyFailed` with
one line saying why.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence

from posture.ports import NotifyFailed

TOOL_TIMEOUT_S = 5.0


def run_program(argv: Sequence[str], timeout_s: float = TOOL_TIMEOUT_S) -> str:
    """Run a helper program without a shell and return its output; NotifyFailed on any failure."""
    try:
        done = subprocess.run(
            list(argv),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout_s,
            check=False,
        )
    except FileNotFoundError as exc:
        raise NotifyFailed(f"{argv[0]} is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise NotifyFailed(f"{argv[0]} gave no answer within {timeout_s:g} s") from exc
    except (OSError, UnicodeError) as exc:
        raise NotifyFailed(f"{argv[0]} could not run ({exc})") from exc
    if done.returncode != 0:
        raise NotifyFailed(exit_reason(argv[0], done.returncode, done.stderr or done.stdout))
    return done.stdout


def exit_reason(program: str, status: int, output: str) -> str:
    """One line for a program that failed: its exit status and the last line it wrote."""
    lines = [line.strip() for line in output.strip().splitlines() if line.strip()]
    return f"{program} exited with status {status}: {lines[-1] if lines else 'no message'}"
