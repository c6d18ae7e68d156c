"""The user's calibrated neutral posture: robust medians and spreads of their metrics.

A baseline is computed from many frames of good posture. Medians ignore the odd bad frame;
spreads (scaled median absolute deviations) say how much the user naturally moves, so that a
restless sitter is not flagged for their normal motion. It is stored as JSON in a profile.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from posture.core.head_pose import head_pitch_deg, head_roll_signed_deg, head_yaw_deg
from posture.core.landmarks import LM, Pose
from posture.core.metrics import all_metrics
from posture.core.view import body_yaw_deg

# Scales a median absolute deviation to a standard deviation for normally distributed values.
MAD_TO_SD = 1.4826

BASELINE_VERSION = 1


def signed_tilt_deg(pose: Pose, a: LM, b: LM, min_visibility: float) -> float | None:
    """Angle of the line through a and b against the image horizontal, in -90..90 degrees.

    Positive when the end further right in the image is higher. Unlike the magnitude metrics,
    the sign lets a change be measured against a baseline in both directions.
    """
    if pose.visibility(a) < min_visibility or pose.visibility(b) < min_visibility:
        return None
    left, right = sorted((pose.xy(a), pose.xy(b)), key=lambda p: float(p[0]))
    dx, dy = float(right[0] - left[0]), float(left[1] - right[1])
    if math.hypot(dx, dy) <= 1e-9:
        return None
    return math.degrees(math.atan2(dy, dx))


def shoulder_tilt_signed_deg(pose: Pose, min_visibility: float) -> float | None:
    """Signed shoulder tilt (positive: the shoulder on the image's right is higher)."""
    return signed_tilt_deg(pose, LM.LEFT_SHOULDER, LM.RIGHT_SHOULDER, min_visibility)


def reference_points(pose: Pose, min_visibility: float) -> dict[str, float | None]:
    """Positions used for baseline-relative measures, as fractions of the frame.

    `ear_x`, `ear_y`: the ear midpoint; `shoulder_x`, `shoulder_y`: the shoulder midpoint;
    `shoulder_w`: shoulder width; all divided by the frame's width or height (x and widths by
    width, y by height), so that baselines survive a change of camera resolution.
    `frame_aspect`: the frame's width over its height, to compare widths across frame shapes.
    """
    # Worked out once per pose (choosing the user and judging them both need it); a copy each.
    return dict(
        pose.once("reference_points", min_visibility, lambda: _points(pose, min_visibility))
    )


def _points(pose: Pose, min_visibility: float) -> dict[str, float | None]:
    out: dict[str, float | None] = dict.fromkeys(
        ("ear_x", "ear_y", "shoulder_x", "shoulder_y", "shoulder_w")
    )
    w, h = float(pose.width_px), float(pose.height_px)
    out["frame_aspect"] = w / h if h > 0 else None
    shoulders = (LM.LEFT_SHOULDER, LM.RIGHT_SHOULDER)
    if all(pose.visibility(lm) >= min_visibility for lm in shoulders):
        mid = (pose.xy(LM.LEFT_SHOULDER) + pose.xy(LM.RIGHT_SHOULDER)) / 2
        out["shoulder_x"], out["shoulder_y"] = float(mid[0]) / w, float(mid[1]) / h
        out["shoulder_w"] = (
            float(np.linalg.norm(pose.xy(LM.LEFT_SHOULDER) - pose.xy(LM.RIGHT_SHOULDER))) / w
        )
    if all(pose.visibility(lm) >= min_visibility for lm in (LM.LEFT_EAR, LM.RIGHT_EAR)):
        mid = (pose.xy(LM.LEFT_EAR) + pose.xy(LM.RIGHT_EAR)) / 2
        out["ear_x"], out["ear_y"] = float(mid[0]) / w, float(mid[1]) / h
    return out


def frame_values(pose: Pose, min_visibility: float) -> dict[str, float | None]:
    """Everything a baseline keeps for one frame.

    The metrics, the signed tilts, the head pose in degrees (`posture.core.head_pose`), how far
    the body turns from the camera (`posture.core.view`) and the reference points.
    """
    values = all_metrics(pose, min_visibility)
    values["shoulder_tilt_signed_deg"] = shoulder_tilt_signed_deg(pose, min_visibility)
    values["head_roll_signed_deg"] = head_roll_signed_deg(pose, min_visibility)
    values["head_yaw_deg"] = head_yaw_deg(pose, min_visibility)
    values["head_pitch_deg"] = head_pitch_deg(pose, min_visibility)
    values["body_yaw_deg"] = body_yaw_deg(pose, min_visibility)
    values.update(reference_points(pose, min_visibility))
    return values


@dataclass(frozen=True)
class Baseline:
    """Medians and spreads of the frame values over a calibration, plus its frame size."""

    median: Mapping[str, float]
    spread: Mapping[str, float]
    frames: int
    width_px: int
    height_px: int
    population: bool = False
    notes: tuple[str, ...] = field(default=())
    # What the optional calibration phases learned (`posture.core.learned`); empty without them.
    learned: Mapping[str, float] = field(default_factory=dict)

    def get(self, name: str) -> float | None:
        """The median of one value, or None when the calibration could not see it."""
        return self.median.get(name)

    def spread_of(self, name: str) -> float:
        """The natural variation of one value (0 when unknown)."""
        return self.spread.get(name, 0.0)

    def to_json(self) -> str:
        """Serialised form for a stored profile."""
        return json.dumps(
            {
                "version": BASELINE_VERSION,
                "median": dict(self.median),
                "spread": dict(self.spread),
                "frames": self.frames,
                "width_px": self.width_px,
                "height_px": self.height_px,
                "notes": list(self.notes),
                "learned": dict(self.learned),
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> Baseline:
        """Read a stored profile; raises ValueError when it is not one."""
        data: dict[str, Any] = json.loads(text)
        if data.get("version") != BASELINE_VERSION:
            raise ValueError("the stored profile has an unknown format")
        return cls(
            median={k: float(v) for k, v in data["median"].items()},
            spread={k: float(v) for k, v in data["spread"].items()},
            frames=int(data["frames"]),
            width_px=int(data["width_px"]),
            height_px=int(data["height_px"]),
            notes=tuple(data.get("notes", ())),
            # Profiles from before the optional phases have none: they load as upright only.
            learned={k: float(v) for k, v in data.get("learned", {}).items()},
        )


def robust_baseline(
    samples: Iterable[Mapping[str, float | None]],
    width_px: int,
    height_px: int,
    notes: tuple[str, ...] = (),
) -> Baseline:
    """Medians and MAD spreads of every value seen in at least half of the samples."""
    rows = list(samples)
    median: dict[str, float] = {}
    spread: dict[str, float] = {}
    names = {name for row in rows for name in row}
    for name in sorted(names):
        values = np.array([row[name] for row in rows if row.get(name) is not None], dtype=float)
        if len(values) == 0 or len(values) * 2 < len(rows):
            continue
        centre = float(np.median(values))
        median[name] = centre
        spread[name] = float(np.median(np.abs(values - centre))) * MAD_TO_SD
    return Baseline(median, spread, len(rows), width_px, height_px, notes=notes)


# An upright adult at a desk, seen from a webcam at screen height. Medians of the upright frontal
# frames in the project's labelled data (slouching-or-not and the portraits; lite 0.605 and
# full 0.579 for the ear height, 0.036 and 0.060 m for the ears' depth ahead of the shoulders),
# halfway between the two models. Only values that do not depend on where the camera stands
# are kept: no positions or distances, no tilts (symmetry is judged against level, which needs
# no baseline), no head pitch (it follows the camera's height), and no face-to-shoulder ratio,
# which differs too much between people.
POPULATION = Baseline(
    median={
        "ear_height_sw": 0.59,
        "forward_head_m": 0.05,
    },
    spread={},
    frames=0,
    width_px=0,
    height_px=0,
    population=True,
)
