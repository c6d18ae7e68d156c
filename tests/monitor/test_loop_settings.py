"""Changed settings reach a running loop between two looks: limits apply at once, what the
monitor was built with (camera, model, notifier) waits for the next start."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC
from pathlib import Path

import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.config.schema import Config
from posture.monitor.loop import apply_settings, run_replay
from posture.monitor.pausing import PauseCheck
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


class ScriptedSettings:
    """Hands out `new` once the replayed clock passes `at_s` (as a changed file would be)."""

    def __init__(self, clock: list[float], at_s: float, new: Config) -> None:
        self.clock, self.at_s, self.new, self.given = clock, at_s, new, False

    def changed(self) -> Config | None:
        if self.given or self.clock[0] < self.at_s:
            return None
        self.given = True
        return self.new


def test_a_shorter_sitting_limit_applies_without_a_restart(store: SqliteStore) -> None:
    camera = ScriptedCamera(lambda t: PERSON if t < 3 * 3600 else None)
    monitor, _ = make_monitor(store, camera, ScriptedPose(lambda t: UPRIGHT))
    monitor.config = replace(Config(), sitting=replace(Config().sitting, sit_limit_min=480.0))
    clock = [T0]
    shorter = replace(monitor.config, sitting=replace(monitor.config.sitting, sit_limit_min=5.0))
    settings = ScriptedSettings(clock, T0 + 10 * 60, shorter)

    def progress(elapsed_s: float) -> None:
        clock[0] = T0 + elapsed_s
        if elapsed_s >= 12 * 60:
            stop.set()

    stop = threading.Event()
    run_replay(monitor, T0, stop, on_progress=progress, settings=settings)
    assert settings.given and monitor.config.sitting.sit_limit_min == 5.0
    assert [n.kind for n in monitor.notifications] == ["sitting"]  # due since minute 5
    (alert,) = store.alerts_between(T0, T0 + 12 * 60)
    # At the first look after the change: a steady sitter is looked at every steady_interval_s.
    next_look_s = monitor.config.monitor.steady_interval_s
    assert alert.kind == "sitting" and 10 * 60 <= alert.t_s - T0 <= 10 * 60 + next_look_s


def test_restart_only_settings_wait_and_pause_apps_follow(store: SqliteStore) -> None:
    pause = PauseCheck(
        ["zoom"], lambda now: None, UTC, processes=lambda: {"obs"}, locked=lambda: False
    )
    camera = ScriptedCamera(lambda t: PERSON)
    monitor, _ = make_monitor(store, camera, ScriptedPose(lambda t: UPRIGHT), paused=pause)
    assert pause(T0) == ""
    new = Config()
    new = replace(
        new,
        monitor=replace(new.monitor, model="full", notifier="log", sample_interval_s=2.0),
        coaching=replace(new.coaching, pause_apps=("obs",)),
    )
    apply_settings(monitor, new)
    assert (monitor.config.monitor.model, monitor.config.monitor.notifier) == ("lite", "auto")
    assert monitor.config.monitor.sample_interval_s == 2.0
    assert pause(T0 + 1) == "paused while obs is running"
