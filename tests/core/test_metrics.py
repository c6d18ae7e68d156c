"""posture.core.metrics: hand-computed cases, invariances, visibility and degenerate poses.

Reference numbers come from the canonical upright pose in `tests/support/poses.py` (640 x 480, image
diagonal 800 px, shoulders 180 px apart at y=300, ear midpoint at (320, 195), nose at (320, 200),
hips at y=470; world shoulders 0.22 m below the ears and 0.50 m above the hips).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from posture.core import metrics
from posture.core.landmarks import LANDMARK_COUNT, LM, Pose
from tests.support.poses import (
    mirrored,
    moved,
    moved_world,
    perturbed,
    rotated,
    scaled,
    shifted,
    upright_pose,
    with_visibility,
)

ALL_NAMES = (
    "head_height_sw",
    "nose_height_sw",
    "ear_height_sw",
    "head_pitch_sw",
    "forward_head_m",
    "neck_flexion_deg",
    "face_shoulder_ratio",
    "shoulder_tilt_deg",
    "head_roll_deg",
    "trunk_lean_deg",
    "trunk_pitch_deg",
    "shoulder_width_frac",
    "face_width_frac",
)

# Metrics measured in the image plane only: these are also unchanged by rolling the camera, except
# the angles against the image axes.
ROLL_INVARIANT = (
    "head_height_sw",
    "nose_height_sw",
    "ear_height_sw",
    "head_pitch_sw",
    "face_shoulder_ratio",
    "shoulder_width_frac",
    "face_width_frac",
)
ANGLES_TO_IMAGE_AXES = ("shoulder_tilt_deg", "head_roll_deg", "trunk_lean_deg")

UPRIGHT = upright_pose()


def _tilt_pair(
    centre: tuple[float, float], half_px: float, deg: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Two points `2 * half_px` apart through `centre`, the left one raised by `deg`."""
    dx, dy = half_px * math.cos(math.radians(deg)), half_px * math.sin(math.radians(deg))
    return (centre[0] + dx, centre[1] - dy), (centre[0] - dx, centre[1] + dy)


def _shoulders_tilted(deg: float) -> Pose:
    left, right = _tilt_pair((320.0, 300.0), 90.0, deg)
    return upright_pose(left_shoulder=left, right_shoulder=right)


def _eyes_tilted(deg: float) -> Pose:
    left, right = _tilt_pair((320.0, 185.0), 28.0, deg)
    return upright_pose(left_eye_outer=left, right_eye_outer=right)


def _ears_tilted(deg: float) -> Pose:
    left, right = _tilt_pair((320.0, 195.0), 45.0, deg)
    return upright_pose(left_ear=left, right_ear=right)


def _both_ears_world(pose: Pose, dy_m: float = 0.0, dz_m: float = 0.0) -> Pose:
    pose = moved_world(pose, LM.LEFT_EAR, dy_m=dy_m, dz_m=dz_m)
    return moved_world(pose, LM.RIGHT_EAR, dy_m=dy_m, dz_m=dz_m)


def _both_shoulders_world(pose: Pose, dz_m: float) -> Pose:
    pose = moved_world(pose, LM.LEFT_SHOULDER, dz_m=dz_m)
    return moved_world(pose, LM.RIGHT_SHOULDER, dz_m=dz_m)


def _both_shoulders_px(pose: Pose, dx_px: float) -> Pose:
    return moved(moved(pose, LM.LEFT_SHOULDER, dx_px=dx_px), LM.RIGHT_SHOULDER, dx_px=dx_px)


def _head_lowered(dy_px: float) -> Pose:
    pose = moved(UPRIGHT, LM.NOSE, dy_px=dy_px)
    return moved(moved(pose, LM.LEFT_EAR, dy_px=dy_px), LM.RIGHT_EAR, dy_px=dy_px)


