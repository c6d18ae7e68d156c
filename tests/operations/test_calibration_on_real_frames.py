"""The one calibration sampling loop on real pictures and a real video, with the real model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest

from posture.adapters.mediapipe_pose import MediaPipePose
from posture.adapters.opencv_images import ImageFiles
from posture.adapters.opencv_sources import open_source
from posture.config.schema import Thresholds
from posture.core.calibration import CalibrationRefused
from posture.core.frame import Skipped
from posture.operations.calibration_sampling import SampleSeen, calibrate, sample_source
from tests.support.videos import empty_scene, frames_of, load, write_video

pytestmark = pytest.mark.e2e  # the real model: the slow suite

T = Thresholds()


@pytest.fixture(scope="module")
def pictures(lite_model: Path) -> Iterator[MediaPipePose]:
    estimator = MediaPipePose(lite_model, mode="image", num_poses=2)
    yield estimator
    estimator.close()


def test_real_pictures_give_a_baseline_and_a_preview_frame(
    shared_data: Path, pictures: MediaPipePose
) -> None:
    paths = frames_of(shared_data, "notSlouching")[:5]
    shown: list[SampleSeen] = []
    frames = sample_source(ImageFiles(paths, "upright"), pictures, T)
    captured = calibrate(frames, T, shown.append)
    assert [one.frame.origin for one in shown] == [str(p) for p in paths]
    assert all(len(one.poses) == 1 and one.sample.values is not None for one in shown)
    assert all(one.advice() == [] for one in shown)  # framing and light are fine
    assert captured.baseline.frames == 5 and captured.baseline.get("head_height_sw") is not None
    assert captured.best is not None and captured.best[1] is shown[0].poses[0]


def test_a_real_video_is_calibrated_from_its_first_seconds(
    shared_data: Path, tmp_path: Path, lite_model: Path
) -> None:
    video = tmp_path / "upright.avi"
    upright = load(frames_of(shared_data, "notSlouching")[:3])
    write_video(video, [(upright, 10.0)], fps=2.0)
    source = open_source(str(video))
    estimator = MediaPipePose(lite_model, mode="video", num_poses=2)
    shown: list[SampleSeen] = []
    try:
        captured = calibrate(sample_source(source, estimator, T, window_s=3.0), T, shown.append)
    finally:
        source.close()
        estimator.close()
    assert [one.elapsed_s for one in shown] == pytest.approx([0.5 * n for n in range(7)])
    assert [one.fraction for one in shown] == pytest.approx([n / 6 for n in range(7)])
    assert captured.baseline.frames == 7


def test_real_refusals_name_the_reason(
    shared_data: Path, tmp_path: Path, pictures: MediaPipePose
) -> None:
    scene = tmp_path / "empty.png"
    cv2.imwrite(str(scene), empty_scene(shared_data))
    crowd = shared_data / "portraits" / "three_people.jpg"
    broken = tmp_path / "cut.jpg"
    broken.write_bytes(crowd.read_bytes()[:2000])
    for paths, reason in [
        ([crowd], "more than one person was in view"),
        ([scene], "nobody was in view"),
        ([broken], "no frames could be read"),
    ]:
        skipped: list[Skipped] = []
        frames = sample_source(ImageFiles(paths, "x"), pictures, T, on_skipped=skipped.append)
        with pytest.raises(CalibrationRefused, match=reason):
            calibrate(frames, T)
        assert [s.origin for s in skipped] == ([str(broken)] if paths == [broken] else [])
