"""A history written before time was filed as "setup changed" still reads, and is upgraded."""

from __future__ import annotations

from pathlib import Path

import pytest

from posture.adapters.sqlite.file import APPLICATION_ID
from posture.adapters.sqlite.migrations import MIGRATIONS
from posture.adapters.sqlite.store import SqliteStore
from tests.support.history_db import T0, raw


def test_a_history_from_before_setup_changed_time_reads_and_takes_new_records(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    old = raw(path)
    MIGRATIONS[0](old)  # the schema as it was: the first migration only
    old.execute("PRAGMA user_version = 1")
    old.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
    old.execute(
        "INSERT INTO intervals (start_s, end_s, monitored_s, good_s, away_s, score)"
        " VALUES (?, ?, 50, 40, 10, 80)",
        (T0, T0 + 60),
    )
    old.close()
    with SqliteStore.open(path) as store:
        (before,) = store.intervals_between(T0, T0 + 60)
        assert (before.monitored_s, before.good_s, before.drifted_s) == (50, 40, 0.0)
        store.add_interval(start_s=T0 + 60, end_s=T0 + 120, monitored_s=20, good_s=20, drifted_s=40)
        after = store.intervals_between(T0 + 60, T0 + 120)
    assert [i.drifted_s for i in after] == [40.0]
    version = raw(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == len(MIGRATIONS) >= 2


def test_negative_setup_changed_time_is_refused(tmp_path: Path) -> None:
    with SqliteStore.open(tmp_path / "h.sqlite3") as store, pytest.raises(ValueError):
        store.add_interval(start_s=T0, end_s=T0 + 60, monitored_s=0, good_s=0, drifted_s=-1)
