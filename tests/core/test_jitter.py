"""Jitter floors: thresholds that survive a calibration of one frame."""

from __future__ import annotations

import math

import pytest

from posture.config.schema import Thresholds
from posture.core.assess import judge
from posture.core.baseline import frame_values, robust_baseline
from posture.core.jitter import (
    FLOOR_Z,
    JITTER_SD,
    floor,
    framing_gain,
    level_floor,
    sink_floor,
    sink_sd_for_gain,
)
from posture.core.landmarks import LM, Pose
from posture.core.measures import MEASURES
from tests.support.poses import moved, shifted, upright_pose

T = Thresholds()
NEUTRAL = upright_pose()


def baseline_of(pose: Pose, frames: int):  # type: ignore[no-untyped-def]
    return robust_baseline([frame_values(pose, T.min_visibility)] * frames, 640, 480)


def test_every_measure_but_the_sink_has_a_measured_jitter() -> None:
    # The sink's comes from the ears' and the shoulder width's (sink_sd_for_gain).
    assert set(JITTER_SD) == set(MEASURES) - {"sink_sw"}


@pytest.mark.parametrize("measure", sorted(JITTER_SD))
def test_a_floor_shrinks_with_more_calibration_frames_but_never_below_the_level_floor(
    measure: str,
) -> None:
    floors = [floor(measure, n) for n in (1, 3, 5, 30, 1000)]
    assert floors == sorted(floors, reverse=True)
    assert floor(measure, 1) == pytest.approx(math.sqrt(2) * level_floor(measure))
    assert floors[-1] > level_floor(measure)
    assert floor(measure, 0) == floor(measure, 1)  # population defaults: as good as one look


def test_the_sink_floor_grows_with_the_ears_distance_from_the_centre() -> None:
    centred = baseline_of(NEUTRAL, 3)
    high = baseline_of(shifted(NEUTRAL, 0.0, -150.0), 3)
    assert framing_gain(high) > framing_gain(centred)
    assert sink_floor(high) > sink_floor(centred)
    assert sink_sd_for_gain(0.0) == JITTER_SD["ear_frame_sw"]


def test_the_sink_floor_is_the_ears_and_the_shoulders_jitter_added() -> None:
    base = baseline_of(NEUTRAL, 5)
    gain = framing_gain(base)
    expected = math.hypot(JITTER_SD["ear_frame_sw"], gain * JITTER_SD["closer"])
    assert sink_floor(base) == pytest.approx(FLOOR_Z * expected * math.sqrt(1 + 1 / 5))


def _shoulder_raised_deg(deg: float) -> Pose:
    """The left shoulder raised until the shoulder line is `deg` off level."""
    return moved(NEUTRAL, LM.LEFT_SHOULDER, dy_px=-180.0 * math.tan(math.radians(deg)))


@pytest.mark.parametrize(("frames", "deg", "fires"), [(1, 8.0, False), (5, 8.5, True)])
def test_a_change_inside_the_floor_cannot_fire_after_a_short_calibration(
    frames: int, deg: float, fires: bool
) -> None:
    """The shoulder line's floor is 10.6 degrees after one frame and 8.2 after five; the
    configured 8 degrees only counts once the floor allows it (level is 10 degrees)."""
    found = {
        f.name for f in judge(_shoulder_raised_deg(deg), baseline_of(NEUTRAL, frames), T).findings
    }
    assert ("shoulder_tilt" in found) is fires
