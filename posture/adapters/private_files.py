"""Writing a file only its owner can read, in one step: a config or a snapshot of the user.

The bytes go to a temporary file in the same folder, created owner-only (0o600), flushed to
disk, then moved onto the target with `os.replace`. A reader sees the old file or the whole
new one, never half, and a target that others could read is replaced, not rewritten in place.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def write_owner_only(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Atomically replace `path` with `data`, owner-only; a missing folder is made (0o700).

    `sync=False` skips the flush to disk, for a file that is rewritten every few seconds and
    worthless after a power cut (the status file). Raises OSError when the folder cannot be
    made or written; nothing is left behind then.
    """
    path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
