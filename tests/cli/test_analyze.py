"""`python run.py analyze` as a real process, with the real model and real pictures."""

from __future__ import annotations

import csv
import json
import shutil
import stat
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.support.cli import run_cli

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite


def _records(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_every_shared_image_gives_valid_json_with_a_person(
    shared_data: Path, lite_model: Path
) -> None:
    images = sorted(
        p for p in shared_data.rglob("*") if p.suffix.lower() in {".jpg", ".jpeg", ".png"}
    )
    assert len(images) > 60
    result = run_cli("analyze", "--json", *map(str, images))
    assert result.returncode == 0, result.stderr
    records = _records(result.stdout)
    assert [r["path"] for r in records] == [str(p) for p in images]
    # Every picture in the shared data shows at least one person.
    missing = [r["path"] for r in records if not r["person"]]
    assert missing == []
    for record in records:
        assert set(record) >= {
            "path",
            "frame",
            "time_s",
            "person",
            "landmarks",
            "metrics",
            "issues",
        }
        assert record["frame"] == 0 and record["time_s"] == 0.0
        landmarks = record["landmarks"]
        assert isinstance(landmarks, list) and len(landmarks) == 33
        assert all(len(point) == 4 for point in landmarks)
        assert isinstance(record["metrics"], dict) and isinstance(record["issues"], list)


def test_labelled_images_are_all_found(shared_data: Path) -> None:
    with (shared_data / "labels.csv").open() as f:
        labelled = [shared_data / row["path"] for row in csv.DictReader(f)]
    assert labelled and all(p.is_file() for p in labelled)


def test_folder_with_bad_files_analyses_the_good_ones(
    shared_data: Path, tmp_path: Path, lite_model: Path
) -> None:
    shutil.copy(shared_data / "portraits" / "astronaut.png", tmp_path / "1_astronaut.png")
    shutil.copy(shared_data / "portraits" / "portrait.jpg", tmp_path / "2_portrait.jpg")
    data = (shared_data / "portraits" / "portrait.jpg").read_bytes()
    (tmp_path / "3_cut.jpg").write_bytes(data[: len(data) // 3])
    (tmp_path / "4_readme.txt").write_text("a note, not a picture\n")
    result = run_cli("analyze", "--json", str(tmp_path))
    assert result.returncode == 2
    records = _records(result.stdout)
    assert [Path(str(r["path"])).name for r in records] == ["1_astronaut.png", "2_portrait.jpg"]
    assert all(r["person"] for r in records)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, result.stderr
    assert "population defaults" in lines[0]
    assert "3_cut.jpg is a truncated JPEG" in lines[1]
    assert "4_readme.txt is not a picture" in lines[2]
    assert "Traceback" not in result.stderr


def test_video_gives_one_record_per_frame_on_its_own_clock(
    shared_data: Path, lite_model: Path
) -> None:
    result = run_cli("analyze", "--json", str(shared_data / "pose-reference" / "pose_squats.mp4"))
    assert result.returncode == 0, result.stderr
    records = _records(result.stdout)
    assert [r["frame"] for r in records] == list(range(65))
    assert records[10]["time_s"] == pytest.approx(2.0)
    assert all(r["person"] for r in records)


def test_table_output_and_annotated_frames(
    shared_data: Path, tmp_path: Path, lite_model: Path
) -> None:
    out = tmp_path / "seen"
    result = run_cli(
        "analyze", str(shared_data / "portraits" / "astronaut.png"), "--annotate", str(out)
    )
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.strip().splitlines()
    assert header.split()[:4] == ["file", "frame", "time_s", "people"]
    assert row.startswith("astronaut.png")
    picture = cv2.imread(str(out / "astronaut.png"))
    original = cv2.imread(str(shared_data / "portraits" / "astronaut.png"))
    assert picture.shape == original.shape
    assert (picture != original).any()  # the skeleton was drawn
    # A picture of a person is health data: the folder made 0700, the picture 0600.
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert stat.S_IMODE((out / "astronaut.png").stat().st_mode) == 0o600


def test_an_annotated_picture_over_a_link_is_refused_in_one_sentence(
    shared_data: Path, tmp_path: Path, lite_model: Path
) -> None:
    out = tmp_path / "seen"
    out.mkdir()
    victim = tmp_path / "victim.png"
    victim.write_bytes(b"keep")
    (out / "astronaut.png").symlink_to(victim)
    result = run_cli(
        "analyze", str(shared_data / "portraits" / "astronaut.png"), "--annotate", str(out)
    )
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"posture: Cannot save an annotated picture in {out}: ")
    assert "symbolic link" in last and "Traceback" not in result.stderr
    assert victim.read_bytes() == b"keep"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "/no/such/file.jpg"], "no such file or folder"),
        (["analyze", "9"], "camera 9 could not be opened"),
        (["--model", "huge", "analyze", "x.jpg"], "unknown model variant 'huge'"),
        (["analyze", "--model", "huge", "x.jpg"], "unknown model variant 'huge'"),
    ],
)
def test_user_mistakes_get_one_sentence_and_status_2(args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_video_that_will_not_open(tmp_path: Path) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100)
    result = run_cli("analyze", str(broken))
    assert result.returncode == 2
    assert "not a video or picture that can be opened" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_unreadable_image_is_explained(tmp_path: Path) -> None:
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    result = run_cli("analyze", str(bad))
    assert result.returncode == 2
    assert "photo.png is not a picture OpenCV can decode" in result.stderr


