"""One running monitor per data folder: a pid file held locked for the monitor's whole life.

The lock, not the pid written in the file, says whether Posture runs: the kernel drops a
`flock` when its holder exits for any reason, so a pid file left by a killed process (or a pid
since reused by another program) is recognised as stale and replaced. On Windows a byte far
past the pid is locked with `msvcrt.locking`, which leaves the pid itself readable; that is a
best effort with the same meaning.

A clean exit removes the file while still holding the lock. Whoever opened the old file just
before that sees, once it gets the lock, that the path no longer names what it locked, and
starts over; so two monitors can never both believe they hold it.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Self

from posture.adapters.private_files import FILE_MODE, open_owner_only
from posture.core.folder_layout import DataFolder
from posture.errors import UserError

log = logging.getLogger(__name__)

PID_FILE_MODE = FILE_MODE
# Another process may hold the lock for an instant only (a `running_pid` probe, or a monitor
# between locking and writing its pid); that is waited out before calling Posture running.
SETTLE_S = 1.0
_POLL_S = 0.02
# Windows: the locked byte, well past any pid, so that the pid stays readable.
_WINDOWS_LOCK_OFFSET = 1 << 20


class AlreadyRunning(UserError):
    """Another monitor holds the data folder; `pid` is its process id."""

    def __init__(self, pid: int) -> None:
        super().__init__(
            f"Posture is already running (pid {pid}); stop it with `python run.py stop`.",
            exit_status=1,
        )
        self.pid = pid


class Lock:
    """The held pid file; `release` (or leaving the `with` block) lets the next monitor in."""

    def __init__(self, path: Path, fd: int, pid: int, stale_pid: int | None = None) -> None:
        """Wrap a locked, written pid file; call `acquire` instead."""
        self.path = path
        self.pid = pid
        self.stale_pid = stale_pid
        self._fd: int | None = fd

    def release(self) -> None:
        """Remove the pid file and drop the lock; calling it again does nothing."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if sys.platform == "win32":  # Windows cannot remove a file that is still open
            _unlock(fd)
            os.close(fd)
            _remove(self.path)
            return
        _remove(self.path)
        os.close(fd)  # closing drops the flock

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()


def acquire(data_folder: Path, pid: int | None = None) -> Lock:
    """Become the one monitor for `data_folder`, writing `pid` (default: this process's).

    Raises AlreadyRunning when a live monitor holds the lock. A stale pid file is logged and
    replaced; its pid is kept as `Lock.stale_pid`.
    """
    path = DataFolder(data_folder).pid
    own = os.getpid() if pid is None else pid
    fd, stale = _take(path)
    if stale is not None:
        log.warning(
            "Replacing the stale pid file %s: pid %d is no longer running Posture "
            "(it did not stop cleanly).",
            path,
            stale,
        )
    _write_pid(fd, own)
    return Lock(path, fd, own, stale)


def running_pid(data_folder: Path) -> int | None:
    """The pid of the monitor holding `data_folder`, or None when none does.

    A pid file that nobody holds locked is stale and counts as not running.
    """
    path = DataFolder(data_folder).pid
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):
            return None  # a link is no pid file of ours; `acquire` refuses it with a sentence
        raise
    try:
        if _try_lock(fd, shared=True):
            _unlock(fd)
            return None
        deadline = time.monotonic() + SETTLE_S
        holder = _read_pid(fd)
        # A monitor that has just locked may not have replaced a stale pid with its own yet.
        while (holder is None or not _alive(holder)) and time.monotonic() < deadline:
            time.sleep(_POLL_S)
            holder = _read_pid(fd)
        return holder
    finally:
        os.close(fd)


def clear_stale(data_folder: Path) -> int | None:
    """Remove a pid file that nobody holds; returns the pid it named, or None.

    Raises AlreadyRunning when a monitor does hold it.
    """
    path = DataFolder(data_folder).pid
    if not (path.exists() or path.is_symlink()):
        return None
    fd, stale = _take(path)
    Lock(path, fd, os.getpid(), stale).release()
    return stale


def _take(path: Path) -> tuple[int, int | None]:
    """Lock the pid file at `path` (made if missing): its descriptor and the stale pid in it."""
    deadline = time.monotonic() + SETTLE_S
    while True:
        fd = _open(path)
        if not _try_lock(fd):
            holder = _read_pid(fd)
            os.close(fd)
            if holder is not None and _alive(holder):
                raise AlreadyRunning(holder)
            if time.monotonic() >= deadline:
                if holder is not None:
                    raise AlreadyRunning(holder)
                raise UserError(
                    f"The pid file {path} stays locked by another program; close it and try again.",
                    exit_status=1,
                )
            time.sleep(_POLL_S)
            continue
        if not _still_names(path, fd):
            os.close(fd)  # the monitor we waited for removed it on exit; open the new one
            continue
        return fd, _read_pid(fd)


def _open(path: Path) -> int:
    """The pid file, made or tightened to 0600 whatever the umask; never through a link.

    It is locked and rewritten in place, so it is the private writer's documented exception.
    """
    try:
        return open_owner_only(path, os.O_RDWR)
    except OSError as exc:
        raise UserError(
            f"Cannot open the pid file {path}: {exc.strerror or exc}.", exit_status=1
        ) from exc


def _still_names(path: Path, fd: int) -> bool:
    """Whether `path` is still the file open as `fd` (not removed or replaced meanwhile)."""
    if sys.platform == "win32":
        return path.exists()
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)


def _read_pid(fd: int) -> int | None:
    os.lseek(fd, 0, os.SEEK_SET)
    text = os.read(fd, 64).decode("ascii", errors="replace").strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def _write_pid(fd: int, pid: int) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, f"{pid}\n".encode("ascii"))
    os.fsync(fd)


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (it may belong to another user)."""
    if sys.platform == "win32":
        return True  # no cheap check; a held lock is enough to believe it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.warning("Could not remove the pid file %s: %s", path, exc)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int, shared: bool = False) -> bool:
        """Lock without waiting (Windows has no shared lock; a probe is brief)."""
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int, shared: bool = False) -> bool:
        """Lock without waiting: True when locked, False when someone else holds it."""
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
