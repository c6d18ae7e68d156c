"""Writing a file the user alone can read, all at once: a report is health data.

The text goes to a temporary file in the same folder, created owner-only (0o600), which then
replaces the target in one step (`os.replace`). A reader therefore sees either the old file or
the complete new one, never half of it, and an existing file readable by others is replaced by
a private one rather than rewritten in place.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PRIVATE_FILE_MODE = 0o600


def write_private(path: Path, text: str) -> None:
    """Atomically replace `path` with `text` (UTF-8, newlines as given), owner-only.

    Raises OSError when the folder is missing or not writable; nothing is left behind then.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if hasattr(os, "fchmod"):  # mkstemp already makes it 0o600 on POSIX; say so anyway
            os.fchmod(fd, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
