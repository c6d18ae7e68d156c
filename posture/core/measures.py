"""What each rule measures in one frame against the baseline, in its own unit, before thresholds.

One function, one table of named measures. The rules (`posture.core.assess`) divide each by a
threshold; the jitter floors (`posture.core.jitter`) are measured on exactly these numbers
(`benchmarks/jitter_floors.py`), so a floor and the rule it protects can never drift apart.

- `sink_sw`: the ear midpoint sinking in the frame since calibration, shoulder widths;
- `ear_frame_sw`: the same before the distance correction (only its jitter is used: with the
  shoulder width's, it gives the sink's jitter for any framing, `posture.core.jitter`);
- `drop_sw`: the ears dropping towards the shoulder line, shoulder widths (the ears sit near
  the head's pivot, so a nod towards the keyboard hardly moves them);
- `forward_m`: the ears moving ahead of the shoulders in depth (world landmarks), metres;
- `face_growth`: the face growing against the shoulders (a head coming forward), a fraction;
- `pitch_change_deg`: the head nodding, degrees (positive: chin up);
- `roll_change_deg` and `roll_level_deg`: sideways head tilt against calibration and level;
- `shoulder_change_deg` and `shoulder_level_deg`: the shoulder line, the same two ways;
- `lean_deg`: the trunk against the image vertical (needs the hips), degrees;
- `closer`: the shoulders' growth in the picture since calibration (in frame heights), a
  fraction;
- `yaw_change_deg`: the head turning since calibration (gates the head rules, judges nothing).

Each is None when a value it needs is unknown in the frame or in the baseline.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from posture.core.baseline import Baseline

Values = Mapping[str, float | None]

MEASURES: Final = (
    "sink_sw",
    "ear_frame_sw",
    "drop_sw",
    "forward_m",
    "face_growth",
    "pitch_change_deg",
    "roll_change_deg",
    "roll_level_deg",
    "shoulder_change_deg",
    "shoulder_level_deg",
    "lean_deg",
    "closer",
    "yaw_change_deg",
)


def _diff(now: float | None, base: float | None) -> float | None:
    return None if now is None or base is None else now - base


def _growth(now: float | None, base: float | None) -> float | None:
    return now / base - 1.0 if now and base else None


def _abs(value: float | None) -> float | None:
    return None if value is None else abs(value)


def _height_scale(values: Values, baseline: Baseline) -> float | None:
    """How much larger the person looks than at calibration, from widths in frame heights.

    Widths are stored as fractions of the frame's width; turned into frame heights, they are
    unchanged when a picture loses a strip at one side, which a change of width would not be.
    """
    now, base = values.get("shoulder_w"), baseline.get("shoulder_w")
    aspect_now = values.get("frame_aspect")
    if not now or not base or baseline.width_px <= 0 or baseline.height_px <= 0:
        return None
    base_aspect = baseline.width_px / baseline.height_px
    return (now * (aspect_now or base_aspect)) / (base * base_aspect)


def sink_sw(values: Values, baseline: Baseline) -> float | None:
    """How far the ear midpoint sank in the frame since calibration, in shoulder widths.

    Moving nearer or further scales the picture about its centre, so the baseline's ear
    height is first scaled by the change in apparent size; what remains is the head sinking
    (positive) or rising. A slouch sinks the head; a glance at the keyboard barely moves the
    ears.
    """
    ear_y, base_ear_y = values.get("ear_y"), baseline.get("ear_y")
    scale = _height_scale(values, baseline)
    shoulder_w = values.get("shoulder_w")
    if ear_y is None or base_ear_y is None or scale is None or not shoulder_w:
        return None
    expected_y = 0.5 + (base_ear_y - 0.5) * scale
    aspect = values.get("frame_aspect") or baseline.width_px / baseline.height_px
    return (ear_y - expected_y) / (shoulder_w * aspect)


def _ear_frame_sw(values: Values, baseline: Baseline) -> float | None:
    ear_y, base_ear_y = values.get("ear_y"), baseline.get("ear_y")
    shoulder_w = baseline.get("shoulder_w")
    if ear_y is None or base_ear_y is None or not shoulder_w or baseline.height_px <= 0:
        return None
    return (ear_y - base_ear_y) * baseline.height_px / (shoulder_w * baseline.width_px)


def change_measures(values: Values, baseline: Baseline) -> dict[str, float | None]:
    """Every measure of MEASURES for one frame's values against a baseline."""
    b = baseline
    roll = values.get("head_roll_signed_deg")
    shoulders = values.get("shoulder_tilt_signed_deg")
    scale = _height_scale(values, b)
    out: dict[str, float | None] = {
        "sink_sw": sink_sw(values, b),
        "ear_frame_sw": _ear_frame_sw(values, b),
        "drop_sw": _diff(b.get("ear_height_sw"), values.get("ear_height_sw")),
        "forward_m": _diff(values.get("forward_head_m"), b.get("forward_head_m")),
        "face_growth": _growth(values.get("face_shoulder_ratio"), b.get("face_shoulder_ratio")),
        "pitch_change_deg": _diff(values.get("head_pitch_deg"), b.get("head_pitch_deg")),
        "roll_change_deg": _diff(roll, b.get("head_roll_signed_deg")),
        "roll_level_deg": _abs(roll),
        "shoulder_change_deg": _diff(shoulders, b.get("shoulder_tilt_signed_deg")),
        "shoulder_level_deg": _abs(shoulders),
        "lean_deg": values.get("trunk_lean_deg"),
        "closer": None if scale is None else scale - 1.0,
        "yaw_change_deg": _diff(values.get("head_yaw_deg"), b.get("head_yaw_deg")),
    }
    assert tuple(out) == MEASURES
    return out
