"""The posture history in one SQLite file: `SqliteStore`, which implements `posture.ports.Store`.

The store is assembled from one part per port: `writes` (what the monitor records), `reads`
(what the report reads back), `profiles` and `snoozes`, all on the connection of `connection`,
which opens, migrates and guards the file and turns SQLite's failures into `StorageError`s.
"""

from __future__ import annotations

from posture.adapters.sqlite.connection import DEFAULT_BUSY_TIMEOUT_S
from posture.adapters.sqlite.profiles import SqliteProfiles
from posture.adapters.sqlite.reads import SqliteHistoryReader
from posture.adapters.sqlite.snoozes import SqliteSnoozes
from posture.adapters.sqlite.writes import SqliteHistoryWriter

__all__ = ["DEFAULT_BUSY_TIMEOUT_S", "SqliteStore"]


class SqliteStore(SqliteHistoryWriter, SqliteHistoryReader, SqliteProfiles, SqliteSnoozes):
    """The history in one SQLite file. Use it from the thread that opened it.

    Open it with `SqliteStore.open(path)`; it is a context manager that closes the file.
    """
