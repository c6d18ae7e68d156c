"""Answering a posture notification: "Snooze 30 min" snoozes the monitor, "Done" is counted.

The notifier is the real chain under a real dunst (Xvfb, a private session bus); the button is
pressed through dunst's own menu of actions. The history is real SQLite, the day report the
real `report` command. The camera and pose are the scripted seams of tests/monitor/test_step.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from posture.adapters.notify import build_notifier
from posture.adapters.sqlite.store import SqliteStore
from posture.core.folder_layout import DataFolder
from posture.monitor.answers import SNOOZE_S
from posture.monitor.pausing import PauseCheck
from posture.monitor.step import Monitor
from tests.support.cli import run_cli
from tests.support.monitor_process import wait_for
from tests.support.notify_server import NotificationServer, notification_server
from tests.support.scripted_monitor import (
    PERSON,
    SLOUCHED,
    T0,
    ScriptedCamera,
    ScriptedPose,
    make_monitor,
)

pytestmark = pytest.mark.e2e  # Xvfb, a session bus and dunst


@pytest.fixture
def notify_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[NotificationServer]:
    """dunst on its own display and session bus, exported to this test's environment."""
    with notification_server(tmp_path / "desktop") as server:
        server.export(monkeypatch)
        yield server


def slouching_until_alerted(store: SqliteStore) -> tuple[Monitor, list[float]]:
    check = PauseCheck([], store.active_snooze, UTC, processes=set, locked=lambda: False)
    camera = ScriptedCamera(lambda t: PERSON)
    monitor, _ = make_monitor(store, camera, ScriptedPose(lambda t: SLOUCHED), paused=check)
    monitor.notifier = build_notifier("native")
    clock = [T0]
    while not monitor.notifications and clock[0] < T0 + 600:
        clock[0] += monitor.step(clock[0])
    assert monitor.notifications, "no posture alert in ten minutes of slouching"
    return monitor, clock


def step_until(monitor: Monitor, clock: list[float], done: object) -> bool:
    clock[0] += min(monitor.step(clock[0]), 1.0)
    return bool(done())  # type: ignore[operator]


def test_snooze_30_min_snoozes_the_monitor(
    notify_server: NotificationServer, tmp_path: Path
) -> None:
    with SqliteStore.open(tmp_path / "h.sqlite3") as store:
        monitor, clock = slouching_until_alerted(store)
        wait_for(lambda: notify_server.received_count() == 1, 30, "the alert on screen")
        notify_server.press("Snooze 30 min")
        wait_for(
            lambda: step_until(monitor, clock, lambda: monitor.status.activity == "snoozed"),
            30,
            "the monitor snoozed",
        )
        until = store.active_snooze(clock[0])
        assert until is not None and until - clock[0] == pytest.approx(SNOOZE_S, abs=5.0)
        assert monitor.status.snoozed_until_s == until
        monitor.close(clock[0])


def test_done_is_stored_and_counted_in_the_day_report(
    notify_server: NotificationServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    with SqliteStore.open(DataFolder(data).history) as store:
        monitor, clock = slouching_until_alerted(store)
        wait_for(lambda: notify_server.received_count() == 1, 30, "the alert on screen")
        notify_server.press("Done")
        wait_for(
            lambda: step_until(
                monitor, clock, lambda: store.alerts_between(T0, clock[0] + 1)[0].done_at_s
            ),
            30,
            "the exercise marked done",
        )
        monitor.close(clock[0])
    day = datetime.fromtimestamp(T0, UTC).date().isoformat()
    out_json, out_html = tmp_path / "day.json", tmp_path / "day.html"
    done = run_cli(
        "report", "--data-dir", str(data), "--date", day, "--timezone", "UTC",
        "--json", str(out_json), "--html", str(out_html),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(out_json.read_text())
    assert report["figures"]["exercises_done"] == 1
    assert [a["done_at"] is not None for a in report["alerts"]] == [True]
    assert '<span data-figure="exercises_done">1</span> exercises done' in out_html.read_text()
