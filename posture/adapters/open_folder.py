"""A folder opened once without following a link at its own name, and the steps taken in it.

`posture.adapters.private_files` writes through this: creating, renaming and removing happen
relative to the folder's descriptor (openat, renameat), so a folder swapped for a link halfway
cannot redirect a write, and a folder that is a link when opened is refused. Windows has no
descriptor-relative calls; there a link is refused by looking first.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

FILE_MODE = 0o600
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
# Descriptor-relative calls (openat, renameat): everywhere but Windows.
_AT = bool(_DIRECTORY) and os.open in os.supports_dir_fd and os.rename in os.supports_dir_fd


class RefusedPath(OSError):
    """A path Posture will not write: a folder, a special file, or a symbolic link."""

    def __init__(self, path: Path, reason: str, code: int = errno.EINVAL) -> None:
        super().__init__(code, reason, str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


class OpenFolder:
    """A folder opened once, without following a link at its own name; steps are relative."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self._fd = fd

    @classmethod
    @contextlib.contextmanager
    def open(cls, path: Path) -> Iterator[OpenFolder]:
        """The folder `path`, open for the block; RefusedPath when it is a link or no folder."""
        if not _AT:  # Windows: no descriptor-relative calls; refuse a link by looking first
            if path.is_symlink():
                raise linked_folder(path)
            if not path.is_dir():
                raise no_folder(path)
            yield cls(path, None)
            return
        try:
            fd = os.open(path, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK) and path.is_symlink():
                raise linked_folder(path) from None
            if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                raise no_folder(path) from None
            raise
        try:
            yield cls(path, fd)
        finally:
            os.close(fd)

    def _where(self, name: str) -> str:
        return name if self._fd is not None else str(self.path / name)

    def lstat(self, name: str) -> os.stat_result | None:
        """What `name` is in the folder, links not followed; None when there is nothing."""
        try:
            return os.stat(self._where(name), dir_fd=self._fd, follow_symlinks=False)
        except FileNotFoundError:
            return None

    def check_target(self, name: str, *, replace_link: bool) -> bool:
        """Refuse a folder, a special file, or (unless allowed) a link; True for a link."""
        info = self.lstat(name)
        if info is None or stat.S_ISREG(info.st_mode):
            return False
        path = self.path / name
        if stat.S_ISLNK(info.st_mode):
            if replace_link:
                return True
            raise linked_file(path)
        if stat.S_ISDIR(info.st_mode):
            raise RefusedPath(path, "it is a folder, not a file", errno.EISDIR)
        raise RefusedPath(path, "it is a special file (a device, pipe or socket), not a file")

    def create_temporary(self, target: str) -> tuple[str, int]:
        """A new owner-only file beside `target`; its name keeps the target's suffix."""
        while True:
            name = f".{secrets.token_hex(4)}.{target}"  # OpenCV picks a format by the suffix
            try:
                fd = os.open(
                    self._where(name),
                    os.O_RDWR | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY,
                    FILE_MODE,
                    dir_fd=self._fd,
                )
            except FileExistsError:
                continue
            tighten(fd)
            return name, fd

    def open_file(self, name: str, flags: int) -> int:
        """A descriptor on the regular file `name`, tightened to 0600; RefusedPath otherwise."""
        try:
            fd = os.open(
                self._where(name),
                flags | _NOFOLLOW | _CLOEXEC | _BINARY | getattr(os, "O_NONBLOCK", 0),
                FILE_MODE,
                dir_fd=self._fd,
            )
        except OSError:
            info = self.lstat(name)
            if info is not None and not stat.S_ISREG(info.st_mode):
                self.check_target(name, replace_link=False)  # says what is in the way
            raise
        # O_NONBLOCK kept a FIFO from blocking the open; regular files ignore the flag.
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            self.check_target(name, replace_link=False)
            raise RefusedPath(self.path / name, "it is not a regular file")
        tighten(fd)
        return fd

    def rename(self, source: str, target: str) -> None:
        """Move `source` onto `target` in one step; a link at `target` is replaced, not followed."""
        os.replace(
            self._where(source), self._where(target), src_dir_fd=self._fd, dst_dir_fd=self._fd
        )

    def unlink(self, name: str) -> None:
        """Remove `name` (a link itself, never what it points to)."""
        os.unlink(self._where(name), dir_fd=self._fd)

    def chmod(self, mode: int) -> None:
        """Set the folder's own mode through its descriptor (nothing on Windows)."""
        if self._fd is not None:
            os.fchmod(self._fd, mode)

    def sync(self) -> None:
        """Flush the folder's entries too, so the rename itself survives a power cut."""
        if self._fd is not None:
            with contextlib.suppress(OSError):  # some file systems cannot sync a folder
                os.fsync(self._fd)


def tighten(fd: int) -> None:
    """Set an open file the current user owns to 0600; someone else's file is left alone."""
    if not hasattr(os, "fchmod"):  # Windows: rights are ACLs that chmod cannot express
        return
    info = os.fstat(fd)
    if stat.S_IMODE(info.st_mode) != FILE_MODE and info.st_uid == os.geteuid():
        os.fchmod(fd, FILE_MODE)


def linked_file(path: Path) -> RefusedPath:
    """The refusal of a link at a file's name."""
    return RefusedPath(
        path,
        f"it is a symbolic link (to {_link_text(path)}), and Posture never writes through one; "
        "name a regular file instead",
        errno.ELOOP,
    )


def linked_folder(path: Path) -> RefusedPath:
    """The refusal of a folder that is a link, naming the real folder to use instead."""
    return RefusedPath(
        path,
        f"the folder {path} is a symbolic link (to {_link_text(path)}), and Posture writes only "
        f"into a real folder; name {path.resolve()} instead",
        errno.ELOOP,
    )


def no_folder(path: Path) -> OSError:
    """The error for a folder that is missing, or that is something else."""
    if path.exists() or path.is_symlink():
        return RefusedPath(path, f"{path} is not a folder", errno.ENOTDIR)
    return FileNotFoundError(errno.ENOENT, f"there is no folder {path}", str(path))


def _link_text(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "somewhere else"
