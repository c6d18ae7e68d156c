"""Whether a frame shows the user the way the rules need: from the front, upright-ish, shoulders in.

Every rule compares a front view of head and shoulders with a calibrated front view. A camera
beside the user, a body lying back in the chair, or a face with no shoulders under it gives
numbers that look confident and mean nothing (one shoulder hidden behind the other reads as a
steep shoulder tilt). Such a frame gets "cannot judge from this view" instead: no issue, no
ratio, and a reason the user can act on.

The reasons, a fixed vocabulary like the issue names:

- `side_view`: the shoulder line turns away from the picture plane by SIDE_VIEW_DEG or more, in
  MediaPipe's world landmarks (metres, z towards the camera). Measured on ../shared/data: 0-22
  degrees on every frontal picture, 77-89 on every side-view photo (docs/accuracy.md);
- `reclined`: with the hips in view, the trunk leans back RECLINED_DEG or more from vertical;
- `no_shoulders`: the pose has no two visible shoulders, or their midpoint lies outside the
  picture (a face at the bottom edge: the model still guesses shoulders below it, and the lite
  model even calls them visible).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Final

from posture.core.landmarks import LM, Pose

# Halfway between facing the camera (0) and a profile (90): past this the far shoulder sits more
# behind the near one than beside it, and every left-right measure is foreshortened by more
# than cos(50) = 0.64.
SIDE_VIEW_DEG: Final = 50.0
# An office chair's backrest reclined past this is lounging: the head sinks and recedes in the
# picture for reasons that are not a slouch. Upright sitting is 0-15 degrees either way.
RECLINED_DEG: Final = 30.0

VIEW_PROBLEMS: Final[Mapping[str, str]] = {
    "side_view": "the camera sees you from the side; Posture needs it in front of you, at "
    "about the height of your screen",
    "reclined": "you are leaning far back in your chair; posture is judged while you sit up",
    "no_shoulders": "your shoulders are not in the picture; move back or tilt the camera down "
    "so your head and both shoulders show",
}


def body_yaw_deg(pose: Pose, min_visibility: float = 0.5) -> float | None:
    """How far the shoulder line turns away from the picture plane, 0..90 degrees (0 = facing).

    From world landmarks (x and z only, so mirroring and camera roll leave it alone). None when
    a shoulder is not visible.
    """
    for lm in (LM.LEFT_SHOULDER, LM.RIGHT_SHOULDER):
        if pose.visibility(lm) < min_visibility:
            return None
    dx_m, _, dz_m = (pose.world[LM.LEFT_SHOULDER] - pose.world[LM.RIGHT_SHOULDER]).tolist()
    if not (math.isfinite(dx_m) and math.isfinite(dz_m)) or math.hypot(dx_m, dz_m) < 1e-6:
        return None
    return math.degrees(math.atan2(abs(dz_m), abs(dx_m)))


def view_problem(values: Mapping[str, float | None]) -> str | None:
    """The reason this frame's values cannot be judged (a key of VIEW_PROBLEMS), or None.

    Reads the frame values of `posture.core.baseline.frame_values`: `shoulder_w` (None without
    two visible shoulders), `shoulder_x` and `shoulder_y` (fractions of the frame),
    `body_yaw_deg` and `trunk_pitch_deg` (None without the hips).
    """
    x, y = values.get("shoulder_x"), values.get("shoulder_y")
    if values.get("shoulder_w") is None or x is None or y is None:
        return "no_shoulders"
    if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
        return "no_shoulders"
    yaw = values.get("body_yaw_deg")
    if yaw is not None and yaw >= SIDE_VIEW_DEG:
        return "side_view"
    pitch = values.get("trunk_pitch_deg")
    if pitch is not None and pitch <= -RECLINED_DEG:
        return "reclined"
    return None


def cannot_judge_text(problem: str) -> str:
    """The sentence shown for an unjudgeable frame: "cannot judge from this view: ..."."""
    return f"cannot judge from this view: {VIEW_PROBLEMS[problem]}"
