"""Head pose in degrees: roll, yaw and pitch as tables over synthetic poses, and invariances."""

from __future__ import annotations

import pytest

from posture.core.head_pose import (
    HEAD_WIDTH_M,
    MAX_YAW_DEG,
    NOSE_DEPTH_M,
    head_pitch_deg,
    head_roll_signed_deg,
    head_yaw_deg,
)
from posture.core.landmarks import LM, Pose
from tests.support.poses import (
    head_rolled,
    head_turned,
    mirrored,
    moved,
    rotated,
    scaled,
    shifted,
    upright_pose,
    with_visibility,
)

NEUTRAL = upright_pose()
# The factory's face: nose 0.10 m ahead of the ears, ears 0.15 m apart. The head model assumes
# NOSE_DEPTH_M / HEAD_WIDTH_M instead, so a true yaw reads as atan(tan(yaw) * factory / model).
FACTORY_DEPTH_OVER_WIDTH = 0.10 / 0.15
MODEL_DEPTH_OVER_WIDTH = NOSE_DEPTH_M / HEAD_WIDTH_M


def _read_yaw(true_deg: float) -> float:
    import math

    ratio = FACTORY_DEPTH_OVER_WIDTH / MODEL_DEPTH_OVER_WIDTH
    return math.degrees(math.atan(math.tan(math.radians(true_deg)) * ratio))


def _known(value: float | None) -> float:
    assert value is not None
    return value


@pytest.mark.parametrize("deg", [-25.0, -8.0, 0.0, 5.0, 20.0])
def test_roll_is_the_head_tilt_in_degrees(deg: float) -> None:
    # Anticlockwise on screen lifts the image's right end: positive.
    assert _known(head_roll_signed_deg(head_rolled(NEUTRAL, deg))) == pytest.approx(deg, abs=0.01)


@pytest.mark.parametrize("deg", [-40.0, -20.0, 0.0, 15.0, 30.0, 45.0])
def test_yaw_follows_a_turn_of_the_head(deg: float) -> None:
    assert _known(head_yaw_deg(head_turned(NEUTRAL, deg))) == pytest.approx(_read_yaw(deg), abs=0.5)


@pytest.mark.parametrize("deg", [-40.0, 30.0])
def test_turning_the_head_changes_neither_roll_nor_pitch(deg: float) -> None:
    turned = head_turned(NEUTRAL, deg)
    assert _known(head_roll_signed_deg(turned)) == pytest.approx(0.0, abs=0.5)
    assert _known(head_pitch_deg(turned)) == pytest.approx(_known(head_pitch_deg(NEUTRAL)), abs=1.5)


@pytest.mark.parametrize(("dy_px", "direction"), [(20.0, -1), (-12.0, 1)])
def test_pitch_falls_as_the_nose_drops_and_rises_with_the_chin(
    dy_px: float, direction: int
) -> None:
    change = _known(head_pitch_deg(moved(NEUTRAL, LM.NOSE, dy_px=dy_px))) - _known(
        head_pitch_deg(NEUTRAL)
    )
    assert change * direction > 5.0


def test_a_profile_has_no_yaw_or_pitch() -> None:
    profile = head_turned(NEUTRAL, 85.0)
    assert head_yaw_deg(profile) is None and head_pitch_deg(profile) is None
    assert MAX_YAW_DEG < 85.0


def test_without_the_ears_roll_comes_from_the_eyes_and_yaw_is_unknown() -> None:
    no_ears = with_visibility(with_visibility(NEUTRAL, LM.LEFT_EAR, 0.1), LM.RIGHT_EAR, 0.1)
    assert head_yaw_deg(no_ears) is None and head_pitch_deg(no_ears) is None
    assert head_roll_signed_deg(no_ears) == pytest.approx(0.0, abs=0.01)


def test_one_jittery_pair_moves_the_fitted_roll_little() -> None:
    """An outer eye corner 3 px off tilts that pair by about 3 degrees; the fit over every pair,
    weighted by length, moves by well under half of that."""
    jittered = moved(NEUTRAL, LM.LEFT_EYE_OUTER, dy_px=3.0)
    assert abs(_known(head_roll_signed_deg(jittered))) < 1.5


TRANSFORMS = [
    ("scaled", lambda p: scaled(p, 1.5)),
    ("shifted", lambda p: shifted(p, 40.0, -30.0)),
    ("rolled camera", lambda p: rotated(p, 12.0)),
]


@pytest.mark.parametrize(("name", "transform"), TRANSFORMS)
def test_yaw_and_pitch_survive_scaling_shifting_and_camera_roll(name: str, transform) -> None:  # type: ignore[no-untyped-def]
    pose: Pose = head_turned(moved(NEUTRAL, LM.NOSE, dy_px=8.0), 25.0)
    changed = transform(pose)
    assert _known(head_yaw_deg(changed)) == pytest.approx(_known(head_yaw_deg(pose)), abs=0.01)
    assert _known(head_pitch_deg(changed)) == pytest.approx(_known(head_pitch_deg(pose)), abs=0.01)


def test_camera_roll_adds_exactly_to_the_head_roll() -> None:
    pose = head_rolled(NEUTRAL, 6.0)
    assert _known(head_roll_signed_deg(rotated(pose, 12.0))) == pytest.approx(18.0, abs=0.01)


def test_a_mirror_flips_roll_and_yaw_and_keeps_pitch() -> None:
    pose = head_turned(head_rolled(NEUTRAL, 7.0), 20.0)
    flipped = mirrored(pose, swap_labels=True)
    assert _known(head_roll_signed_deg(flipped)) == pytest.approx(
        -_known(head_roll_signed_deg(pose))
    )
    assert _known(head_yaw_deg(flipped)) == pytest.approx(-_known(head_yaw_deg(pose)))
    assert _known(head_pitch_deg(flipped)) == pytest.approx(_known(head_pitch_deg(pose)))
