"""Monitor.step's pace follows the evidence (posture/core/sampling.py), alerts stay on time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.config.schema import Config
from tests.support.scripted_monitor import (
    PERSON,
    SLOUCHED,
    T0,
    UPRIGHT,
    ScriptedCamera,
    ScriptedPose,
    drive,
    make_monitor,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore.open(tmp_path / "history.sqlite3") as opened:
        yield opened


M = Config().monitor
DWELL_S = Config().timing.dwell_s


@pytest.mark.parametrize("change_s", [100.0, 100.6, 101.3, 101.9, 102.4])
def test_steady_posture_is_looked_at_slowly_and_a_slouch_still_alerts_on_time(
    store: SqliteStore, change_s: float
) -> None:
    camera = ScriptedCamera(lambda t: PERSON)
    pose = ScriptedPose(lambda t: SLOUCHED if t >= change_s else UPRIGHT)
    monitor, notifier = make_monitor(store, camera, pose)
    delays = drive(monitor, notifier, 200)
    looks_s = [0.0]
    for delay in delays[:-1]:
        looks_s.append(looks_s[-1] + delay)
    steady = [d for t, d in zip(looks_s, delays, strict=True) if 20 <= t < change_s - 3]
    assert steady and all(d == M.steady_interval_s for d in steady)
    slouch = [sent_s for sent_s, _, message in notifier.sent if "slouch" in message]
    assert slouch, notifier.sent
    assert slouch[0] - change_s <= DWELL_S + 3.0
    assert slouch[0] - change_s >= DWELL_S  # a dwell is still a dwell


def test_looks_are_fewer_than_one_a_second_over_good_posture(store: SqliteStore) -> None:
    camera = ScriptedCamera(lambda t: PERSON)
    monitor, notifier = make_monitor(store, camera, ScriptedPose(lambda t: UPRIGHT))
    drive(monitor, notifier, 600)
    assert camera.looks <= 600 / M.steady_interval_s + M.steady_after_s + 2
    assert store.intervals_between(T0, T0 + 700)  # and the time is still accounted
