"""After the drift rule asks "Has your desk setup changed?", time is its own state: not judged.

A scripted sitter (the seams of tests/monitor/test_step.py) sits as calibrated for a minute,
then the whole body shows one shoulder width to the side (a moved camera) for ten minutes. The
history is a real SQLite file, and the day report is the real `report` command's JSON and HTML.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.core.activity import SETUP_CHANGED_STATE
from posture.core.folder_layout import DataFolder
from posture.core.landmarks import LM
from tests.support.cli import run_cli
from tests.support.poses import moved
from tests.support.scripted_monitor import (
    PERSON,
    T0,
    UPRIGHT,
    ScriptedCamera,
    ScriptedPose,
    make_monitor,
)

SHIFTED = UPRIGHT
for _lm in LM:
    SHIFTED = moved(SHIFTED, _lm, dx_px=-180)  # one shoulder width to the side
END_S = 11 * 60.0


@pytest.fixture
def sat(tmp_path: Path) -> tuple[Path, float, dict[str, object]]:
    """The data folder, the moment the drift was recorded, and the status during it."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    with SqliteStore.open(DataFolder(folder).history) as store:
        pose = ScriptedPose(lambda t: UPRIGHT if t < 60 else SHIFTED)
        monitor, notifier = make_monitor(store, ScriptedCamera(lambda t: PERSON), pose)
        now = T0
        while now < T0 + END_S:
            now += monitor.step(now)
        status = dict(vars(monitor.status))
        monitor.close(now)
        (drift_s,) = [c.t_s for c in store.state_changes_between(T0, now) if c.value == "drift"]
        assert [n for n in notifier.sent if "setup" in n[1].lower()], notifier.sent
    return folder, drift_s, status


def test_time_after_a_setup_change_is_not_judged(
    sat: tuple[Path, float, dict[str, object]],
) -> None:
    folder, drift_s, status = sat
    assert status["state"] == SETUP_CHANGED_STATE
    assert status["activity"] == "setup_changed"
    assert status["posture"] == "not judged"
    with SqliteStore.open(DataFolder(folder).history) as store:
        intervals = store.intervals_between(T0, T0 + END_S + 60)
    drifted = sum(i.drifted_s for i in intervals)
    monitored = sum(i.monitored_s for i in intervals)
    assert drifted == pytest.approx(T0 + END_S - drift_s, abs=5.0)
    # Judged time ends when the camera moves (the shifted sitter is not where the calibration
    # has the user, so not judged), at the latest at the drift verdict.
    assert 60 - 5 <= monitored <= drift_s - T0 + 5


def test_the_day_report_shows_the_setup_change_as_its_own_state(
    sat: tuple[Path, float, dict[str, object]], tmp_path: Path
) -> None:
    folder, drift_s, _ = sat
    day = datetime.fromtimestamp(T0, UTC).date().isoformat()
    out_json, out_html = tmp_path / "day.json", tmp_path / "day.html"
    done = run_cli(
        "report", "--data-dir", str(folder), "--date", day, "--timezone", "UTC",
        "--json", str(out_json), "--html", str(out_html),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(out_json.read_text())
    seconds = report["seconds"]
    assert seconds["setup_changed"] == pytest.approx(T0 + END_S - drift_s, abs=5.0)
    assert 60 - 5 <= seconds["monitored"] <= drift_s - T0 + 5
    assert report["figures"]["setup_changed_min"] == pytest.approx(
        seconds["setup_changed"] / 60, abs=0.1
    )
    last = report["timeline"][-1]
    assert last["presence"] == "setup_changed" and last["posture"] == "none"
    assert datetime.fromisoformat(last["start"]).timestamp() == pytest.approx(drift_s, abs=0.01)
    # The slouch/issue totals hold only the judged time before the drift.
    assert sum(i["minutes"] for i in report["issues"]) * 60 <= drift_s - T0 + 1
    page = out_html.read_text()
    assert "setup changed, not judged" in page
    start = datetime.fromtimestamp(drift_s, UTC).strftime("%H:%M")
    assert re.search(rf"{start}-\d\d:\d\d: setup changed, not judged", page), start
