"""Judging the calibrated person only: the nearest to the calibrated place and size, or nobody."""

from __future__ import annotations

import pytest

from posture.config.schema import Monitor
from posture.core.baseline import POPULATION, frame_values, robust_baseline
from posture.core.landmarks import Pose
from posture.core.people import calibrated_person
from tests.support.poses import scaled, shifted, upright_pose

MONITOR = Monitor()
SW = 180.0  # the factory's shoulder width in px
USER = upright_pose(1280, 960)  # a person filling the middle of a large frame
BASE = robust_baseline([frame_values(USER, 0.5)], 1280, 960)


def smaller(pose: Pose, factor: float) -> Pose:
    """The same person further away: shrunk about the picture's centre, frame size unchanged."""
    image = pose.image.copy()
    centre = (pose.width_px / 2, pose.height_px / 2)
    image[:, 0] = centre[0] + (image[:, 0] - centre[0]) * factor
    image[:, 1] = centre[1] + (image[:, 1] - centre[1]) * factor
    return Pose(image, pose.world.copy(), pose.width_px, pose.height_px)


SLOUCHED = shifted(USER, 0.0, 0.12 * 2 * SW)  # sunk by about 0.12 shoulder widths
LEANING = shifted(USER, 0.4 * 2 * SW, 0.0)  # 0.4 shoulder widths to one side
BESIDE = shifted(USER, 1.5 * 2 * SW, 0.0)  # somebody in the next seat
BEHIND = smaller(shifted(USER, 0.5 * 2 * SW, -0.3 * 2 * SW), 0.5)  # a passer-by further back


@pytest.mark.parametrize(
    ("poses", "expected"),
    [
        ([USER], USER),
        ([SLOUCHED], SLOUCHED),  # a slouch moves the user a little: still the user
        ([LEANING], LEANING),
        ([BESIDE], None),  # alone in view but nowhere near: a passer-by, no verdict
        ([BEHIND], None),
        ([BESIDE, USER], USER),  # the larger or first one is not what decides
        ([BEHIND, LEANING, BESIDE], LEANING),
        ([], None),
    ],
)
def test_the_nearest_to_the_calibration_is_judged(poses: list[Pose], expected: Pose | None) -> None:
    assert calibrated_person(poses, BASE, MONITOR, 0.5) is expected


def test_the_nearest_of_two_near_ones_wins() -> None:
    assert calibrated_person([LEANING, SLOUCHED], BASE, MONITOR, 0.5) is SLOUCHED


def test_without_a_calibrated_place_the_first_person_is_the_user() -> None:
    assert calibrated_person([BESIDE, USER], POPULATION, MONITOR, 0.5) is BESIDE


def test_the_limits_are_the_setup_drift_limits() -> None:
    wider = Monitor(drift_shift_x_sw=2.0)
    assert calibrated_person([BESIDE], BASE, wider, 0.5) is BESIDE


def test_a_scaled_frame_is_compared_in_fractions_of_the_frame() -> None:
    small = scaled(upright_pose(), 1.0)
    base = robust_baseline([frame_values(small, 0.5)], small.width_px, small.height_px)
    assert calibrated_person([scaled(small, 2.0)], base, MONITOR, 0.5) is not None
