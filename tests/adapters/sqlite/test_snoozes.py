"""Snoozes: which one covers a moment, and when it ends."""

from __future__ import annotations

from posture.adapters.sqlite.store import SqliteStore
from tests.support.history_db import T0


def test_snoozes(store: SqliteStore) -> None:
    assert store.active_snooze(T0) is None
    store.add_snooze(T0, T0 + 1800, "meeting")
    store.add_snooze(T0 + 600, T0 + 3600, "call")
    assert store.active_snooze(T0 + 10) == T0 + 1800
    assert store.active_snooze(T0 + 700) == T0 + 3600
    assert store.active_snooze(T0 + 3600) is None
    assert store.active_snooze(T0 - 1) is None
