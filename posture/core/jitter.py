"""Jitter floors: no threshold is tighter than the pose model's own wobble allows.

A rule compares a frame with a baseline, and both carry the model's jitter: the frame its own,
the baseline that of the median of `n` calibration frames. With a per-frame jitter of
standard deviation `sd`, their difference wobbles by `sd * sqrt(1 + 1/n)`: 1.41 sd after a
one-frame calibration, 1.10 sd after five. A threshold below FLOOR_Z times that would fire on
jitter alone, so `floor(measure, n)` is the least every threshold may be. A measure judged
against level (no baseline) carries only the frame's own jitter: `level_floor(measure)`.

The sink (`sink_sw`) is the ear's height in the frame corrected for distance by the change in
shoulder width, about the picture's centre; so its jitter is the ear's own plus the shoulder
width's, magnified by how far the ears sit from the centre (`framing_gain`: about 0.4 shoulder
widths for a desk webcam, 2.7 for a full-body video). `sink_floor` adds the two.

Each sd below is the largest of these, measured with `python benchmarks/jitter_floors.py` on
../shared/data with the lite and full models (docs/accuracy.md, "Jitter floors"), rounded up:

- the near-duplicate burst frames of one upright sitter (slouching-or-not, per session): the
  model's jitter plus the natural sway of someone sitting still, which a one-frame
  calibration cannot see;
- a real video (pose_squats.mp4): frame-to-frame changes while the body is still between
  squats (the hips move less than 1 % of the frame), analysed as video and as pictures;
- the benign perturbations of `posture.adapters.opencv_perturb` (mirror, dim, JPEG, noise,
  blur, shift), on every frontal picture: the root mean square of the change each causes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Final

from posture.core.baseline import Baseline

# A difference past 3 sd happens on 0.3 % of frames for a normal wobble; the model's tails are
# heavier than normal, and the rule still has its own threshold on top.
FLOOR_Z: Final = 3.0

JITTER_SD: Final[Mapping[str, float]] = {
    "ear_frame_sw": 0.021,  # shoulder widths; so that the formula covers every measured sink
    "drop_sw": 0.021,  # shoulder widths; the mirror
    "forward_m": 0.012,  # metres; the mirror (world depth is the model's weakest output)
    "face_growth": 0.062,  # fraction; the mirror: the ears' spacing moves by several pixels
    "pitch_change_deg": 2.9,  # degrees; the mirror
    "roll_change_deg": 4.4,  # degrees; the session-B burst, where the sitter's head sways
    "roll_level_deg": 3.2,  # degrees; the session-B burst, as a magnitude
    "shoulder_change_deg": 2.5,  # degrees; the mirror and the bursts
    "shoulder_level_deg": 2.0,  # degrees; the shift and the mirror
    "lean_deg": 1.2,  # degrees; noise (pictures with the hips in view)
    "closer": 0.046,  # fraction of the shoulder width; the mirror and the shift
    "yaw_change_deg": 5.1,  # degrees; the mirror
}


def _baseline_factor(frames: int) -> float:
    # A baseline of no frames (the population defaults) counts as one frame: it says no more
    # about this person than a single look would.
    return math.sqrt(1.0 + 1.0 / max(1, frames))


def floor(measure: str, frames: int) -> float:
    """The least threshold for a change `measure` after a calibration of `frames` frames."""
    return FLOOR_Z * JITTER_SD[measure] * _baseline_factor(frames)


def level_floor(measure: str) -> float:
    """The least threshold for a measure judged against level, without a baseline."""
    return FLOOR_Z * JITTER_SD[measure]


def framing_gain(baseline: Baseline) -> float:
    """How far the calibrated ears sit from the picture's centre height, in shoulder widths.

    The distance correction of the sink scales that offset by the change in shoulder width,
    so a shoulder width's jitter reaches the sink multiplied by this.
    """
    ear_y, shoulder_w = baseline.get("ear_y"), baseline.get("shoulder_w")
    if ear_y is None or not shoulder_w or baseline.width_px <= 0:
        return 0.0
    return abs(ear_y - 0.5) * baseline.height_px / (shoulder_w * baseline.width_px)


def sink_sd_for_gain(gain: float) -> float:
    """The per-frame jitter of the sink for a framing gain, in shoulder widths."""
    return math.hypot(JITTER_SD["ear_frame_sw"], gain * JITTER_SD["closer"])


def sink_sd(baseline: Baseline) -> float:
    """The per-frame jitter of the sink for this baseline's framing, in shoulder widths."""
    return sink_sd_for_gain(framing_gain(baseline))


def sink_floor(baseline: Baseline) -> float:
    """The least sink threshold for this baseline (its framing and its number of frames)."""
    return FLOOR_Z * sink_sd(baseline) * _baseline_factor(baseline.frames)
