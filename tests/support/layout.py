"""What a data folder holds, checked against `DataFolder`: nothing the layout does not name."""

from __future__ import annotations

from pathlib import Path

from posture.core.folder_layout import DataFolder

# SQLite's own files beside the database, named by SQLite rather than by Posture.
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")


def unnamed_entries(root: Path) -> list[str]:
    """The entries directly in `root` that `DataFolder(root)` does not name (empty is good)."""
    named = {path.name for path in DataFolder(root).names().values()}
    history = DataFolder(root).history.name
    named |= {history + suffix for suffix in SQLITE_SIDECARS}
    return sorted(entry.name for entry in root.iterdir() if entry.name not in named)
