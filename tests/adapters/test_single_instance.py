"""One instance per data folder: the locked pid file, with real processes and real files."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from posture.adapters.single_instance import (
    AlreadyRunning,
    acquire,
    clear_stale,
    running_pid,
)
from posture.core.folder_layout import DataFolder
from posture.errors import UserError

HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from posture.adapters.single_instance import acquire
    lock = acquire(Path(sys.argv[1]))
    print("locked", flush=True)
    sys.stdin.read()  # hold until the test closes our stdin
    lock.release()
""")


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock on `tmp_path` until its stdin closes."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "locked\n"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)


def dead_pid() -> int:
    """The pid of a process that has just exited (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait(timeout=30)
    return proc.pid


def test_acquire_writes_the_pid_and_release_removes_the_file(tmp_path: Path) -> None:
    with acquire(tmp_path) as lock:
        assert lock.pid == os.getpid() and lock.stale_pid is None
        assert DataFolder(tmp_path).pid.read_text() == f"{os.getpid()}\n"
        assert running_pid(tmp_path) == os.getpid()
    assert not DataFolder(tmp_path).pid.exists()
    assert running_pid(tmp_path) is None
    lock.release()  # a second release does nothing


def test_second_acquire_in_the_same_process_is_refused(tmp_path: Path) -> None:
    with acquire(tmp_path), pytest.raises(AlreadyRunning) as caught:
        acquire(tmp_path)
    assert caught.value.pid == os.getpid()


def test_another_process_holding_the_lock_is_named(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    assert running_pid(tmp_path) == holder.pid
    with pytest.raises(AlreadyRunning) as caught:
        acquire(tmp_path)
    assert caught.value.pid == holder.pid
    assert caught.value.exit_status == 1
    assert str(caught.value) == (
        f"Posture is already running (pid {holder.pid}); stop it with `python run.py stop`."
    )
    assert isinstance(caught.value, UserError)
    with pytest.raises(AlreadyRunning):
        clear_stale(tmp_path)  # a held lock is never cleared
    assert DataFolder(tmp_path).pid.read_text() == f"{holder.pid}\n"


def test_lock_is_free_again_once_the_holder_releases(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    assert holder.stdin is not None
    holder.stdin.close()
    assert holder.wait(timeout=10) == 0
    assert not DataFolder(tmp_path).pid.exists()
    with acquire(tmp_path) as lock:
        assert lock.stale_pid is None


def test_a_killed_holder_leaves_a_stale_file_that_is_replaced(
    tmp_path: Path, holder: subprocess.Popen[str], caplog: pytest.LogCaptureFixture
) -> None:
    holder.kill()
    holder.wait(timeout=10)
    assert DataFolder(tmp_path).pid.read_text() == f"{holder.pid}\n"  # left behind
    assert running_pid(tmp_path) is None
    with (
        caplog.at_level(logging.WARNING, logger="posture.adapters.single_instance"),
        acquire(tmp_path) as lock,
    ):
        assert lock.stale_pid == holder.pid
        assert DataFolder(tmp_path).pid.read_text() == f"{os.getpid()}\n"
    assert f"pid {holder.pid} is no longer running" in caplog.text


@pytest.mark.parametrize("content", ["{dead}\n", "", "not a pid\n", "99999999999\n"])
def test_unheld_pid_files_are_stale_whatever_they_hold(tmp_path: Path, content: str) -> None:
    DataFolder(tmp_path).pid.write_text(content.format(dead=dead_pid()))
    assert running_pid(tmp_path) is None
    with acquire(tmp_path) as lock:
        assert running_pid(tmp_path) == os.getpid() == lock.pid


def test_clear_stale_removes_an_unheld_file_and_names_its_pid(tmp_path: Path) -> None:
    pid = dead_pid()
    DataFolder(tmp_path).pid.write_text(f"{pid}\n")
    assert clear_stale(tmp_path) == pid
    assert not DataFolder(tmp_path).pid.exists()
    assert clear_stale(tmp_path) is None


def test_a_live_pid_in_an_unheld_file_is_still_stale(tmp_path: Path) -> None:
    # The pid of a killed monitor may be reused by any program; only the lock counts.
    DataFolder(tmp_path).pid.write_text(f"{os.getppid()}\n")
    assert running_pid(tmp_path) is None
    with acquire(tmp_path) as lock:
        assert lock.stale_pid == os.getppid()


@pytest.mark.parametrize("existing_mode", [None, 0o644])
def test_pid_file_is_owner_only(tmp_path: Path, existing_mode: int | None) -> None:
    if existing_mode is not None:
        DataFolder(tmp_path).pid.write_text("")
        DataFolder(tmp_path).pid.chmod(existing_mode)
    old_umask = os.umask(0)
    try:
        with acquire(tmp_path):
            assert stat.S_IMODE(DataFolder(tmp_path).pid.stat().st_mode) == 0o600
    finally:
        os.umask(old_umask)


RACER = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from posture.adapters.single_instance import AlreadyRunning, acquire
    folder, rounds, won = Path(sys.argv[1]), int(sys.argv[2]), 0
    for _ in range(rounds):
        try:
            lock = acquire(folder)
        except AlreadyRunning:
            continue
        # Only one holder at a time may create the marker.
        fd = os.open(folder / "holder", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        os.close(fd)
        os.unlink(folder / "holder")
        lock.release()
        won += 1
    print(won)
""")


def test_racing_processes_never_hold_the_lock_together(tmp_path: Path) -> None:
    # Releasing removes the file; without the check that the locked file is still the one
    # the path names, this many rounds let two racers hold "the" lock at once.
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(tmp_path), "2000"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [racer.communicate(timeout=120) for racer in racers]
    for racer, (_out, err) in zip(racers, results, strict=True):
        assert racer.returncode == 0, err  # a second holder would fail O_EXCL
    assert sum(int(out) for out, _ in results) > 0
    assert not DataFolder(tmp_path).pid.exists()
