"""Writing a report file the user alone can read, all at once: a report is health data.

A thin text front for `posture.adapters.private_files`, which does the owner-only, one-step
replacement; unlike it, a missing folder is an error here, since the user named the file.
"""

from __future__ import annotations

from pathlib import Path

from posture.adapters.private_files import FILE_MODE as PRIVATE_FILE_MODE
from posture.adapters.private_files import write_owner_only

__all__ = ["PRIVATE_FILE_MODE", "write_private"]


def write_private(path: Path, text: str) -> None:
    """Atomically replace `path` with `text` (UTF-8, newlines as given), owner-only.

    Raises OSError when the folder is missing or not writable; nothing is left behind then.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(f"no such folder: {path.parent}")
    write_owner_only(path, text.encode("utf-8"))
