"""Knowing when a frame cannot be judged: side views, reclined bodies, faces without shoulders."""

from __future__ import annotations

import math

import pytest

from posture.config.schema import Thresholds
from posture.core.assess import judge
from posture.core.baseline import frame_values, robust_baseline
from posture.core.calibration import CalibrationRefused, Sample, build_baseline
from posture.core.landmarks import LM, Pose
from posture.core.view import VIEW_PROBLEMS, body_yaw_deg, view_problem
from posture.core.vocabulary import ISSUE_NAMES
from tests.support.poses import moved, upright_pose, with_visibility

T = Thresholds()
NEUTRAL = upright_pose()


def body_turned(pose: Pose, deg: float) -> Pose:
    """The shoulders turned away from the camera by `deg` (world x-z), the rest unchanged."""
    world = pose.world.copy()
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    for lm in (LM.LEFT_SHOULDER, LM.RIGHT_SHOULDER):
        x, _, z = pose.world[lm]
        world[lm, 0], world[lm, 2] = x * c - z * s, z * c + x * s
    return Pose(pose.image.copy(), world, pose.width_px, pose.height_px)


def reclined(pose: Pose, deg: float, hips_seen: bool = True) -> Pose:
    """The trunk leaning back by `deg` in depth: shoulders, head and arms further away."""
    world = pose.world.copy()
    height_m = -float(pose.world[LM.LEFT_SHOULDER, 1])
    back_m = height_m * math.tan(math.radians(deg))
    for lm in LM:
        if lm < LM.LEFT_HIP:
            world[lm, 2] += back_m
    image = pose.image.copy()
    for lm in (LM.LEFT_HIP, LM.RIGHT_HIP):
        image[lm, 3] = 0.9 if hips_seen else 0.1
    return Pose(image, world, pose.width_px, pose.height_px)


def shoulders_below_the_picture(pose: Pose) -> Pose:
    """The camera tilted up: the shoulders guessed below the bottom edge (still 'visible')."""
    moved_pose = moved(pose, LM.LEFT_SHOULDER, dy_px=200.0)
    return moved(moved_pose, LM.RIGHT_SHOULDER, dy_px=200.0)


@pytest.mark.parametrize(
    ("pose", "problem"),
    [
        (NEUTRAL, None),
        (body_turned(NEUTRAL, 30.0), None),  # sitting a little diagonally: still a front view
        (body_turned(NEUTRAL, 60.0), "side_view"),
        (body_turned(NEUTRAL, -80.0), "side_view"),
        (reclined(NEUTRAL, 15.0), None),  # leaning back a little is sitting
        (reclined(NEUTRAL, 40.0), "reclined"),
        (reclined(NEUTRAL, 40.0, hips_seen=False), None),  # unknown without the hips
        (with_visibility(NEUTRAL, LM.LEFT_SHOULDER, 0.1), "no_shoulders"),
        (shoulders_below_the_picture(NEUTRAL), "no_shoulders"),
    ],
)
def test_view_table(pose: Pose, problem: str | None) -> None:
    assert view_problem(frame_values(pose, T.min_visibility)) == problem


def test_body_yaw_is_how_far_the_shoulders_turn() -> None:
    assert body_yaw_deg(NEUTRAL) == pytest.approx(0.0, abs=1e-6)
    assert body_yaw_deg(body_turned(NEUTRAL, 35.0)) == pytest.approx(35.0, abs=1e-6)


@pytest.mark.parametrize("problem_pose", [body_turned(NEUTRAL, 70.0), reclined(NEUTRAL, 45.0)])
def test_an_unjudgeable_frame_says_so_and_raises_nothing(problem_pose: Pose) -> None:
    baseline = robust_baseline([frame_values(NEUTRAL, T.min_visibility)], 640, 480)
    verdict = judge(problem_pose, baseline, T)
    assert not verdict.judged and verdict.view in VIEW_PROBLEMS
    assert verdict.cannot_judge is not None
    assert verdict.cannot_judge.startswith("cannot judge from this view")
    assert verdict.findings == ()
    assert set(verdict.ratios) == set(ISSUE_NAMES) and set(verdict.ratios.values()) == {None}


def test_a_judgeable_frame_has_no_reason() -> None:
    verdict = judge(NEUTRAL, robust_baseline([frame_values(NEUTRAL, 0.5)], 640, 480), T)
    assert verdict.judged and verdict.cannot_judge is None


@pytest.mark.parametrize(
    ("pose", "words"),
    [(body_turned(NEUTRAL, 75.0), "from the side"), (reclined(NEUTRAL, 45.0), "leaning far back")],
)
def test_calibration_refuses_a_view_it_cannot_judge(pose: Pose, words: str) -> None:
    samples = [Sample(1, frame_values(pose, T.min_visibility))] * 5
    with pytest.raises(CalibrationRefused, match="cannot judge from this view") as refused:
        build_baseline(samples, 640, 480, T)
    assert words in str(refused.value)


def test_calibration_keeps_going_past_one_odd_side_view_frame() -> None:
    good = [Sample(1, frame_values(NEUTRAL, T.min_visibility))] * 4
    odd = [Sample(1, frame_values(body_turned(NEUTRAL, 75.0), T.min_visibility))]
    baseline = build_baseline(good + odd, 640, 480, T)
    assert baseline.frames == 4  # the side view is left out, not averaged in