HAND_CASES: list[tuple[str, Pose, str, float]] = [
    # Upright reference values.
    ("upright", UPRIGHT, "head_height_sw", 102.5 / 180),
    ("upright", UPRIGHT, "nose_height_sw", 100 / 180),
    ("upright", UPRIGHT, "ear_height_sw", 105 / 180),
    ("upright", UPRIGHT, "head_pitch_sw", -5 / 180),
    ("upright", UPRIGHT, "forward_head_m", 0.0),
    ("upright", UPRIGHT, "neck_flexion_deg", 0.0),
    ("upright", UPRIGHT, "face_shoulder_ratio", 0.5),
    ("upright", UPRIGHT, "shoulder_tilt_deg", 0.0),
    ("upright", UPRIGHT, "head_roll_deg", 0.0),
    ("upright", UPRIGHT, "trunk_lean_deg", 0.0),
    ("upright", UPRIGHT, "trunk_pitch_deg", 0.0),
    ("upright", UPRIGHT, "shoulder_width_frac", 180 / 800),
    ("upright", UPRIGHT, "face_width_frac", 90 / 800),
    # Head drop: nose 36 px lower; the whole head 36 px lower; the head below the shoulders.
    ("nose down 36px", moved(UPRIGHT, LM.NOSE, dy_px=36), "nose_height_sw", 64 / 180),
    ("nose down 36px", moved(UPRIGHT, LM.NOSE, dy_px=36), "head_height_sw", 84.5 / 180),
    ("nose down 36px", moved(UPRIGHT, LM.NOSE, dy_px=36), "ear_height_sw", 105 / 180),
    ("nose down 36px", moved(UPRIGHT, LM.NOSE, dy_px=36), "head_pitch_sw", -41 / 180),
    ("nose up 18px", moved(UPRIGHT, LM.NOSE, dy_px=-18), "head_pitch_sw", 13 / 180),
    ("head down 36px", _head_lowered(36), "head_height_sw", 66.5 / 180),
    ("head down 36px", _head_lowered(36), "head_pitch_sw", -5 / 180),
    ("head below shoulders", _head_lowered(150), "ear_height_sw", -45 / 180),
    # Shoulders tilted, either end raised, one end raised.
    ("shoulders 30", _shoulders_tilted(30), "shoulder_tilt_deg", 30.0),
    ("shoulders -30", _shoulders_tilted(-30), "shoulder_tilt_deg", 30.0),
    ("shoulders 45", _shoulders_tilted(45), "shoulder_tilt_deg", 45.0),
    (
        "left shoulder raised",
        moved(UPRIGHT, LM.LEFT_SHOULDER, dy_px=-180 * math.tan(math.radians(20))),
        "shoulder_tilt_deg",
        20.0,
    ),
    # Height is measured perpendicular to the tilted shoulder line through (320, 300).
    (
        "shoulders 30",
        _shoulders_tilted(30),
        "ear_height_sw",
        105 * math.cos(math.radians(30)) / 180,
    ),
    # Head roll from the eye corners, or from the ears when an eye corner is hidden.
    ("eyes 15", _eyes_tilted(15), "head_roll_deg", 15.0),
    ("eyes -8", _eyes_tilted(-8), "head_roll_deg", 8.0),
    (
        "ears 12, eye corner hidden",
        with_visibility(_ears_tilted(12), LM.RIGHT_EYE_OUTER, 0.1),
        "head_roll_deg",
        12.0,
    ),
    ("ears 12, eyes level", _ears_tilted(12), "head_roll_deg", 0.0),
    # Forward head and neck flexion from world depth; ears 0.22 m above the shoulders.
    ("ears 5cm forward", _both_ears_world(UPRIGHT, dz_m=-0.05), "forward_head_m", 0.05),
    ("ears 3cm back", _both_ears_world(UPRIGHT, dz_m=0.03), "forward_head_m", -0.03),
    ("ears 22cm forward", _both_ears_world(UPRIGHT, dz_m=-0.22), "neck_flexion_deg", 45.0),
    (
        "ears forward 10 deg",
        _both_ears_world(UPRIGHT, dz_m=-0.22 * math.tan(math.radians(10))),
        "neck_flexion_deg",
        10.0,
    ),
    (
        "ears back 10 deg",
        _both_ears_world(UPRIGHT, dz_m=0.22 * math.tan(math.radians(10))),
        "neck_flexion_deg",
        -10.0,
    ),
    (
        "ears forward and lower",
        _both_ears_world(UPRIGHT, dy_m=0.12, dz_m=-0.10),
        "neck_flexion_deg",
        45.0,
    ),
    # Trunk: 0.50 m from hips to shoulders in the world, 170 px in the image.
    (
        "slumped 20",
        _both_shoulders_world(UPRIGHT, -0.5 * math.tan(math.radians(20))),
        "trunk_pitch_deg",
        20.0,
    ),
    (
        "reclined 15",
        _both_shoulders_world(UPRIGHT, 0.5 * math.tan(math.radians(15))),
        "trunk_pitch_deg",
        -15.0,
    ),
    (
        "leaning 15",
        _both_shoulders_px(UPRIGHT, 170 * math.tan(math.radians(15))),
        "trunk_lean_deg",
        15.0,
    ),
    (
        "leaning -15",
        _both_shoulders_px(UPRIGHT, -170 * math.tan(math.radians(15))),
        "trunk_lean_deg",
        15.0,
    ),
    # Widths: the face coming nearer, the whole person coming nearer, a bigger frame.
    (
        "ears 120px apart",
        upright_pose(left_ear=(380, 195), right_ear=(260, 195)),
        "face_shoulder_ratio",
        120 / 180,
    ),
    (
        "shoulders 400px apart",
        upright_pose(left_shoulder=(520, 300), right_shoulder=(120, 300)),
        "shoulder_width_frac",
        0.5,
    ),
    ("1280x960 frame", upright_pose(1280, 960), "shoulder_width_frac", 180 / 800),
    ("1280x960 frame", upright_pose(1280, 960), "face_width_frac", 90 / 800),
]


