"""Side views cannot be judged, end to end: `analyze`, `calibrate` and `setup` as real processes.

Every side-view photo in ../shared/data gives "cannot judge from this view" with its reason and
no issue; calibrating on one is refused with one sentence and exit status 2, storing nothing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.core.folder_layout import DataFolder
from tests.support.cli import run_cli
from tests.support.videos import frames_of

pytestmark = pytest.mark.e2e  # real processes and the real model: the slow suite


def _side_views(shared_data: Path) -> list[Path]:
    return sorted((shared_data / "side-view").glob("*.jpg"))


def test_analyze_says_a_side_view_cannot_be_judged(shared_data: Path, tmp_path: Path) -> None:
    upright = frames_of(shared_data, "notSlouching")[:3]
    paths = _side_views(shared_data)
    assert len(paths) == 13
    args = ["--data-dir", str(tmp_path / "data"), "--calibrate-with", *map(str, upright)]
    result = run_cli("analyze", *map(str, paths), "--json", *args)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(paths)
    for record in records:
        assert record["judged"] is False, record["path"]
        assert record["not_judged"] == "side_view", record["path"]
        assert record["issues"] == [], record["path"]
    table = run_cli("analyze", str(paths[0]), *args)
    assert table.returncode == 0, table.stderr
    assert "cannot judge from this view: the camera sees you from the side" in table.stdout


def _no_profile(data: Path) -> None:
    history = DataFolder(data).history
    if history.exists():
        with SqliteStore.open(history) as store:
            assert store.load_profile(None) is None


@pytest.mark.parametrize("photo", ["straight_hf.jpg", "recline_flip.jpg"])
def test_calibrate_refuses_a_side_view(shared_data: Path, tmp_path: Path, photo: str) -> None:
    data = tmp_path / "data"
    source = str(shared_data / "side-view" / photo)
    result = run_cli("calibrate", "--source", source, "--data-dir", str(data))
    assert result.returncode == 2, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("posture:")]
    assert len(errors) == 1 and "cannot judge from this view" in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    _no_profile(data)


def test_setup_refuses_calibrating_on_a_side_view(shared_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "side"
    folder.mkdir()
    shutil.copy(shared_data / "side-view" / "straight_hf.jpg", folder)
    env = {
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        "POSTURE_DATA_DIR": str(tmp_path / "data"),
        "POSTURE_CONFIG": str(tmp_path / "config.toml"),
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=" + str(tmp_path / "no-bus"),
    }
    result = run_cli("setup", "--yes", "--source", str(folder), env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    said = [line for line in result.stdout.splitlines() if "Calibration did not work" in line]
    assert len(said) == 1 and "cannot judge from this view" in said[0], result.stdout
    assert "Traceback" not in result.stderr
    _no_profile(tmp_path / "data")
