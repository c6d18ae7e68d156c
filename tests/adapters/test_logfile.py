"""The background monitor's log: owner-only, rotated at start past 1 MB, read back for reasons."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from posture.adapters.logfile import (
    ROTATE_AT_BYTES,
    last_lines,
    log_path,
    old_log_path,
    open_for_append,
    rotate_if_large,
    size_of,
)


def test_small_or_missing_logs_stay(tmp_path: Path) -> None:
    path = log_path(tmp_path)
    assert rotate_if_large(path) is False
    path.write_bytes(b"x" * ROTATE_AT_BYTES)
    assert rotate_if_large(path) is False
    assert path.exists() and not old_log_path(path).exists()


def test_a_large_log_becomes_the_one_old_copy(tmp_path: Path) -> None:
    path = log_path(tmp_path)
    old_log_path(path).write_text("oldest\n")
    path.write_bytes(b"y" * (ROTATE_AT_BYTES + 1))
    assert rotate_if_large(path) is True
    assert not path.exists()
    assert old_log_path(path).name == "posture.log.1"
    assert size_of(old_log_path(path)) == ROTATE_AT_BYTES + 1  # the oldest is gone


def test_log_is_appended_and_owner_only(tmp_path: Path) -> None:
    path = log_path(tmp_path)
    path.write_text("before\n")
    path.chmod(0o644)
    old_umask = os.umask(0)
    try:
        fd = open_for_append(path)
    finally:
        os.umask(old_umask)
    os.write(fd, b"after\n")
    os.close(fd)
    assert path.read_text() == "before\nafter\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_last_lines_since_an_offset_split_progress_redraws(tmp_path: Path) -> None:
    path = log_path(tmp_path)
    path.write_text("old run\n")
    since = size_of(path)
    with path.open("a") as handle:
        handle.write("first\n\nReplaying: 10%\rReplaying: 20%\rposture: the reason\n")
    assert last_lines(path, since) == ["Replaying: 10%", "Replaying: 20%", "posture: the reason"]
    assert last_lines(path, since, count=1) == ["posture: the reason"]
    assert last_lines(tmp_path / "missing.log") == []
