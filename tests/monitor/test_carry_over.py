"""A stop and start is no break: the sitting timer carries over a short restart.

Two monitors in a row on one real SQLite history, on a scripted clock (the camera and the pose
are the scripted seams of tests/monitor/test_step.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.config.schema import Config, Sitting
from posture.core import sitting
from tests.support.scripted_monitor import (
    PERSON,
    T0,
    UPRIGHT,
    ScriptedCamera,
    ScriptedPose,
    make_monitor,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore.open(tmp_path / "history.sqlite3") as opened:
        yield opened


def sit(store: SqliteStore, start_s: float, end_s: float, config: Config) -> float:
    """One run from `start_s` to a clean stop at `end_s`; the sitting time it showed last."""
    monitor, _ = make_monitor(
        store, ScriptedCamera(lambda t: PERSON), ScriptedPose(lambda t: UPRIGHT), config
    )
    now = T0 + start_s
    while now < T0 + end_s:
        now += min(monitor.step(now), T0 + end_s - now)
    monitor.step(now)
    shown = monitor.status.sitting_for_s
    monitor.close(now)
    return shown


@pytest.mark.parametrize(
    ("gap_s", "expected_s", "sessions"),
    [(1.0, 68.0 + 10.0, 1), (240.0, 67.0 + 240.0 + 10.0, 1), (301.0, 10.0, 2)],
)
def test_a_restart_shorter_than_a_break_continues_the_sitting_session(
    store: SqliteStore,
    gap_s: float,
    expected_s: float,
    sessions: int,
) -> None:
    config = Config()  # a break is 5 min
    first = sit(store, 0.0, 67.0, config)
    assert first == pytest.approx(67.0, abs=0.5)
    again = T0 + 67.0 + gap_s
    second = sit(store, 67.0 + gap_s, 67.0 + gap_s + 10.0, config)
    assert second == pytest.approx(expected_s, abs=1.0)
    stored = store.sittings_between(T0, again + 60)
    assert len(stored) == sessions
    assert stored[-1].end_s == pytest.approx(again + 10.0, abs=0.5)


def test_the_first_look_after_one_second_shows_68_seconds(store: SqliteStore) -> None:
    sit(store, 0.0, 67.0, Config())
    monitor, _ = make_monitor(
        store, ScriptedCamera(lambda t: PERSON), ScriptedPose(lambda t: UPRIGHT)
    )
    monitor.step(T0 + 68.0)
    assert monitor.status.sitting_for_s == pytest.approx(68.0, abs=0.01)
    monitor.close(T0 + 68.0)


def test_a_seat_left_empty_after_the_restart_ends_the_session_at_the_stop(
    store: SqliteStore,
) -> None:
    sit(store, 0.0, 67.0, Config())
    monitor, _ = make_monitor(store, ScriptedCamera(lambda t: PERSON), ScriptedPose(lambda t: None))
    now = T0 + 68.0
    while now < T0 + 67.0 + 6 * 60:
        now += monitor.step(now)
    monitor.close(now)
    assert monitor.status.sitting_for_s == 0.0
    (only,) = store.sittings_between(T0, now)
    assert (only.start_s, only.end_s) == pytest.approx((T0, T0 + 67.0), abs=0.5)


def test_sitting_alerts_already_given_are_not_repeated_after_a_restart() -> None:
    settings = Sitting(sit_limit_min=50, sit_repeat_min=15)
    state = sitting.resumed(0.0, 55 * 60.0, 55 * 60.0 + 5, settings)
    state, events = sitting.advance(state, 55 * 60.0 + 5, True, settings)
    assert not [e for e in events if isinstance(e, sitting.SittingAlertDue)]
    assert state.alerts == 1
    assert sitting.resumed(0.0, 60.0, 60.0 + 5 * 60.0, settings) == sitting.SittingState()
