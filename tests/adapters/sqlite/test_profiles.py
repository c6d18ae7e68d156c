"""Named calibration profiles, of which exactly one at most is active."""

from __future__ import annotations

import json

from posture.adapters.sqlite.store import SqliteStore
from posture.core.records import ProfileRecord
from tests.support.history_db import T0, ScriptedClock


def test_profiles_keep_exactly_one_active(store: SqliteStore, clock: ScriptedClock) -> None:
    assert store.load_profile() is None
    store.save_profile("desk", json.dumps({"version": 1, "neck": 10.0}))
    clock.now_s = T0 + 100
    store.save_profile("laptop", '{"version": 1}')
    assert store.load_profile() == ("laptop", '{"version": 1}')
    assert store.load_profile("desk") == ("desk", '{"version": 1, "neck": 10.0}')
    clock.now_s = T0 + 200
    store.save_profile("desk", '{"version": 1, "neck": 12.0}', activate=False)
    assert store.load_profile()[0] == "laptop"  # type: ignore[index]
    assert store.list_profiles() == [
        ProfileRecord("desk", T0, T0 + 200, False, '{"version": 1, "neck": 12.0}'),
        ProfileRecord("laptop", T0 + 100, T0 + 100, True, '{"version": 1}'),
    ]
    store.save_profile("desk", '{"version": 1, "neck": 12.0}')
    assert [p.name for p in store.list_profiles() if p.active] == ["desk"]
    assert store.delete_profile("desk") is True
    assert store.delete_profile("desk") is False
    assert store.load_profile() is None  # the active one went; none is chosen silently
    assert store.load_profile("nowhere") is None


def test_switching_the_active_profile_keeps_its_baseline_and_time(
    store: SqliteStore, clock: ScriptedClock
) -> None:
    store.save_profile("desk", '{"version": 1, "neck": 10.0}')
    clock.now_s = T0 + 100
    store.save_profile("laptop", '{"version": 1}')
    clock.now_s = T0 + 200
    assert store.activate_profile("desk") is True
    assert store.load_profile() == ("desk", '{"version": 1, "neck": 10.0}')
    assert [(p.name, p.active, p.updated_s) for p in store.list_profiles()] == [
        ("desk", True, T0),
        ("laptop", False, T0 + 100),
    ]
    assert store.activate_profile("desk") is True  # already active: still one
    assert store.activate_profile("nope") is False
    assert [p.name for p in store.list_profiles() if p.active] == ["desk"]
