"""Storage that turns read-only under a running Posture, for the storage-fault tests.

The tests may run as root, whom permissions do not stop, and a read-only remount is refused
while any file on the mount is open for writing (the kernel answers EBUSY, and the history
database always is). What stops root too, at once and for files already open, is the
immutable attribute (`chattr +i`, FS_IMMUTABLE_FL): no new file in the folder, no write to an
existing file, and a store into a shared memory map of one faults with SIGBUS, exactly as on a
disk remounted read-only after an error. Without root (`chattr +i` needs CAP_LINUX_IMMUTABLE)
`chmod a-w` does the same for the tests' purposes. `writable()` undoes it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path


def _files(folder: Path) -> list[Path]:
    # posture.log stays writable, so that the test can read what the monitor says about it.
    return [folder, *(p for p in sorted(folder.iterdir()) if p.name != "posture.log")]


def make_read_only(folder: Path) -> list[Path]:
    """Make `folder` and every file in it but the log unwritable; the paths changed."""
    paths = _files(folder)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", *map(str, paths)], check=True, capture_output=True)
    else:
        for path in paths:
            path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
    return paths


def make_writable(paths: list[Path]) -> None:
    """Undo `make_read_only` for `paths`."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=True, capture_output=True)
    else:
        for path in paths:
            path.chmod(stat.S_IMODE(path.stat().st_mode) | 0o200)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[list[Path]]:
    """`folder` read-only for the block, writable again after it whatever happens."""
    paths = make_read_only(folder)
    try:
        yield paths
    finally:
        make_writable(paths)
