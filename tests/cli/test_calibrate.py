"""`calibrate` and `analyze --calibrate-with` as real processes with the real model."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import cv2
import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.core.baseline import Baseline
from posture.core.folder_layout import DataFolder
from tests.support.cli import run_cli
from tests.support.videos import empty_scene, frames_of

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite


def _folder(tmp_path: Path, name: str, paths: list[Path]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for path in paths:
        shutil.copy(path, folder)
    return folder


def test_calibrate_stores_a_named_profile_and_its_preview(
    shared_data: Path, tmp_path: Path, lite_model: Path
) -> None:
    upright = _folder(tmp_path, "upright", frames_of(shared_data, "notSlouching")[:5])
    data = tmp_path / "data"
    preview = tmp_path / "preview.png"
    result = run_cli(
        "calibrate",
        "--source",
        str(upright),
        "--profile",
        "laptop",
        "--preview",
        str(preview),
        "--data-dir",
        str(data),
    )
    assert result.returncode == 0, result.stderr
    assert "profile 'laptop' is now active" in result.stdout
    assert "Calibrating" in result.stderr  # progress is shown while sampling
    with SqliteStore.open(DataFolder(data).history) as store:
        found = store.load_profile("laptop")
    assert found is not None
    baseline = Baseline.from_json(found[1])
    assert baseline.frames == 5 and baseline.get("head_height_sw") is not None
    assert set(baseline.spread) >= {"head_height_sw", "ear_y"}
    assert cv2.imread(str(preview)) is not None
    assert stat.S_IMODE(preview.stat().st_mode) == 0o600  # a picture of the user


def test_calibrate_refuses_two_people_with_the_reason(
    shared_data: Path, tmp_path: Path, lite_model: Path
) -> None:
    result = run_cli(
        "calibrate",
        "--source",
        str(shared_data / "portraits" / "three_people.jpg"),
        "--data-dir",
        str(tmp_path / "data"),
    )
    assert result.returncode == 2
    assert "more than one person was in view" in result.stderr
    assert "Traceback" not in result.stderr


def test_calibrate_refuses_an_empty_scene_with_the_reason(
    shared_data: Path, tmp_path: Path, lite_model: Path
) -> None:
    scene = tmp_path / "empty.png"
    cv2.imwrite(str(scene), empty_scene(shared_data))
    result = run_cli("calibrate", "--source", str(scene), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 2
    assert "nobody was in view" in result.stderr


def test_analyze_judges_against_frames_given_with_calibrate_with(
    shared_data: Path, tmp_path: Path, lite_model: Path
) -> None:
    upright = _folder(tmp_path, "upright", frames_of(shared_data, "notSlouching")[:5])
    slouched = frames_of(shared_data, "isSlouching")[:3]
    result = run_cli("analyze", "--json", *map(str, slouched), "--calibrate-with", str(upright))
    assert result.returncode == 0, result.stderr
    assert "population defaults" not in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    for record in records:
        names = [issue["name"] for issue in record["issues"]]
        assert "slouch" in names
        issue = next(i for i in record["issues"] if i["name"] == "slouch")
        assert issue["severity"] in {"mild", "moderate", "severe"} and issue["ratio"] >= 1


def test_analyze_with_a_profile(shared_data: Path, tmp_path: Path, lite_model: Path) -> None:
    upright = _folder(tmp_path, "upright", frames_of(shared_data, "notSlouching")[:5])
    data = tmp_path / "data"
    assert (
        run_cli(
            "calibrate", "--source", str(upright), "--profile", "desk", "--data-dir", str(data)
        ).returncode
        == 0
    )
    good = frames_of(shared_data, "notSlouching")[6]
    result = run_cli("analyze", "--json", str(good), "--profile", "desk", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["issues"] == []
    missing = run_cli("analyze", str(good), "--profile", "nope", "--data-dir", str(data))
    assert missing.returncode == 2 and "no calibration profile named 'nope'" in missing.stderr
