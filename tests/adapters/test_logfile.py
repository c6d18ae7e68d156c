"""The background monitor's log: owner-only, rotated at start past 1 MB, read back for reasons."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from posture.adapters.logfile import (
    ROTATE_AT_BYTES,
    last_lines,
    open_for_append,
    rotate_if_large,
    size_of,
)
from posture.adapters.private_files import RefusedPath
from posture.core.folder_layout import DataFolder


def test_small_or_missing_logs_stay(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path)
    assert rotate_if_large(folder.log, folder.old_log) is False
    folder.log.write_bytes(b"x" * ROTATE_AT_BYTES)
    assert rotate_if_large(folder.log, folder.old_log) is False
    assert folder.log.exists() and not folder.old_log.exists()


def test_a_large_log_becomes_the_one_old_copy(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path)
    folder.old_log.write_text("oldest\n")
    folder.log.write_bytes(b"y" * (ROTATE_AT_BYTES + 1))
    assert rotate_if_large(folder.log, folder.old_log) is True
    assert not folder.log.exists()
    assert size_of(folder.old_log) == ROTATE_AT_BYTES + 1  # the oldest is gone


def test_a_link_at_the_log_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep\n")
    target.chmod(0o644)
    DataFolder(tmp_path).log.symlink_to(target)
    with pytest.raises(RefusedPath, match="symbolic link"):
        open_for_append(DataFolder(tmp_path).log)
    assert target.read_text() == "keep\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_log_is_appended_and_owner_only(tmp_path: Path) -> None:
    path = DataFolder(tmp_path).log
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
    path = DataFolder(tmp_path).log
    path.write_text("old run\n")
    since = size_of(path)
    with path.open("a") as handle:
        handle.write("first\n\nReplaying: 10%\rReplaying: 20%\rposture: the reason\n")
    assert last_lines(path, since) == ["Replaying: 10%", "Replaying: 20%", "posture: the reason"]
    assert last_lines(path, since, count=1) == ["posture: the reason"]
    assert last_lines(tmp_path / "missing.log") == []