def test_native_log_lines_are_hidden_unless_verbose(shared_data: Path, lite_model: Path) -> None:
    image = str(shared_data / "portraits" / "portrait.jpg")
    quiet = run_cli("analyze", image)
    assert quiet.returncode == 0
    # Only our own one-line note about the missing calibration; no native log lines.
    assert quiet.stderr.splitlines() == [
        "posture: no calibration given, so posture is judged against population defaults "
        "(use --calibrate-with or --profile)"
    ]
    loud = run_cli("--verbose", "analyze", image)
    assert loud.returncode == 0
    assert loud.stderr != ""


def test_annotate_keeps_relative_paths_sorts_naturally_and_writes_the_verdict(
    shared_data: Path, tmp_path: Path, lite_model: Path
) -> None:
    """Two folders with a picture of the same name: both kept, shown by relative path."""
    frames = sorted((shared_data / "slouching-or-not").rglob("*.jpg"))[:3]
    for folder, picture in (("A", "portraits/astronaut.png"), ("B", "portraits/portrait.jpg")):
        (tmp_path / folder).mkdir()
        cv2.imwrite(str(tmp_path / folder / "img.png"), cv2.imread(str(shared_data / picture)))
    shutil.copy(frames[0], tmp_path / "A" / "img10.jpg")
    shutil.copy(frames[1], tmp_path / "A" / "img2.jpg")
    blank = np.zeros((240, 320, 3), np.uint8)  # nobody: only the verdict is drawn
    cv2.imwrite(str(tmp_path / "B" / "empty.png"), blank)
    out = tmp_path / "seen"
    result = run_cli("analyze", str(tmp_path / "A"), str(tmp_path / "B"), "--annotate", str(out))
    assert result.returncode == 0, result.stderr
    shown = [row.split()[0] for row in result.stdout.strip().splitlines()[1:]]
    assert shown == ["A/img.png", "A/img2.jpg", "A/img10.jpg", "B/empty.png", "B/img.png"]
    a, b = cv2.imread(str(out / "A" / "img.png")), cv2.imread(str(out / "B" / "img.png"))
    assert a.shape == (512, 512, 3) and b.shape[:2] == (1024, 820)  # neither overwrote the other
    assert stat.S_IMODE((out / "B").stat().st_mode) == 0o700
    assert stat.S_IMODE((out / "B" / "img.png").stat().st_mode) == 0o600
    written = cv2.imread(str(out / "B" / "empty.png"))
    white = np.argwhere((written == 255).all(axis=2))
    assert len(white) > 50  # the words "nobody in frame", in white
    assert white[:, 0].max() < 40 and white[:, 1].min() >= 8  # at the top left, nowhere else
