"""Head pose in degrees from the face landmarks of a front view: roll, yaw and pitch.

A webcam sees the face, not the skull, so the angles come from a small anatomical model of the
head seen almost straight on (weak perspective): the ears sit on the head's left-right axis,
about HEAD_WIDTH_M apart, and the nose tip sits NOSE_DEPTH_M in front of the line between the
ears and NOSE_DROP_M below it. Then, with `w` the ear-to-ear distance in the picture:

- roll (sideways tilt) is the angle of the face's left-right axis against the image horizontal,
  fitted through every left-right pair that is visible (ears, eye corners, eyes, mouth corners),
  each weighted by its length, so the far-apart ears count most and one jittery pair little;
- yaw (turning to a side) follows from how far the nose sits from the ear midpoint along that
  axis: `offset / w = (NOSE_DEPTH_M / HEAD_WIDTH_M) * tan(yaw)`;
- pitch (nodding) follows from how far the nose sits below the ear line across that axis, in
  head widths (`w / cos(yaw)`, so turning the head does not change it): `drop / width =
  (NOSE_DROP_M * cos(pitch) - NOSE_DEPTH_M * sin(pitch)) / HEAD_WIDTH_M`.

Pure image geometry: scaling, shifting and rolling the picture leave yaw and pitch alone, and
roll changes by exactly the camera's roll. Mirroring flips the signs of roll and yaw. The
absolute pitch depends on the person's face and the camera's height, so rules compare it with
the calibrated one; yaw and roll are near 0 for a person facing a centred camera.
"""

from __future__ import annotations

import math
from typing import Final

from posture.core.landmarks import LM, Pose

# Adult head anthropometry (bitragion breadth; tragion to nose tip, forward and down). Ratios
# matter, not metres: a smaller head has a proportionally smaller face.
HEAD_WIDTH_M: Final = 0.145
NOSE_DEPTH_M: Final = 0.11
NOSE_DROP_M: Final = 0.03

# Beyond this yaw the far ear is hidden behind the head and its place is the model's guess, so
# yaw and pitch are not reported: the head is in profile, not turned towards a second screen.
MAX_YAW_DEG: Final = 70.0

# Left-right pairs that share the face's left-right axis, far-apart pairs first.
_PAIRS: Final = (
    (LM.LEFT_EAR, LM.RIGHT_EAR),
    (LM.LEFT_EYE_OUTER, LM.RIGHT_EYE_OUTER),
    (LM.LEFT_EYE, LM.RIGHT_EYE),
    (LM.LEFT_EYE_INNER, LM.RIGHT_EYE_INNER),
    (LM.MOUTH_LEFT, LM.MOUTH_RIGHT),
)
# Shorter than this share of the image diagonal, a pair has no direction worth trusting.
_MIN_PAIR_FRAC: Final = 1e-4


def _seen(pose: Pose, lm: LM, min_visibility: float) -> bool:
    x, y, _, visibility = pose.rows[lm]
    return visibility >= min_visibility and math.isfinite(x) and math.isfinite(y)


def _face_axis(pose: Pose, min_visibility: float) -> tuple[float, float] | None:
    """The unit vector along the face's left-right axis, pointing to the image's right."""
    return pose.once("face_axis", min_visibility, lambda: _axis(pose, min_visibility))


def _axis(pose: Pose, min_visibility: float) -> tuple[float, float] | None:
    min_length_px = _MIN_PAIR_FRAC * math.hypot(pose.width_px, pose.height_px)
    sum_x = sum_y = 0.0
    ears_or_eyes = False
    for index, (a, b) in enumerate(_PAIRS):
        if not (_seen(pose, a, min_visibility) and _seen(pose, b, min_visibility)):
            continue
        (ax, ay), (bx, by) = pose.rows[a][:2], pose.rows[b][:2]
        dx, dy = ax - bx, ay - by
        if math.hypot(dx, dy) < min_length_px:
            continue
        if dx < 0:  # every pair pointing the same way, whichever side the model calls left
            dx, dy = -dx, -dy
        # Summing the vectors weights each pair by its length: the ears, twice as far apart
        # as the eye corners, halve the effect of a pixel of jitter.
        sum_x, sum_y = sum_x + dx, sum_y + dy
        ears_or_eyes = ears_or_eyes or index <= 1
    length = math.hypot(sum_x, sum_y)
    if not ears_or_eyes or length < min_length_px:
        return None
    return sum_x / length, sum_y / length


