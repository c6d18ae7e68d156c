"""The real pose model against published reference landmarks (../shared/data/pose-reference)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from posture.adapters.mediapipe_pose import MediaPipePose
from posture.adapters.opencv_images import read_image_file
from posture.adapters.opencv_sources import open_source
from posture.core.frame import Frame
from tests.support.cli import provisioned_model

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite


@pytest.fixture(scope="module")
def full_image_model(full_model: Path) -> Iterator[MediaPipePose]:
    estimator = MediaPipePose(full_model, mode="image", num_poses=2)
    yield estimator
    estimator.close()


def test_pose_jpg_within_reference_tolerance(
    shared_data: Path, full_image_model: MediaPipePose
) -> None:
    ref_dir = shared_data / "pose-reference"
    expected = json.loads((ref_dir / "pose.expected_mediapipe_landmarks.json").read_text())
    image = read_image_file(ref_dir / "pose.jpg")
    poses = full_image_model.detect(image, 0.0)
    assert len(poses) == 1
    want = np.array([[p["x"], p["y"]] for p in expected["landmarks"]], dtype=float)
    errors_px = np.hypot(*(poses[0].image[:, :2] - want).T)
    assert errors_px.max() <= expected["tolerance_px"], errors_px.round(1)


# On this MediaPipe release the lite model places the crossed lower legs of the seated woman
# differently from the published iOS output (up to 0.11), while its 25 upper-body points agree
# within 0.007. A desk assistant uses only the upper body, so for lite the legs are not judged.
UPPER_BODY = slice(0, 25)


@pytest.mark.parametrize(("variant", "judged"), [("lite", UPPER_BODY), ("full", slice(0, 33))])
def test_seated_image_matches_tasks_api_output(
    shared_data: Path, variant: str, judged: slice
) -> None:
    ref_dir = shared_data / "pose-reference"
    expected = json.loads((ref_dir / "seated_test_image.expected_landmarks.json").read_text())
    want = np.array(
        [[p["x"], p["y"]] for p in expected["models"][f"pose_landmarker_{variant}"]], dtype=float
    )
    image = read_image_file(ref_dir / "seated_test_image.jpg")
    estimator = MediaPipePose(provisioned_model(variant), mode="image")
    try:
        pose = estimator.detect(image, 0.0)[0]
    finally:
        estimator.close()
    height, width = image.shape[:2]
    got = pose.image[:, :2] / [width, height]
    assert np.abs(got - want)[judged].max() <= 0.02


def test_squats_video_matches_blazepose_full_frame_by_frame(
    shared_data: Path, full_model: Path
) -> None:
    """Frame-by-frame agreement with the published BlazePose-full landmarks.

    The reference comes from another runtime (TensorFlow.js) of the same network, so points
    differ by a few pixels. Tolerance: each frame's median error over the 33 points stays within
    the 15 px that MediaPipe's own pose test allows, and 95 % of all points stay within 2 % of
    the 1280 px frame height (25.6 px); a few occluded points (a hand behind the body) may be
    further off, which the median and the percentile absorb. Measured: median per-frame error
    about 6 px, 95th percentile about 15 px.
    """
    ref_dir = shared_data / "pose-reference"
    expected = np.array(json.loads((ref_dir / "pose_squats.full.json").read_text()))
    source = open_source(str(ref_dir / "pose_squats.mp4"))
    estimator = MediaPipePose(full_model, mode="video")
    per_point: list[np.ndarray] = []
    times: list[float] = []
    try:
        while (item := source.read()) is not None:
            assert isinstance(item, Frame)
            times.append(item.time_s)
            poses = estimator.detect(item.image, item.time_s)
            assert poses, f"no person found in frame {item.index}"
            errors = np.hypot(*(poses[0].image[:, :2] - expected[item.index][:, :2]).T)
            assert np.median(errors) <= 15.0, (item.index, errors.round(1))
            per_point.append(errors)
    finally:
        source.close()
        estimator.close()
    assert len(per_point) == len(expected) == 65
    assert np.percentile(np.concatenate(per_point), 95) <= 0.02 * 1280
    # The video's own clock: 5 fps, so frame n is at n / 5 seconds.
    assert times == pytest.approx([n / 5.0 for n in range(65)], abs=1e-3)
