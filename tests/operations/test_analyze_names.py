"""Where `analyze` shows and saves each frame: relative paths, natural order, no collisions."""

from __future__ import annotations

from pathlib import Path

from posture.adapters.opencv_images import list_image_files
from posture.operations.analyze import (
    FrameRecord,
    annotated_name,
    common_root,
    format_row,
    verdict,
)


def _record(path: Path, frame: int = 0, issues: list[str] | None = None) -> FrameRecord:
    found = [{"name": name} for name in issues or []]
    return FrameRecord(str(path), frame, 0.0, 1, None, issues=found)


def test_a_folder_lists_img2_before_img10(tmp_path: Path) -> None:
    for name in ("img10.png", "img2.png", "IMG1.png", "img.png", "a10b2.png", "a10b10.png"):
        (tmp_path / name).write_bytes(b"")
    names = [p.name for p in list_image_files(tmp_path)]
    assert names == ["a10b2.png", "a10b10.png", "img.png", "IMG1.png", "img2.png", "img10.png"]


def test_same_names_in_two_folders_stay_apart(tmp_path: Path) -> None:
    for folder in ("A", "B"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "img.jpg").write_bytes(b"")
    root = common_root([str(tmp_path / "A"), str(tmp_path / "B")])
    assert root == tmp_path
    names = {annotated_name(_record(tmp_path / f / "img.jpg"), root) for f in ("A", "B")}
    assert names == {Path("A/img.png"), Path("B/img.png")}
    row = format_row(_record(tmp_path / "B" / "img.jpg"), root)
    assert row.startswith("B/img.jpg ")


def test_one_folder_or_one_file_keeps_the_old_names(tmp_path: Path) -> None:
    (tmp_path / "A").mkdir()
    picture = tmp_path / "A" / "astronaut.png"
    picture.write_bytes(b"")
    for spec in (tmp_path / "A", picture):
        root = common_root([str(spec)])
        assert annotated_name(_record(picture), root) == Path("astronaut.png")
    video = tmp_path / "A" / "clip.mp4"
    assert annotated_name(_record(video, frame=12), common_root([str(video)])) == Path(
        "clip_000012.png"
    )


def test_a_long_relative_path_keeps_its_file_name_in_the_table(tmp_path: Path) -> None:
    deep = tmp_path / ("a-very-long-folder-name-" * 3) / "frame_0042.png"
    row = format_row(_record(deep), tmp_path)
    assert row.split()[0].endswith("frame_0042.png") and row.split()[0].startswith("…")


def test_the_verdict_names_the_issues_or_says_all_is_well(tmp_path: Path) -> None:
    assert verdict(_record(tmp_path / "x.png", issues=["slouch", "head_tilt"])) == (
        "slouch, head_tilt"
    )
    assert verdict(_record(tmp_path / "x.png")) == "good posture"
    assert verdict(FrameRecord("x.png", 0, 0.0, 0, None)) == "nobody in frame"