@pytest.mark.parametrize(
    ("pose", "name", "expected"),
    [
        pytest.param(pose, name, expected, id=f"{label}-{name}")
        for label, pose, name, expected in HAND_CASES
    ],
)
def test_hand_computed_values(pose: Pose, name: str, expected: float) -> None:
    value = metrics.METRICS[name](pose, 0.5)
    assert value == pytest.approx(expected, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    ("name", "changed"),
    [
        ("head_height_sw", _head_lowered(20)),
        ("head_height_sw", moved(UPRIGHT, LM.NOSE, dy_px=20)),
        ("nose_height_sw", moved(UPRIGHT, LM.NOSE, dy_px=20)),
        ("ear_height_sw", _head_lowered(20)),
        ("head_pitch_sw", moved(UPRIGHT, LM.NOSE, dy_px=20)),
    ],
)
def test_lowering_the_head_lowers_heights(name: str, changed: Pose) -> None:
    before = metrics.METRICS[name](UPRIGHT, 0.5)
    after = metrics.METRICS[name](changed, 0.5)
    assert before is not None and after is not None
    assert after < before


def test_all_metrics_lists_every_metric_by_function_name() -> None:
    values = metrics.all_metrics(UPRIGHT)
    assert tuple(values) == ALL_NAMES
    for name, value in values.items():
        assert value == getattr(metrics, name)(UPRIGHT)
    json.dumps(values)  # plain floats and None only


# --- Visibility -----------------------------------------------------------------------------

EAR_METRICS = {
    "head_height_sw",
    "ear_height_sw",
    "head_pitch_sw",
    "forward_head_m",
    "neck_flexion_deg",
    "face_shoulder_ratio",
    "face_width_frac",
}
SHOULDER_METRICS = set(ALL_NAMES) - {"head_roll_deg", "face_width_frac"}


@pytest.mark.parametrize(
    ("hidden", "expected_none"),
    [
        ((LM.NOSE,), {"head_height_sw", "nose_height_sw", "head_pitch_sw"}),
        ((LM.LEFT_EAR,), EAR_METRICS),
        ((LM.RIGHT_EAR,), EAR_METRICS),
        ((LM.LEFT_SHOULDER,), SHOULDER_METRICS),
        ((LM.RIGHT_SHOULDER,), SHOULDER_METRICS),
        ((LM.LEFT_HIP,), {"trunk_lean_deg", "trunk_pitch_deg"}),
        ((LM.RIGHT_HIP,), {"trunk_lean_deg", "trunk_pitch_deg"}),
        ((LM.LEFT_EYE_OUTER,), set()),  # head roll falls back to the ears
        ((LM.RIGHT_EYE_OUTER, LM.LEFT_EAR), EAR_METRICS | {"head_roll_deg"}),
        ((LM.LEFT_EYE, LM.MOUTH_LEFT, LM.LEFT_ELBOW, LM.LEFT_WRIST, LM.LEFT_KNEE), set()),
    ],
)
def test_hidden_landmark_makes_exactly_its_metrics_unknown(
    hidden: tuple[LM, ...], expected_none: set[str]
) -> None:
    pose = UPRIGHT
    for lm in hidden:
        pose = with_visibility(pose, lm, 0.49)
    values = metrics.all_metrics(pose, min_visibility=0.5)
    assert {name for name, value in values.items() if value is None} == expected_none


def test_visibility_at_the_floor_counts_as_visible() -> None:
    pose = with_visibility(UPRIGHT, LM.NOSE, 0.5)
    assert metrics.nose_height_sw(pose, min_visibility=0.5) is not None


def test_floor_is_a_parameter() -> None:
    assert metrics.nose_height_sw(UPRIGHT, min_visibility=0.995) is None
    assert metrics.nose_height_sw(with_visibility(UPRIGHT, LM.NOSE, 0.2), 0.1) is not None


def test_non_finite_coordinates_count_as_unknown() -> None:
    pose = upright_pose(nose=(math.nan, 200.0))
    assert metrics.nose_height_sw(pose) is None
    assert metrics.shoulder_tilt_deg(pose) is not None


# --- Degenerate geometry --------------------------------------------------------------------


