"""The background monitor's log: `<data folder>/posture.log`, owner-only, with one old copy.

The log is rotated when a monitor starts, not while it runs: a monitor writes little (warnings
and its start and stop), so a check at each start keeps the files small without a second
writer ever racing the first.
"""

from __future__ import annotations

import os
from pathlib import Path

from posture.adapters.sqlite.file import make_private

LOG_FILENAME = "posture.log"
LOG_FILE_MODE = 0o600
ROTATE_AT_BYTES = 1_000_000


def log_path(data_folder: Path) -> Path:
    """The background monitor's log file inside the data folder."""
    return data_folder / LOG_FILENAME


def old_log_path(path: Path) -> Path:
    """Where the previous log goes on rotation: `posture.log.1`."""
    return path.with_name(path.name + ".1")


def rotate_if_large(path: Path, limit_bytes: int = ROTATE_AT_BYTES) -> bool:
    """Move a log larger than `limit_bytes` to `posture.log.1` (replacing it); True if moved."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    if size <= limit_bytes:
        return False
    os.replace(path, old_log_path(path))
    return True


def open_for_append(path: Path) -> int:
    """A descriptor appending to `path`, which is created or tightened to owner-only."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, LOG_FILE_MODE)
    make_private(path)
    return fd


def size_of(path: Path) -> int:
    """The file's size in bytes; 0 when it does not exist."""
    try:
        return path.stat().st_size
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
