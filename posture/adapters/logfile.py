"""The background monitor's log (`DataFolder.log`), owner-only, with one old copy (`.old_log`).

The log is rotated when a monitor starts, not while it runs: a monitor writes little (warnings
and its start and stop), so a check at each start keeps the files small without a second
writer ever racing the first.
"""

from __future__ import annotations

import os
from pathlib import Path

from posture.adapters.private_files import FILE_MODE, open_owner_only

LOG_FILE_MODE = FILE_MODE
ROTATE_AT_BYTES = 1_000_000


def rotate_if_large(path: Path, old: Path, limit_bytes: int = ROTATE_AT_BYTES) -> bool:
    """Move a log larger than `limit_bytes` to `old` (replacing it); True if moved.

    A rename moves a link itself, never what it points to.
    """
    if size_of(path) <= limit_bytes:
        return False
    os.replace(path, old)
    return True


def open_for_append(path: Path) -> int:
    """A descriptor appending to `path`, created or tightened to owner-only.

    The log is written in place by two processes (`start` and the monitor it spawns), so it
    is the private writer's documented exception: opened with O_NOFOLLOW, 0600, and a link or
    anything but a regular file there is refused (`private_files.RefusedPath`).
    """
    return open_owner_only(path, os.O_WRONLY | os.O_APPEND)


def size_of(path: Path) -> int:
    """The file's size in bytes; 0 when it does not exist (a link counts as itself)."""
    try:
        return path.lstat().st_size
    except FileNotFoundError:
        return 0


def last_lines(path: Path, since_byte: int = 0, count: int = 3) -> list[str]:
    """The last `count` non-blank lines written after `since_byte` (progress redraws split)."""
    try:
        with path.open("rb") as handle:
            handle.seek(since_byte)
            text = handle.read().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return []
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    return [line for line in lines if line][-count:]
