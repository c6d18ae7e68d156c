"""Calibration: turning a few seconds of the user's good posture into a baseline, or refusing.

Pure: it takes what the pose model found in each sampled frame and either returns a robust
`Baseline` or raises `CalibrationRefused` with a reason the user can act on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from posture.config.schema import Thresholds
from posture.core.baseline import MAD_TO_SD, Baseline, frame_values, robust_baseline
from posture.core.landmarks import Pose
from posture.core.view import cannot_judge_text, view_problem
from posture.errors import UserError

# Share of sampled frames that may miss the user or show a second person before calibration
# gives up: a passer-by for a moment is fine, a colleague sitting beside you is not.
MAX_EMPTY_SHARE = 0.5
MAX_CROWDED_SHARE = 0.25
MIN_FRAMES = 1
# Movement can only be judged from a few frames or more.
MIN_FRAMES_FOR_MOTION = 3
# Head movement allowed while calibrating, as a standard deviation in shoulder widths. Sitting
# still moves the head by a few hundredths; shifting around moves it by a tenth or more. Up and
# down matters most (the slouch rules compare heights); swaying sideways is allowed more.
MAX_MOTION_SW = 0.06
MAX_SWAY_SW = 0.15


class CalibrationRefused(UserError):
    """The frames cannot serve as a baseline; the message says why and what to do."""


@dataclass(frozen=True)
class Sample:
    """What one calibration frame showed: how many people, and the values of the nearest one."""

    people: int
    values: Mapping[str, float | None] | None


def sample_of(poses: Sequence[Pose], min_visibility: float) -> Sample:
    """What the people found in one frame tell calibration: values only when one person shows."""
    if len(poses) != 1:
        return Sample(len(poses), None)
    return Sample(1, frame_values(poses[0], min_visibility))


def _motion_sw(samples: Sequence[Mapping[str, float | None]], aspect: float) -> tuple[float, float]:
    """The head's sideways and up-down movement across samples, in shoulder widths."""
    rows = [
        (s["ear_y"], s["ear_x"], s["shoulder_w"])
        for s in samples
        if s.get("ear_y") is not None and s.get("ear_x") is not None and s.get("shoulder_w")
    ]
    if len(rows) < MIN_FRAMES_FOR_MOTION:
        return 0.0, 0.0
    ear_y, ear_x, width = (np.array(col, dtype=float) for col in zip(*rows, strict=True))
    scale = float(np.median(width))
    spreads = [float(np.median(np.abs(v - np.median(v)))) * MAD_TO_SD for v in (ear_x, ear_y)]
    return spreads[0] / scale, spreads[1] * aspect / scale


def build_baseline(
    samples: Sequence[Sample], width_px: int, height_px: int, thresholds: Thresholds
) -> Baseline:
    """A baseline from calibration samples, or CalibrationRefused naming what went wrong."""
    total = len(samples)
    if total == 0:
        raise CalibrationRefused("no frames could be read for calibration")
    empty = sum(1 for s in samples if s.people == 0)
    crowded = sum(1 for s in samples if s.people > 1)
    if empty / total > MAX_EMPTY_SHARE:
        raise CalibrationRefused(
            "nobody was in view; sit in front of the camera so your head and shoulders show"
        )
    if crowded / total > MAX_CROWDED_SHARE:
        raise CalibrationRefused(
            "more than one person was in view; calibrate alone so the assistant learns "
            "your posture and nobody else's"
        )
    single = [s.values for s in samples if s.people == 1 and s.values is not None]
    # A side view or a body lying back cannot be judged, so it cannot be what is judged against.
    problems = [p for p in (view_problem(v) for v in single) if p not in (None, "no_shoulders")]
    if single and len(problems) * 2 >= len(single):
        raise CalibrationRefused(cannot_judge_text(max(sorted(set(problems)), key=problems.count)))
    single = [v for v in single if view_problem(v) in (None, "no_shoulders")]
    with_shoulders = [v for v in single if v.get("shoulder_w") and v.get("ear_y") is not None]
    if len(with_shoulders) < max(MIN_FRAMES, len(single) // 2):
        raise CalibrationRefused(
            "your head and both shoulders were not clearly visible; move back or tilt the "
            "camera down so your shoulders are in the picture, with light on your face"
        )
    aspect = height_px / width_px
    sway, motion = _motion_sw(with_shoulders, aspect)
    if motion > MAX_MOTION_SW or sway > MAX_SWAY_SW:
        raise CalibrationRefused(
            "you moved too much while calibrating; sit still in your good posture for a few "
            "seconds and try again"
        )
    notes: list[str] = []
    baseline = robust_baseline(with_shoulders, width_px, height_px)
    tilt = baseline.get("shoulder_tilt_deg")
    if tilt is not None and tilt >= thresholds.shoulder_tilt_deg:
        notes.append(
            f"your shoulders were {tilt:.0f}° off level while calibrating; they will "
            "still be judged against level, not against this"
        )
    roll = baseline.get("head_roll_deg")
    if roll is not None and roll >= thresholds.head_tilt_deg:
        notes.append(
            f"your head was tilted {roll:.0f}° while calibrating; it will still be "
            "judged against level"
        )
    return Baseline(
        baseline.median, baseline.spread, baseline.frames, width_px, height_px, notes=tuple(notes)
    )