def head_roll_signed_deg(pose: Pose, min_visibility: float = 0.5) -> float | None:
    """Sideways head tilt in -90..90 degrees; positive when the image's right end is higher.

    Needs the ears or the outer eye corners (the other pairs only refine their direction).
    """
    axis = _face_axis(pose, min_visibility)
    if axis is None:
        return None
    return math.degrees(math.atan2(-axis[1], axis[0]))  # image y grows downwards


def _ear_frame(pose: Pose, min_visibility: float) -> tuple[float, float, float] | None:
    """The nose's offset along and below the face axis from the ear midpoint, and ear distance."""
    return pose.once("ear_frame", min_visibility, lambda: _nose_in_ears(pose, min_visibility))


def _nose_in_ears(pose: Pose, min_visibility: float) -> tuple[float, float, float] | None:
    if not all(_seen(pose, lm, min_visibility) for lm in (LM.NOSE, LM.LEFT_EAR, LM.RIGHT_EAR)):
        return None
    axis = _face_axis(pose, min_visibility)
    if axis is None:
        return None
    ux, uy = axis
    mid_x = (pose.image[LM.LEFT_EAR, 0] + pose.image[LM.RIGHT_EAR, 0]) / 2.0
    mid_y = (pose.image[LM.LEFT_EAR, 1] + pose.image[LM.RIGHT_EAR, 1]) / 2.0
    nx, ny = float(pose.image[LM.NOSE, 0] - mid_x), float(pose.image[LM.NOSE, 1] - mid_y)
    ex, ey = (pose.image[LM.LEFT_EAR, :2] - pose.image[LM.RIGHT_EAR, :2]).tolist()
    # Along the axis, and along its normal pointing down the face (y down, so (-uy, ux)).
    along = nx * ux + ny * uy
    down = -nx * uy + ny * ux
    ears_px = abs(ex * ux + ey * uy)
    if ears_px < _MIN_PAIR_FRAC * math.hypot(pose.width_px, pose.height_px):
        return None
    return along, down, ears_px


def head_yaw_deg(pose: Pose, min_visibility: float = 0.5) -> float | None:
    """Head turn in degrees; positive when the nose points towards the image's right.

    None beyond MAX_YAW_DEG (a profile), or without the nose and both ears.
    """
    frame = _ear_frame(pose, min_visibility)
    if frame is None:
        return None
    along, _, ears_px = frame
    yaw = math.degrees(math.atan2(along * HEAD_WIDTH_M / NOSE_DEPTH_M, ears_px))
    return yaw if abs(yaw) <= MAX_YAW_DEG else None


def head_pitch_deg(pose: Pose, min_visibility: float = 0.5) -> float | None:
    """Head nod in degrees; positive when the chin lifts, negative when the head tips down.

    Absolute values carry the person's face and the camera's height; changes are what matter.
    None when the yaw is unknown or beyond MAX_YAW_DEG.
    """
    frame = _ear_frame(pose, min_visibility)
    yaw = head_yaw_deg(pose, min_visibility)
    if frame is None or yaw is None:
        return None
    _, down, ears_px = frame
    head_width_px = ears_px / math.cos(math.radians(yaw))
    # down / width = (drop * cos(p) - depth * sin(p)) / HEAD_WIDTH_M = R * cos(p + phase).
    ratio = down / head_width_px * HEAD_WIDTH_M
    radius = math.hypot(NOSE_DROP_M, NOSE_DEPTH_M)
    phase = math.atan2(NOSE_DEPTH_M, NOSE_DROP_M)
    cosine = max(-1.0, min(1.0, ratio / radius))
    return math.degrees(math.acos(cosine) - phase)