def test_coincident_shoulders_give_none_not_a_division_error() -> None:
    pose = upright_pose(left_shoulder=(320, 300), right_shoulder=(320, 300))
    values = metrics.all_metrics(pose)
    # Only the metrics that divide by or orient along the pixel shoulder line; the trunk lean
    # uses the shoulder midpoint and the world metrics use world coordinates.
    assert {name for name, value in values.items() if value is None} == {
        "head_height_sw",
        "nose_height_sw",
        "ear_height_sw",
        "head_pitch_sw",
        "face_shoulder_ratio",
        "shoulder_tilt_deg",
        "shoulder_width_frac",
    }


def test_coincident_ears_give_none_for_face_width_and_ear_roll() -> None:
    pose = upright_pose(left_ear=(320, 195), right_ear=(320, 195))
    pose = with_visibility(pose, LM.LEFT_EYE_OUTER, 0.0)
    assert metrics.face_shoulder_ratio(pose) is None
    assert metrics.face_width_frac(pose) is None
    assert metrics.head_roll_deg(pose) is None
    assert metrics.ear_height_sw(pose) == pytest.approx(105 / 180)


def test_coincident_world_points_give_none_for_sagittal_angles() -> None:
    pose = _both_ears_world(UPRIGHT, dy_m=0.22)
    assert metrics.neck_flexion_deg(pose) is None
    assert metrics.forward_head_m(pose) == 0.0


# --- Invariance under scaling, shifting, mirroring and camera roll --------------------------


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _assert_same_metrics(a: Pose, b: Pose, names: tuple[str, ...] = ALL_NAMES) -> None:
    values_a, values_b = metrics.all_metrics(a), metrics.all_metrics(b)
    for name in names:
        assert _same(values_a[name], values_b[name]), (name, values_a[name], values_b[name])


realistic_poses = st.builds(
    lambda offsets_px, offsets_m: perturbed(UPRIGHT, offsets_px, offsets_m),
    arrays(np.float64, (LANDMARK_COUNT, 2), elements=st.floats(-5.0, 5.0)),
    arrays(np.float64, (LANDMARK_COUNT, 3), elements=st.floats(-0.02, 0.02)),
)


@settings(max_examples=200)
@given(pose=realistic_poses, eighths=st.integers(1, 32))
def test_uniform_scaling_changes_nothing(pose: Pose, eighths: int) -> None:
    _assert_same_metrics(pose, scaled(pose, eighths / 8))


@settings(max_examples=200)
@given(pose=realistic_poses, dx_px=st.floats(-300, 300), dy_px=st.floats(-300, 300))
def test_shifting_changes_nothing(pose: Pose, dx_px: float, dy_px: float) -> None:
    _assert_same_metrics(pose, shifted(pose, dx_px, dy_px))


@settings(max_examples=200)
@given(pose=realistic_poses, swap_labels=st.booleans())
def test_mirroring_changes_nothing(pose: Pose, swap_labels: bool) -> None:
    _assert_same_metrics(pose, mirrored(pose, swap_labels))


@settings(max_examples=200)
@given(pose=realistic_poses, deg=st.floats(-30, 30))
def test_camera_roll_leaves_in_plane_heights_and_widths(pose: Pose, deg: float) -> None:
    _assert_same_metrics(pose, rotated(pose, deg), ROLL_INVARIANT)


@pytest.mark.parametrize("deg", [10.0, -10.0])
@pytest.mark.parametrize("name", ANGLES_TO_IMAGE_AXES)
def test_camera_roll_by_10_degrees_shows_in_the_angles_to_image_axes(name: str, deg: float) -> None:
    assert metrics.METRICS[name](rotated(UPRIGHT, deg), 0.5) == pytest.approx(10.0, abs=1e-9)


@pytest.mark.parametrize("name", ROLL_INVARIANT)
def test_camera_roll_by_10_degrees_keeps_heights(name: str) -> None:
    metric: Callable[[Pose, float], float | None] = metrics.METRICS[name]
    assert metric(rotated(UPRIGHT, 10.0), 0.5) == pytest.approx(metric(UPRIGHT, 0.5), rel=1e-9)


@settings(max_examples=300)
@given(
    image=arrays(np.float64, (LANDMARK_COUNT, 4), elements=st.floats(0.0, 1.0)),
    world=arrays(np.float64, (LANDMARK_COUNT, 3), elements=st.floats(-1.0, 1.0)),
)
def test_any_pose_gives_finite_values_or_none(image: np.ndarray, world: np.ndarray) -> None:
    image[:, :3] *= 640  # any positions in the frame, any visibilities, collisions included
    values = metrics.all_metrics(Pose(image, world, 640, 480))
    assert all(value is None or math.isfinite(value) for value in values.values())
