"""Every file Posture writes, owner-only (0600) in owner-only folders (0700), never through a link.

Posture history and pictures of the user are health data. Three ways in, one rule set:

- `write_owner_only` replaces a file whole, and `replacing` does the same for a writer that
  streams (a model download) or that only takes a file name (OpenCV's video writer): the bytes
  go to a new temporary file in the target's folder (created O_EXCL | O_NOFOLLOW, mode 0600),
  are flushed to disk, and the temporary file is renamed onto the target. The target itself is
  never opened: a reader sees the old file or the whole new one, and a symbolic link at the
  target can only be replaced by the rename, never followed.
- `open_owner_only` is the one documented exception, for the files updated in place: the
  append-only log, the pid file held locked, and the SQLite database's first creation. It opens
  with O_NOFOLLOW and 0600, and takes regular files only.
- `make_private_folders` makes the missing folders of a path, each 0700 whatever the umask.

Symbolic links. The file's own name: a link there is refused (`replace_link=True` replaces it
instead, for the names Posture chooses itself inside its folders, where a link can only be a
leftover or a plant; the link's target is never touched). A name the user gave, such as
`report --json /dev/stdout`, is never replaced, since the user may have meant what is behind
it. The folder a file goes in is opened once with O_NOFOLLOW and every step happens relative to
that descriptor: a folder that is itself a link is refused, naming where it points, so that a
link planted at a folder's name cannot redirect a write. Links further up the path (a home on
another disk, macOS's /var) are the system's layout and are followed.

Refusals are `RefusedPath`, an OSError whose `strerror` is one clause for the user. Not written
here, as they keep nothing of the user's: `doctor`'s write probe (mkstemp, O_EXCL, removed at
once) and pip's download folder for the offline model build.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from posture.adapters.open_folder import FILE_MODE, OpenFolder, RefusedPath, linked_folder

__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "RefusedPath",
    "Replacement",
    "check_writable",
    "make_private_folders",
    "open_owner_only",
    "replacing",
    "replacing_own",
    "tighten_folder",
    "write_owner_only",
]

log = logging.getLogger(__name__)

DIR_MODE = 0o700


@dataclass(frozen=True)
class Replacement:
    """A temporary file that becomes the target when the `replacing` block ends well."""

    path: Path
    file: BinaryIO


def write_owner_only(
    path: Path,
    data: bytes,
    *,
    sync: bool = True,
    make_folders: bool = True,
    replace_link: bool = False,
) -> None:
    """Atomically replace `path` with `data`, owner-only.

    `sync=False` skips the flush to disk, for a file rewritten every few seconds and worthless
    after a power cut (the status file). `make_folders=False` refuses a missing folder (a file
    the user named). Raises RefusedPath for a target Posture will not write and OSError when the
    folder cannot be made or written; nothing is left behind then.
    """
    with replacing(path, sync=sync, make_folders=make_folders, replace_link=replace_link) as new:
        new.file.write(data)


@contextlib.contextmanager
def replacing(
    path: Path, *, sync: bool = True, make_folders: bool = True, replace_link: bool = False
) -> Iterator[Replacement]:
    """A temporary file to write (or to hand to a writer by `.path`), renamed onto `path`.

    Leaving the block normally flushes the file to disk (unless `sync=False`) and renames it
    onto `path`; an exception removes it and leaves `path` as it was. Same refusals as
    `write_owner_only`.
    """
    path = Path(path)
    if make_folders:
        make_private_folders(path.parent)
    with OpenFolder.open(path.parent) as folder:
        if folder.check_target(path.name, replace_link=replace_link):
            log.warning("Replacing the symbolic link %s with a file of its own.", path)
        name, fd = folder.create_temporary(path.name)
        try:
            with os.fdopen(fd, "w+b") as handle:
                yield Replacement(path.parent / name, handle)
                handle.flush()
                if sync:
                    os.fsync(handle.fileno())
            folder.check_target(path.name, replace_link=replace_link)
            folder.rename(name, path.name)
        except BaseException:
            with contextlib.suppress(OSError):
                folder.unlink(name)
            raise
        if sync:
            folder.sync()


def check_writable(path: Path, *, replace_link: bool = False) -> None:
    """Raise RefusedPath now when `path` is one the writer would refuse (for a caller that must
    know before it changes anything else); a missing folder is not checked here."""
    path = Path(path)
    if path.parent.is_dir() or path.parent.is_symlink():
        with OpenFolder.open(path.parent) as folder:
            folder.check_target(path.name, replace_link=replace_link)


def replacing_own(path: Path) -> contextlib.AbstractContextManager[Replacement]:
    """`replacing` for a name Posture chooses itself (a model file): a link there is replaced."""
    return replacing(path, replace_link=True)


def open_owner_only(path: Path, flags: int, *, create: bool = True) -> int:
    """A descriptor on the regular file `path`, made or tightened to 0600; never through a link.

    For the files updated in place (the log, the pid file, the database's creation); `flags`
    are the access flags (os.O_WRONLY | os.O_APPEND, os.O_RDWR, ...). `create=False` opens only
    an existing file. Raises RefusedPath for a link, a folder or a special file.
    """
    path = Path(path)
    with OpenFolder.open(path.parent) as folder:
        return folder.open_file(path.name, flags | (os.O_CREAT if create else 0))


def make_private_folders(folder: Path) -> None:
    """Make `folder` and its missing parents, each 0700 whatever the umask.

    Existing folders are left as they are (the data folder itself is tightened by
    `posture.adapters.data_folder`). Raises RefusedPath when a file or a link to a file is in
    the way, and OSError when a folder cannot be made.
    """
    folder = Path(folder)
    missing: list[Path] = []
    probe = folder
    while not probe.is_dir():
        if probe.is_symlink():
            raise linked_folder(probe)
        if probe.exists():
            raise RefusedPath(probe, f"{probe} is a file, not a folder", errno.ENOTDIR)
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for made in reversed(missing):
        try:
            made.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue  # made meanwhile by another Posture; taken as it is
        with OpenFolder.open(made) as opened:
            opened.chmod(DIR_MODE)  # mkdir's mode passed through the umask


def tighten_folder(folder: Path) -> None:
    """Set an existing folder to 0700 through a descriptor, never through a link at its name."""
    with OpenFolder.open(Path(folder)) as opened:
        opened.chmod(DIR_MODE)
