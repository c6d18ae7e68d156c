"""What the optional phases learn, stored in the profile: midway thresholds, floors, old profiles.

Fast and pure: frame values from the synthetic poses of `tests/support/poses`. The real-frame
tests are `tests/operations/test_calibration_phases.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from posture.config.schema import Config
from posture.core.assess import judge
from posture.core.baseline import Baseline, frame_values, robust_baseline
from posture.core.jitter import sink_floor
from posture.core.landmarks import LM
from posture.core.learned import PhaseRefused, learn_slouch, learned_phases
from posture.errors import UserError
from posture.operations.calibration_phases import PHASES, Learned, plan, with_learned
from posture.report.status_text import status_lines
from tests.support.poses import moved, upright_pose

T = Config().thresholds
UPRIGHT = upright_pose()
BASE = robust_baseline([frame_values(UPRIGHT, 0.5)] * 5, 640, 480)


def sunk(dy_px: float):  # type: ignore[no-untyped-def]
    """The head alone sinking by `dy_px` (the ears and face move down, shoulders stay)."""
    pose = UPRIGHT
    for lm in (LM.NOSE, LM.LEFT_EAR, LM.RIGHT_EAR, LM.LEFT_EYE, LM.RIGHT_EYE):
        pose = moved(pose, lm, dy_px=dy_px)
    return pose


def test_the_plan_keeps_the_order_asked_and_refuses_unknown_or_repeated_names() -> None:
    assert [p.name for p in plan("slouch,keyboard")] == ["slouch", "keyboard"]
    assert [p.name for p in plan(" keyboard , screen ")] == ["keyboard", "screen"]
    assert plan("") == ()
    assert [p.name for p in PHASES] == ["keyboard", "screen", "slouch"]
    with pytest.raises(UserError, match="'nap' is not a calibration phase; choose from"):
        plan("keyboard,nap")
    with pytest.raises(UserError, match="once"):
        plan(["slouch", "slouch"])


@pytest.mark.parametrize("depth_px", [40.0, 90.0, 160.0])
def test_the_slouch_threshold_sits_midway_and_never_below_the_floor(depth_px: float) -> None:
    values = [frame_values(sunk(depth_px), 0.5)] * 3
    learned = learn_slouch(values, BASE)
    bad = learned["slouch_sink_sw"]
    profile = with_learned(BASE, [Learned("slouch", learned, "")])
    limit = max(bad / 2, sink_floor(BASE))
    just_under = judge(sunk(depth_px * 0.97 * limit / bad), profile, T).ratios["slouch"]
    just_over = judge(sunk(depth_px * 1.03 * limit / bad), profile, T).ratios["slouch"]
    assert just_under is not None and just_over is not None
    assert just_under < 1.0 <= just_over
    assert sink_floor(BASE) <= limit < bad


def test_a_slouch_inside_the_jitter_is_refused() -> None:
    with pytest.raises(PhaseRefused, match="looked the same"):
        learn_slouch([frame_values(sunk(2.0), 0.5)] * 3, BASE)


def test_without_phases_nothing_changes_and_old_profiles_load() -> None:
    stored = json.loads(BASE.to_json())
    del stored["learned"]  # a profile saved before the phases existed
    old = Baseline.from_json(json.dumps(stored))
    assert old.learned == {} and learned_phases(old) == ()
    frame = sunk(70.0)
    assert judge(frame, old, T).ratios == judge(frame, BASE, T).ratios


def test_what_was_learned_is_stored_and_shown() -> None:
    profile = with_learned(
        BASE,
        [
            Learned("keyboard", {"keyboard_pitch_deg": -18.0}, ""),
            Learned("slouch", {"slouch_sink_sw": 0.3}, ""),
            Learned("slouch", {"slouch_drop_sw": 0.2}, ""),  # a new slouch replaces the old
        ],
    )
    again = Baseline.from_json(profile.to_json())
    assert dict(again.learned) == {"keyboard_pitch_deg": -18.0, "slouch_drop_sw": 0.2}
    assert learned_phases(again) == ("keyboard", "slouch")
    status = {"calibrated": True, "profile": "desk", "learned": ["keyboard"]}
    lines = status_lines(status, 1, Path("x"))
    assert "  Profile:    desk (also learned: keyboard)" in lines
