"""`status` beyond running or not: the activity word, snoozes, quiet hours, ISO times, and a
monitor that died without a clean stop. Real processes for the command, real SQLite."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.adapters.status_file import active_snooze
from posture.config.schema import Coaching, Config
from posture.core.activity import ACTIVITIES
from posture.core.folder_layout import DataFolder
from posture.monitor.pausing import PauseCheck
from posture.report.status_text import extra_lines, running_json
from tests.support.cli import run_cli
from tests.support.scripted_monitor import (
    PERSON,
    T0,
    UPRIGHT,
    ScriptedCamera,
    ScriptedPose,
    make_monitor,
)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def folder_with_status(tmp_path: Path, status: dict[str, object] | None) -> Path:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    if status is not None:
        DataFolder(data).status.write_text(json.dumps(status))
    return data


def test_a_monitor_that_died_is_told_apart_from_a_clean_stop(tmp_path: Path) -> None:
    pid = dead_pid()
    data = folder_with_status(tmp_path, {"state": "watching", "activity": "watching", "pid": pid})
    as_json = run_cli("status", "--json", "--data-dir", str(data))
    assert as_json.returncode == 3, as_json.stderr
    found = json.loads(as_json.stdout)
    assert found["running"] is False and found["activity"] == "stopped"
    assert found["clean_stop"] is False and found["last_pid"] == pid
    assert found["last_state"] == "watching"
    assert datetime.fromisoformat(found["last_seen_at"]).tzinfo is not None
    text = run_cli("status", "--data-dir", str(data))
    lines = text.stdout.splitlines()
    assert text.returncode == 3 and lines[0] == "Posture is not running."
    assert f"without a clean stop (pid {pid}" in lines[1] and str(DataFolder(data).log) in lines[1]


@pytest.mark.parametrize(
    ("status", "clean"), [({"state": "stopped", "pid": 1}, True), (None, None)]
)
def test_a_clean_stop_or_no_run_at_all(
    tmp_path: Path, status: dict[str, object] | None, clean: bool | None
) -> None:
    data = folder_with_status(tmp_path, status)
    found = json.loads(run_cli("status", "--json", "--data-dir", str(data)).stdout)
    assert found == {"running": False, "activity": "stopped", "clean_stop": clean}
    assert run_cli("status", "--data-dir", str(data)).stdout.strip() == "Posture is not running."


def test_a_snooze_in_the_history_is_shown_with_iso_times(tmp_path: Path) -> None:
    history = tmp_path / "history.sqlite3"
    until = datetime.now(UTC).timestamp() + 1800
    with SqliteStore.open(history) as store:
        store.add_snooze(until - 1800, until, "snooze 30m")
    snoozed = active_snooze(history)
    assert snoozed == pytest.approx(until)
    status = {"state": "watching", "activity": "watching", "updated_s": T0, "last_alert_s": None}
    data = running_json(status, 9, tmp_path / "posture.log", UTC, snoozed)
    assert data["activity"] == "snoozed" and data["state"] == "watching"
    assert data["snoozed_until"] == datetime.fromtimestamp(until, UTC).isoformat(timespec="seconds")
    assert data["updated_at"] == datetime.fromtimestamp(T0, UTC).isoformat(timespec="seconds")
    assert data["last_alert_at"] is None and data["running"] is True
    assert set(data["activities"]) == set(ACTIVITIES)
    clock = datetime.fromtimestamp(until, UTC).strftime("%H:%M")
    assert extra_lines(status, snoozed, UTC) == [
        f"  Snoozed:    until {clock} (`python run.py snooze off` ends it)"
    ]
    assert active_snooze(tmp_path / "none.sqlite3") is None


def test_the_monitor_reports_quiet_hours_and_a_snooze_as_activities(tmp_path: Path) -> None:
    here = datetime.fromtimestamp(T0, UTC)
    start, end = f"{here.hour:02d}:00", f"{(here.hour + 2) % 24:02d}:00"
    config = Config(coaching=Coaching(quiet_hours_start=start, quiet_hours_end=end))
    with SqliteStore.open(tmp_path / "h.sqlite3") as store:
        check = PauseCheck([], store.active_snooze, UTC, processes=set, locked=lambda: False)
        monitor, _ = make_monitor(
            store, ScriptedCamera(lambda t: PERSON), ScriptedPose(lambda t: UPRIGHT), config, check
        )
        monitor.step(T0)
        assert (monitor.status.activity, monitor.status.quiet_until) == ("quiet_hours", end)
        assert monitor.status.state == "watching"
        assert extra_lines(vars(monitor.status), None, UTC) == [
            f"  Quiet:      quiet hours, no notifications until {end}"
        ]
        store.add_snooze(T0, T0 + 600, "snooze 10m")
        monitor.step(T0 + 1)
        assert monitor.status.activity == "snoozed"
        assert monitor.status.snoozed_until_s == T0 + 600
        assert monitor.status.state.startswith("snoozed until")
        monitor.close(T0 + 2)
