"""Posture metrics: pure functions from one `Pose` to one number each.

Every metric has the signature `(pose, min_visibility=0.5) -> float | None` and carries its unit
in its name: `_sw` is shoulder widths, `_m` metres, `_deg` degrees, `_ratio` and `_frac` plain
ratios. A metric is `None` (unknown, never 0) when a landmark it needs is below the visibility
floor, has non-finite coordinates, or when its geometry is degenerate (e.g. both shoulders on
the same pixel).

The image metrics are unchanged when the frame is uniformly scaled, shifted or mirrored; where a
sign would flip under mirroring only a magnitude is reported. Heights are measured perpendicular
to the shoulder line, so rolling the camera does not change them either. The world metrics use
MediaPipe's world landmarks (metres, y down, negative z towards the camera) and look only at y and
z, which mirroring leaves alone.

The absolute values depend on the person and the camera; callers compare them with a calibrated
baseline rather than with fixed thresholds.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Final

import numpy as np

from posture.core.landmarks import LM, FloatArray, Pose

Metric = Callable[[Pose, float], float | None]

DEFAULT_MIN_VISIBILITY: Final = 0.5

# Lengths shorter than this fraction of the image diagonal count as zero. Relative rather than
# absolute so that the cut-off scales with the frame like everything else.
_MIN_LENGTH_FRAC_OF_DIAGONAL: Final = 1e-6
# World vectors shorter than this (metres) have no meaningful direction.
_MIN_LENGTH_M: Final = 1e-6

_EARS: Final = (LM.LEFT_EAR, LM.RIGHT_EAR)
_SHOULDERS: Final = (LM.LEFT_SHOULDER, LM.RIGHT_SHOULDER)
_HIPS: Final = (LM.LEFT_HIP, LM.RIGHT_HIP)
_OUTER_EYES: Final = (LM.LEFT_EYE_OUTER, LM.RIGHT_EYE_OUTER)


def _visible(pose: Pose, landmarks: tuple[LM, ...], min_visibility: float) -> bool:
    """True when every landmark is at or above the floor and has finite pixel coordinates."""
    # Plain floats: this runs dozens of times a frame, and numpy is slow on two-element arrays.
    rows = pose.rows
    for lm in landmarks:
        x, y, _, visibility = rows[lm]
        if not (visibility >= min_visibility and math.isfinite(x) and math.isfinite(y)):
            return False
    return True


def _visible_in_world(pose: Pose, landmarks: tuple[LM, ...], min_visibility: float) -> bool:
    """Like `_visible`, for metrics that read the world landmarks instead."""
    for lm in landmarks:
        x, y, z = pose.world[lm].tolist()
        if not (pose.rows[lm][3] >= min_visibility and math.isfinite(x + y + z)):
            return False
    return True


def _diagonal_px(pose: Pose) -> float:
    return math.hypot(pose.width_px, pose.height_px)


def _min_length_px(pose: Pose) -> float:
    return _MIN_LENGTH_FRAC_OF_DIAGONAL * _diagonal_px(pose)


def _mid_px(pose: Pose, a: LM, b: LM) -> FloatArray:
    return (pose.xy(a) + pose.xy(b)) / 2.0


def _mid_m(pose: Pose, a: LM, b: LM) -> FloatArray:
    mid_m: FloatArray = (pose.world[a] + pose.world[b]) / 2.0
    return mid_m


def _distance_px(pose: Pose, a: LM, b: LM) -> float | None:
    """Pixel distance between two landmarks, or None when it is degenerate."""
    ax, ay = pose.rows[a][:2]
    bx, by = pose.rows[b][:2]
    length_px = math.hypot(bx - ax, by - ay)
    return length_px if length_px >= _min_length_px(pose) else None


def _height_above_shoulders_sw(
    pose: Pose, point_px: FloatArray, min_visibility: float
) -> float | None:
    """Signed distance of a pixel point from the shoulder line, in shoulder widths.

    Measured along the normal of the shoulder line that points up the image, so the value is
    positive above the shoulders and survives scaling, shifting, mirroring and camera roll (up to
    a shoulder line tilted 90 degrees, where "up" is ambiguous).
    """
    if not _visible(pose, _SHOULDERS, min_visibility):
        return None
    width_px = _distance_px(pose, LM.LEFT_SHOULDER, LM.RIGHT_SHOULDER)
    if width_px is None:
        return None
    along = pose.xy(LM.LEFT_SHOULDER) - pose.xy(LM.RIGHT_SHOULDER)
    up_normal = np.array([along[1], -along[0]]) / width_px
    if up_normal[1] > 0:  # image y grows downwards, so "up" has negative y
        up_normal = -up_normal
    offset_px = point_px - pose.xy(LM.RIGHT_SHOULDER)
    return float(offset_px @ up_normal) / width_px


def _line_tilt_from_horizontal_deg(pose: Pose, a: LM, b: LM) -> float | None:
    """Angle in 0..90 between the line a-b and the image horizontal, whatever the order."""
    if _distance_px(pose, a, b) is None:
        return None
    dx_px, dy_px = np.abs(pose.xy(b) - pose.xy(a))
    return math.degrees(math.atan2(dy_px, dx_px))


def _sagittal_angle_deg(lower_m: FloatArray, upper_m: FloatArray) -> float | None:
    """Angle of the lower->upper world segment from vertical, positive when upper is nearer."""
    forward_m = float(lower_m[2] - upper_m[2])  # negative z is towards the camera
    up_m = float(lower_m[1] - upper_m[1])  # y is down
    if math.hypot(forward_m, up_m) < _MIN_LENGTH_M:
        return None
    return math.degrees(math.atan2(forward_m, up_m))


def nose_height_sw(pose: Pose, min_visibility: float = DEFAULT_MIN_VISIBILITY) -> float | None:
    """Height of the nose tip above the shoulder line, in shoulder widths (positive = above).

    Falls when the head drops or pitches down; rises when the chin lifts.
    """
    if not _visible(pose, (LM.NOSE,), min_visibility):
        return None
    return _height_above_shoulders_sw(pose, pose.xy(LM.NOSE), min_visibility)


def ear_height_sw(pose: Pose, min_visibility: float = DEFAULT_MIN_VISIBILITY) -> float | None:
    """Height of the midpoint between the ears above the shoulder line, in shoulder widths.

    Positive = above. The ears sit near the head's pivot, so this follows the height of the head
    (slouching, sinking into the chair) and hardly moves when the head only nods.
    """
    if not _visible(pose, _EARS, min_visibility):
        return None
    return _height_above_shoulders_sw(pose, _mid_px(pose, *_EARS), min_visibility)


def head_height_sw(pose: Pose, min_visibility: float = DEFAULT_MIN_VISIBILITY) -> float | None:
    """Height of the head above the shoulder line, in shoulder widths (positive = above).

    The head point is the mean of the nose and the ear midpoint. It drops when the user slouches
    or looks down at a laptop, and rises when the neck is extended (monitor too high). Nose and
    both ears are required: falling back to the nose alone would silently change the definition
    and jump against the calibrated baseline, so callers wanting that use `nose_height_sw`.
    """
    if not _visible(pose, (LM.NOSE, *_EARS), min_visibility):
        return None
    head_px = (pose.xy(LM.NOSE) + _mid_px(pose, *_EARS)) / 2.0
    return _height_above_shoulders_sw(pose, head_px, min_visibility)


def head_pitch_sw(pose: Pose, min_visibility: float = DEFAULT_MIN_VISIBILITY) -> float | None:
    """Nose height minus ear-midpoint height, in shoulder widths.

    Head pitch seen from the front: larger (towards positive) = chin up / neck extended, smaller
    = looking down. Its neutral value is person-specific (the nose tip usually sits a little
    below the ears), so only the change from the baseline means anything.
    """
    nose_sw = nose_height_sw(pose, min_visibility)
    ear_sw = ear_height_sw(pose, min_visibility)
    if nose_sw is None or ear_sw is None:
        return None
    return nose_sw - ear_sw


def forward_head_m(pose: Pose, min_visibility: float = DEFAULT_MIN_VISIBILITY) -> float | None:
    """How far the ear midpoint is ahead of the shoulder midpoint in depth, in metres.

    From world landmarks. Positive = ears nearer the camera than the shoulders (forward head).
    """
    if not _visible_in_world(pose, (*_EARS, *_SHOULDERS), min_visibility):
        return None
    return float(_mid_m(pose, *_SHOULDERS)[2] - _mid_m(pose, *_EARS)[2])


def neck_flexion_deg(pose: Pose, min_visibility: float = DEFAULT_MIN_VISIBILITY) -> float | None:
    """Angle of the shoulder-midpoint-to-ear-midpoint line from vertical, sagittal plane, degrees.

    From world landmarks. 0 = ears straight above the shoulders; positive = head forward of the
    shoulders (flexed, "text neck"); negative = head behind the shoulders.
    """
    if not _visible_in_world(pose, (*_EARS, *_SHOULDERS), min_visibility):
        return None
    return _sagittal_angle_deg(_mid_m(pose, *_SHOULDERS), _mid_m(pose, *_EARS))


def trunk_pitch_deg(pose: Pose, min_visibility: float = DEFAULT_MIN_VISIBILITY) -> float | None:
    """Angle of the hip-midpoint-to-shoulder-midpoint line from vertical, sagittal plane, degrees.

    From world landmarks; needs both hips. Positive = shoulders forward of the hips (slumped
    forward), negative = reclined.
    """
    if not _visible_in_world(pose, (*_HIPS, *_SHOULDERS), min_visibility):
        return None
    return _sagittal_angle_deg(_mid_m(pose, *_HIPS), _mid_m(pose, *_SHOULDERS))


def trunk_lean_deg(pose: Pose, min_visibility: float = DEFAULT_MIN_VISIBILITY) -> float | None:
    """Sideways lean: angle in 0..90 between the hip-to-shoulder midline and the image vertical.

    Needs both hips, which a desk camera often cannot see. A magnitude: leaning left or right
    swaps under mirroring.
    """
    if not _visible(pose, (*_HIPS, *_SHOULDERS), min_visibility):
        return None
    spine_px = _mid_px(pose, *_SHOULDERS) - _mid_px(pose, *_HIPS)
    length_px = float(np.linalg.norm(spine_px))
    if length_px < _min_length_px(pose):
        return None
    return math.degrees(math.atan2(abs(spine_px[0]), abs(spine_px[1])))


def shoulder_tilt_deg(pose: Pose, min_visibility: float = DEFAULT_MIN_VISIBILITY) -> float | None:
    """Angle in 0..90 between the shoulder line and the image horizontal, degrees.

    0 = level shoulders. A magnitude, independent of which shoulder is higher.
    """
    if not _visible(pose, _SHOULDERS, min_visibility):
        return None
    return _line_tilt_from_horizontal_deg(pose, *_SHOULDERS)


def head_roll_deg(pose: Pose, min_visibility: float = DEFAULT_MIN_VISIBILITY) -> float | None:
    """Angle in 0..90 between the eye line and the image horizontal, degrees (sideways head tilt).

    Uses the outer eye corners, or the ears when an outer eye corner is not visible: both lines
    are level on a level head, so the fallback keeps the meaning. A magnitude.
    """
    for pair in (_OUTER_EYES, _EARS):
        if _visible(pose, pair, min_visibility):
            return _line_tilt_from_horizontal_deg(pose, *pair)
    return None


def face_shoulder_ratio(pose: Pose, min_visibility: float = DEFAULT_MIN_VISIBILITY) -> float | None:
    """Distance between the ears divided by shoulder width, both in pixels.

    Grows when the head moves forward towards the camera (the face comes nearer while the
    shoulders stay back). Ears only: the eye corners are about half as far apart, so falling back
    to them would jump against the baseline. Also shrinks when the head turns sideways.
    """
    if not _visible(pose, (*_EARS, *_SHOULDERS), min_visibility):
        return None
    face_px = _distance_px(pose, *_EARS)
    shoulders_px = _distance_px(pose, *_SHOULDERS)
    if face_px is None or shoulders_px is None:
        return None
    return face_px / shoulders_px


def shoulder_width_frac(pose: Pose, min_visibility: float = DEFAULT_MIN_VISIBILITY) -> float | None:
    """Shoulder width divided by the image diagonal, both in pixels.

    A proxy for the distance to the screen: grows as the user comes closer to the camera.
    """
    if not _visible(pose, _SHOULDERS, min_visibility):
        return None
    shoulders_px = _distance_px(pose, *_SHOULDERS)
    return None if shoulders_px is None else shoulders_px / _diagonal_px(pose)


def face_width_frac(pose: Pose, min_visibility: float = DEFAULT_MIN_VISIBILITY) -> float | None:
    """Distance between the ears divided by the image diagonal, both in pixels.

    Grows as the face comes closer to the camera, whether the whole body or only the head moves.
    """
    if not _visible(pose, _EARS, min_visibility):
        return None
    face_px = _distance_px(pose, *_EARS)
    return None if face_px is None else face_px / _diagonal_px(pose)


METRICS: Final[Mapping[str, Metric]] = {
    metric.__name__: metric
    for metric in (
        head_height_sw,
        nose_height_sw,
        ear_height_sw,
        head_pitch_sw,
        forward_head_m,
        neck_flexion_deg,
        face_shoulder_ratio,
        shoulder_tilt_deg,
        head_roll_deg,
        trunk_lean_deg,
        trunk_pitch_deg,
        shoulder_width_frac,
        face_width_frac,
    )
}


def all_metrics(
    pose: Pose, min_visibility: float = DEFAULT_MIN_VISIBILITY
) -> dict[str, float | None]:
    """Every metric by its function name, in a fixed order, for JSON output and assessment."""
    return {name: metric(pose, min_visibility) for name, metric in METRICS.items()}
