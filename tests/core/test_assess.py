"""The per-frame rules, as tables over synthetic poses, plus baseline-relative invariances."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture.config.schema import Thresholds
from posture.core.assess import HEAD_RULES, judge, sink_sw
from posture.core.baseline import POPULATION, Baseline, frame_values, robust_baseline
from posture.core.landmarks import LM, Pose
from posture.core.measures import MEASURES, change_measures
from posture.core.vocabulary import ISSUE_NAMES, Severity
from tests.support.poses import (
    head_rolled,
    head_turned,
    mirrored,
    moved,
    moved_world,
    rotated,
    scaled,
    shifted,
    upright_pose,
)

T = Thresholds()
HEAD = (
    LM.NOSE,
    LM.LEFT_EAR,
    LM.RIGHT_EAR,
    LM.LEFT_EYE_OUTER,
    LM.RIGHT_EYE_OUTER,
    LM.LEFT_EYE,
    LM.RIGHT_EYE,
    LM.LEFT_EYE_INNER,
    LM.RIGHT_EYE_INNER,
    LM.MOUTH_LEFT,
    LM.MOUTH_RIGHT,
)


def baseline_of(pose: Pose) -> Baseline:
    return robust_baseline(
        [frame_values(pose, T.min_visibility)] * 5, pose.width_px, pose.height_px
    )


def head_moved(pose: Pose, dy_px: float) -> Pose:
    for lm in HEAD:
        pose = moved(pose, lm, dy_px=dy_px)
    return pose


def whole_body_moved(pose: Pose, dy_px: float) -> Pose:
    for lm in LM:
        pose = moved(pose, lm, dy_px=dy_px)
    return pose


def names(pose: Pose, baseline: Baseline) -> set[str]:
    return {f.name for f in judge(pose, baseline, T).findings}


NEUTRAL = upright_pose()
BASE = baseline_of(NEUTRAL)
SW = 180.0  # the factory's shoulder width in px


@pytest.mark.parametrize(
    ("pose", "expected"),
    [
        (NEUTRAL, set()),
        # Sinking into the chair: the whole body drops a quarter of a shoulder width.
        (whole_body_moved(NEUTRAL, 0.25 * SW), {"slouch"}),
        # A small shift stays under the 0.10 shoulder-width threshold.
        (whole_body_moved(NEUTRAL, 0.05 * SW), set()),
        # The head drops towards the shoulders by 0.2 shoulder widths (a hunch).
        (head_moved(NEUTRAL, 0.2 * SW), {"slouch"}),
        # Looking down: the nose drops relative to the ears.
        (moved(NEUTRAL, LM.NOSE, dy_px=0.15 * SW), {"head_down"}),
        # Chin up: the nose rises relative to the ears.
        (moved(NEUTRAL, LM.NOSE, dy_px=-0.15 * SW), {"head_up"}),
        # Ears 8 cm ahead of the shoulders in depth.
        (
            moved_world(moved_world(NEUTRAL, LM.LEFT_EAR, dz_m=-0.08), LM.RIGHT_EAR, dz_m=-0.08),
            {"forward_head"},
        ),
        # One shoulder 40 px higher: about 12.5 degrees off level.
        (moved(NEUTRAL, LM.LEFT_SHOULDER, dy_px=-40), {"shoulder_tilt"}),
        # A slightly raised shoulder (5 degrees) is natural asymmetry, not a fault.
        (moved(NEUTRAL, LM.LEFT_SHOULDER, dy_px=-16), set()),
        # The head rolled by 20 degrees (past the 15 degrees judged against level).
        (head_rolled(NEUTRAL, 20.0), {"head_tilt"}),
        # ... and by 8: inside a sitter's natural sway, not a fault.
        (head_rolled(NEUTRAL, 8.0), set()),
        # The upper body leaning sideways by about 15 degrees.
        (moved(moved(NEUTRAL, LM.LEFT_HIP, dx_px=45), LM.RIGHT_HIP, dx_px=45), {"lean"}),
    ],
)
def test_rule_table(pose: Pose, expected: set[str]) -> None:
    assert names(pose, BASE) == expected


def _zoomed(pose: Pose, factor: float) -> Pose:
    """The same person nearer the camera: the picture grows about its centre, size unchanged."""
    import numpy as np

    image = pose.image.copy()
    centre = np.array([pose.width_px / 2, pose.height_px / 2])
    image[:, :2] = centre + (image[:, :2] - centre) * factor
    image[:, 2] *= factor
    return Pose(image, pose.world.copy(), pose.width_px, pose.height_px)


def test_coming_much_closer_is_too_close_and_not_a_slouch() -> None:
    assert names(_zoomed(NEUTRAL, 1.4), BASE) == {"too_close"}


def test_moving_back_a_little_is_nothing() -> None:
    assert names(_zoomed(NEUTRAL, 0.8), BASE) == set()


def test_sink_is_zero_for_a_pure_change_of_distance() -> None:
    values = frame_values(_zoomed(NEUTRAL, 0.7), T.min_visibility)
    assert sink_sw(values, BASE) == pytest.approx(0.0, abs=1e-9)


def test_symmetry_is_judged_against_level_not_only_the_baseline() -> None:
    raised = moved(NEUTRAL, LM.LEFT_SHOULDER, dy_px=-45)  # about 14 degrees
    calibrated_raised = baseline_of(raised)
    assert "shoulder_tilt" in names(raised, calibrated_raised)


@pytest.mark.parametrize("deg", [10.0, -10.0])
def test_a_small_roll_flags_the_shoulders_but_not_the_swaying_head(deg: float) -> None:
    """10 degrees is past the shoulder line's floor (8.2 after five frames) but inside the
    head's (14.5: a sitter's head sways by several degrees while sitting still)."""
    found = names(rotated(NEUTRAL, deg), BASE)
    assert "shoulder_tilt" in found and "head_tilt" not in found


@pytest.mark.parametrize("deg", [20.0, -20.0])
def test_rotation_flags_both_tilts_against_the_unrotated_baseline(deg: float) -> None:
    assert {"head_tilt", "shoulder_tilt"} <= names(rotated(NEUTRAL, deg), BASE)


@pytest.mark.parametrize(
    ("ratio", "severity"),
    [(1.0, Severity.MILD), (1.39, Severity.MILD), (1.4, Severity.MODERATE), (2.0, Severity.SEVERE)],
)
def test_severity_grows_with_the_excess(ratio: float, severity: Severity) -> None:
    from posture.core.vocabulary import severity_for

    assert severity_for(ratio) is severity


def test_unknown_values_make_issues_unknown_not_good() -> None:
    from tests.support.poses import with_visibility

    hidden = with_visibility(with_visibility(NEUTRAL, LM.LEFT_EAR, 0.1), LM.RIGHT_EAR, 0.1)
    verdict = judge(hidden, BASE, T)
    assert verdict.ratios["forward_head"] is None or verdict.ratios["forward_head"] < 1
    assert verdict.values["ear_height_sw"] is None
    assert set(verdict.ratios) == set(ISSUE_NAMES)


def test_population_defaults_judge_an_upright_person_as_fine() -> None:
    assert names(NEUTRAL, POPULATION) == set()


def test_population_defaults_still_judge_level() -> None:
    tilted = moved(moved(NEUTRAL, LM.LEFT_SHOULDER, dy_px=-20), LM.RIGHT_SHOULDER, dy_px=20)
    assert names(tilted, POPULATION) == {"shoulder_tilt"}


TRANSFORMS = st.sampled_from(["scale", "shift", "mirror"])
# Signed sideways measures: a mirror flips them.
MIRROR_SIGNED = ("roll_change_deg", "shoulder_change_deg", "yaw_change_deg")


@settings(max_examples=60, deadline=None)
@given(kind=TRANSFORMS, amount=st.floats(0.5, 2.0), dy=st.floats(-60, 60))
def test_judgement_survives_scaling_shifting_and_mirroring_both_frames(
    kind: str, amount: float, dy: float
) -> None:
    """Baseline and frame seen through the same transformed camera give the same verdict."""
    current = whole_body_moved(NEUTRAL, dy)

    def tf(pose: Pose) -> Pose:
        if kind == "scale":
            return scaled(pose, round(amount * 8) / 8)
        if kind == "shift":
            return shifted(pose, 40.0 * amount, -25.0 * amount)
        return mirrored(pose, swap_labels=True)

    before_base, after_base = BASE, baseline_of(tf(NEUTRAL))
    before = change_measures(frame_values(current, T.min_visibility), before_base)
    after = change_measures(frame_values(tf(current), T.min_visibility), after_base)
    for name in MEASURES:
        if before[name] is None:
            assert after[name] is None
        elif name in MIRROR_SIGNED and kind == "mirror":
            assert after[name] == pytest.approx(-before[name], rel=1e-6, abs=1e-9)
        else:
            assert after[name] == pytest.approx(before[name], rel=1e-6, abs=1e-9)
    # The ratios too, except the sink's floor, which grows with the ears' distance from the
    # picture's centre (posture.core.jitter.framing_gain), so a vertical shift may move it.
    ratios_before = judge(current, before_base, T).ratios
    ratios_after = judge(tf(current), after_base, T).ratios
    for name in ISSUE_NAMES:
        if name != "slouch" or kind != "shift":
            assert ratios_after[name] == pytest.approx(ratios_before[name], rel=1e-6, abs=1e-9)
    # For the same reason a sink near its threshold may count in one framing and not the other.
    ignored = {"slouch"} if kind == "shift" else set()
    assert names(current, before_base) - ignored == names(tf(current), after_base) - ignored


@pytest.mark.parametrize("yaw_deg", [-45.0, -30.0, -15.0, 15.0, 30.0, 45.0])
def test_looking_at_a_second_screen_raises_no_head_issue(yaw_deg: float) -> None:
    """A head turned towards a screen beside the first: no tilt, no forward head, nothing."""
    assert names(head_turned(NEUTRAL, yaw_deg), BASE) == set()


def test_past_the_turn_limit_the_head_rules_are_unknown_not_good() -> None:
    ratios = judge(head_turned(NEUTRAL, 50.0), BASE, T).ratios
    assert all(ratios[name] is None for name in HEAD_RULES)
    assert ratios["slouch"] is not None and ratios["shoulder_tilt"] is not None


def test_a_turned_head_that_also_tilts_is_judged_within_the_limit() -> None:
    assert "head_tilt" in names(head_turned(head_rolled(NEUTRAL, 22.0), 25.0), BASE)


def test_glancing_down_at_the_keyboard_is_no_slouch() -> None:
    """The nose drops and the ears (the head's pivot) stay where they were: no slouch."""
    glance = moved(NEUTRAL, LM.NOSE, dy_px=10.0)
    assert "slouch" not in names(glance, BASE)
