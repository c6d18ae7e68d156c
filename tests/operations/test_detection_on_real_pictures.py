"""Knowing what can be judged, and whom, with the real model on real pictures (../shared/data).

Side views cannot be judged and cannot be calibrated on; frontal pictures can. With several
people in view only the calibrated one is judged. A head turned towards a second screen, built
from a real sitter's landmarks, raises neither head tilt nor forward head.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from posture.adapters.mediapipe_pose import MediaPipePose
from posture.adapters.opencv_images import read_image_file
from posture.config.schema import Config
from posture.core.assess import judge
from posture.core.baseline import Baseline, frame_values, robust_baseline
from posture.core.calibration import CalibrationRefused, Sample, build_baseline
from posture.core.landmarks import LM, Pose
from posture.core.people import calibrated_person
from posture.operations.evaluate_labels import read_labels
from tests.support.cli import provisioned_model
from tests.support.poses import head_turned

pytestmark = pytest.mark.e2e  # the real model: the slow suite

CONFIG = Config()
T = CONFIG.thresholds
UPRIGHT = (
    "slouching-or-not/low-isSlouching__middle-notSlouching/notSlouching/sample-1543068389411-4.jpg"
)
# The seated man in the middle of three_people.jpg, and the man on the left (x0, y0, x1, y1).
MIDDLE = (180, 280, 720, 861)
LEFT = (0, 0, 560, 700)


@pytest.fixture(scope="module", params=["lite", "full"])
def estimator(request: pytest.FixtureRequest) -> Iterator[MediaPipePose]:
    est = MediaPipePose(provisioned_model(request.param), mode="image", num_poses=3)
    yield est
    est.close()


def _poses(estimator: MediaPipePose, path: Path) -> list[Pose]:
    return estimator.detect(read_image_file(path), 0.0)


def _rows(shared_data: Path, view: str) -> list[Path]:
    return [r.path for r in read_labels(shared_data / "labels.csv", None, 1) if r.view == view]


def test_every_side_view_photo_cannot_be_judged(
    shared_data: Path, estimator: MediaPipePose
) -> None:
    paths = _rows(shared_data, "side")
    assert len(paths) == 13
    for path in paths:
        verdict = judge(_poses(estimator, path)[0], _baseline_of(estimator, shared_data), T)
        assert verdict.view == "side_view", path
        assert verdict.cannot_judge is not None and verdict.findings == ()


def test_every_frontal_picture_can_be_judged(shared_data: Path, estimator: MediaPipePose) -> None:
    paths = _rows(shared_data, "front")
    assert len(paths) == 70
    for path in paths:
        for pose in _poses(estimator, path):
            assert judge(pose, _baseline_of(estimator, shared_data), T).judged, path


def test_calibrating_on_a_side_view_is_refused(shared_data: Path, estimator: MediaPipePose) -> None:
    straight = shared_data / "side-view" / "straight_hf.jpg"
    pose = _poses(estimator, straight)[0]
    samples = [Sample(1, frame_values(pose, T.min_visibility))] * 5
    with pytest.raises(
        CalibrationRefused, match="cannot judge from this view: the camera sees you"
    ):
        build_baseline(samples, pose.width_px, pose.height_px, T)


def test_a_face_without_shoulders_cannot_be_judged(
    shared_data: Path, estimator: MediaPipePose
) -> None:
    """The astronaut's face cut off at the chin: the model still guesses shoulders below it."""
    face = np.ascontiguousarray(
        read_image_file(shared_data / "portraits" / "astronaut.png")[:175, 130:330]
    )
    poses = estimator.detect(face, 0.0)
    assert poses
    assert judge(poses[0], _baseline_of(estimator, shared_data), T).view == "no_shoulders"


def _baseline_of(estimator: MediaPipePose, shared_data: Path) -> Baseline:
    pose = _poses(estimator, shared_data / UPRIGHT)[0]
    return robust_baseline([frame_values(pose, T.min_visibility)], pose.width_px, pose.height_px)


def _seen_alone(
    image: np.ndarray, box: tuple[int, int, int, int], estimator: MediaPipePose
) -> Pose:
    """One person as a camera would see them alone: the crop's pose, in the full frame's pixels."""
    x0, y0, x1, y1 = box
    poses = estimator.detect(np.ascontiguousarray(image[y0:y1, x0:x1]), 0.0)
    assert len(poses) >= 1
    moved = poses[0].image.copy()
    moved[:, 0] += x0
    moved[:, 1] += y0
    return Pose(moved, poses[0].world.copy(), image.shape[1], image.shape[0])


def test_only_the_calibrated_person_of_three_is_judged(
    shared_data: Path, estimator: MediaPipePose
) -> None:
    image = read_image_file(shared_data / "portraits" / "three_people.jpg")
    middle = _seen_alone(image, MIDDLE, estimator)
    baseline = build_baseline(
        [Sample(1, frame_values(middle, T.min_visibility))] * 3, image.shape[1], image.shape[0], T
    )
    everyone = estimator.detect(image, 0.0)
    assert len(everyone) == 3
    picked = calibrated_person(everyone, baseline, CONFIG.monitor, T.min_visibility)
    assert picked is not None
    # The seated man: his nose within a tenth of his shoulder width of where the crop saw it.
    width_px = float(np.linalg.norm(middle.xy(LM.LEFT_SHOULDER) - middle.xy(LM.RIGHT_SHOULDER)))
    assert np.linalg.norm(picked.xy(LM.NOSE) - middle.xy(LM.NOSE)) < 0.1 * width_px
    # The others get no verdict, so whatever their own posture, they raise nothing.
    assert judge(picked, baseline, T).findings == ()


def test_a_passer_by_alone_in_view_gets_no_verdict(
    shared_data: Path, estimator: MediaPipePose
) -> None:
    image = read_image_file(shared_data / "portraits" / "three_people.jpg")
    middle = _seen_alone(image, MIDDLE, estimator)
    baseline = robust_baseline(
        [frame_values(middle, T.min_visibility)], image.shape[1], image.shape[0]
    )
    left = _seen_alone(image, LEFT, estimator)
    assert calibrated_person([left], baseline, CONFIG.monitor, T.min_visibility) is None


@pytest.mark.parametrize("yaw_deg", [-40.0, -25.0, 25.0, 40.0])
def test_a_real_sitter_looking_at_a_second_screen_raises_no_head_issue(
    shared_data: Path, estimator: MediaPipePose, yaw_deg: float
) -> None:
    """The landmarks of a real upright frame, the head turned in the model's own world
    coordinates (tests/support/poses.head_turned): no head tilt, no forward head."""
    pose = _poses(estimator, shared_data / UPRIGHT)[0]
    baseline = robust_baseline(
        [frame_values(pose, T.min_visibility)] * 3, pose.width_px, pose.height_px
    )
    found = {f.name for f in judge(head_turned(pose, yaw_deg), baseline, T).findings}
    assert not found & {"head_tilt", "forward_head"}
