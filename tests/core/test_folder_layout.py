"""The data folder's names: pinned here once, since the README, the docs and users rely on them."""

from __future__ import annotations

from pathlib import Path

from posture.core.folder_layout import DataFolder

ROOT = Path("/data")


def test_the_names_are_the_documented_ones() -> None:
    # The literals are what is checked: every other test takes its paths from DataFolder.
    assert {key: str(path) for key, path in DataFolder(ROOT).names().items()} == {
        "history": "/data/history.sqlite3",
        "status": "/data/status.json",
        "pid": "/data/posture.pid",
        "log": "/data/posture.log",
        "old_log": "/data/posture.log.1",
        "first_run_mark": "/data/.first-run-done",
        "snapshot": "/data/setup-snapshot.png",
        "config": "/data/config.toml",
        "report_page": "/data/report.html",
        "report_json": "/data/report.json",
        "models": "/data/models",
        "demo": "/data/demo",
        "replays": "/data/replays",
        "demo_video": "/data/demo-day.avi",
        "demo_calibration": "/data/calibration",
    }


def test_the_demo_is_a_data_folder_of_its_own() -> None:
    demo = DataFolder(ROOT).demo
    assert demo.history == ROOT / "demo" / "history.sqlite3"
    assert demo.report_page.parent == demo.root == ROOT / "demo"


def test_replays_are_a_data_folder_of_their_own() -> None:
    replays = DataFolder(ROOT).replays
    assert replays.history == ROOT / "replays" / "history.sqlite3"
    assert replays.root != DataFolder(ROOT).demo.root
