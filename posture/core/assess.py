"""Judging one frame: which posture issues its metrics show, against a baseline and level.

Every rule turns a measure into an excess ratio: the measure divided by its threshold, so 1.0
is exactly at the threshold and 2.0 twice past it. Time (smoothing, dwell, hysteresis) is added
by `posture.core.issue_tracker`; this module sees one frame at a time and is pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from posture.config.schema import Thresholds
from posture.core.baseline import Baseline, frame_values
from posture.core.landmarks import Pose
from posture.core.vocabulary import ISSUE_NAMES, Severity, severity_for

Values = Mapping[str, float | None]


@dataclass(frozen=True)
class Finding:
    """One issue seen in one frame."""

    name: str
    ratio: float
    severity: Severity

    def to_json(self) -> dict[str, object]:
        """The public JSON shape of an issue in `analyze --json`."""
        return {
            "name": self.name,
            "severity": self.severity.name.lower(),
            "ratio": round(self.ratio, 3),
        }


@dataclass(frozen=True)
class Judgement:
    """A frame's values, each issue's excess ratio (None when unknown) and the issues found."""

    values: Mapping[str, float | None]
    ratios: Mapping[str, float | None]
    findings: tuple[Finding, ...]


def _over(value: float | None, threshold: float) -> float | None:
    return None if value is None else value / threshold


def _widened(base: float, spread: float, thresholds: Thresholds) -> float:
    """A threshold never tighter than the user's own natural variation allows."""
    return max(base, thresholds.spread_factor * spread)


def _max(*ratios: float | None) -> float | None:
    known = [r for r in ratios if r is not None]
    return max(known) if known else None


def _diff(now: float | None, base: float | None) -> float | None:
    return None if now is None or base is None else now - base


def sink_sw(values: Values, baseline: Baseline) -> float | None:
    """How far the ear midpoint sank in the frame since calibration, in shoulder widths.

    Moving nearer or further scales the picture about its centre, so the baseline's ear
    position is first scaled by the change in shoulder width; what remains is the head sinking
    (positive) or rising. A slouch sinks the head; a glance at the keyboard barely moves the
    ears.
    """
    needed = [values.get(k) for k in ("ear_y", "shoulder_w")]
    base = [baseline.get(k) for k in ("ear_y", "shoulder_w")]
    if None in needed or None in base or baseline.width_px <= 0:
        return None
    ear_y, shoulder_w = needed
    base_ear_y, base_shoulder_w = base
    assert ear_y is not None and shoulder_w is not None
    assert base_ear_y is not None and base_shoulder_w is not None
    if shoulder_w <= 0 or base_shoulder_w <= 0:
        return None
    scale = shoulder_w / base_shoulder_w
    expected_y = 0.5 + (base_ear_y - 0.5) * scale
    aspect = baseline.height_px / baseline.width_px
    return (ear_y - expected_y) * aspect / shoulder_w


def issue_ratios(values: Values, baseline: Baseline, t: Thresholds) -> dict[str, float | None]:
    """Each issue's excess ratio for one frame's values."""
    b = baseline
    aspect = b.height_px / b.width_px if b.width_px else 1.0
    shoulder_w = b.get("shoulder_w")
    sink_spread = b.spread_of("ear_y") * aspect / shoulder_w if shoulder_w else 0.0

    drop = _diff(b.get("head_height_sw"), values.get("head_height_sw"))
    pitch = _diff(values.get("head_pitch_sw"), b.get("head_pitch_sw"))
    forward = _diff(values.get("forward_head_m"), b.get("forward_head_m"))
    face_now, face_base = values.get("face_shoulder_ratio"), b.get("face_shoulder_ratio")
    face_growth = face_now / face_base - 1.0 if face_now and face_base else None
    width_now, width_base = values.get("shoulder_width_frac"), b.get("shoulder_width_frac")
    closer = width_now / width_base - 1.0 if width_now and width_base else None

    def level_or_change(
        level_name: str, signed_name: str, level_t: float, change_t: float
    ) -> float | None:
        change = _diff(values.get(signed_name), b.get(signed_name))
        return _max(
            _over(values.get(level_name), level_t),
            None
            if change is None
            else abs(change) / _widened(change_t, b.spread_of(signed_name), t),
        )

    ratios: dict[str, float | None] = {
        "slouch": _max(
            _over(sink_sw(values, b), _widened(t.slouch_sink_sw, sink_spread, t)),
            _over(drop, _widened(t.slouch_drop_sw, b.spread_of("head_height_sw"), t)),
        ),
        "forward_head": _max(
            _over(forward, _widened(t.forward_head_m, b.spread_of("forward_head_m"), t)),
            _over(face_growth, t.face_growth_ratio),
        ),
        "head_down": _over(
            None if pitch is None else -pitch,
            _widened(t.head_down_sw, b.spread_of("head_pitch_sw"), t),
        ),
        "head_up": _over(pitch, _widened(t.head_up_sw, b.spread_of("head_pitch_sw"), t)),
        "head_tilt": level_or_change(
            "head_roll_deg", "head_roll_signed_deg", t.head_tilt_deg, t.head_tilt_change_deg
        ),
        "shoulder_tilt": level_or_change(
            "shoulder_tilt_deg",
            "shoulder_tilt_signed_deg",
            t.shoulder_tilt_deg,
            t.shoulder_tilt_change_deg,
        ),
        "lean": _over(values.get("trunk_lean_deg"), t.lean_deg),
        "too_close": _over(closer, t.too_close_ratio),
    }
    assert tuple(ratios) == ISSUE_NAMES
    return ratios


def judge_values(values: Values, baseline: Baseline, thresholds: Thresholds) -> Judgement:
    """Issues in one frame's values; an issue is found when its ratio reaches 1."""
    ratios = issue_ratios(values, baseline, thresholds)
    findings = tuple(
        Finding(name, ratio, severity_for(ratio))
        for name, ratio in ratios.items()
        if ratio is not None and ratio >= 1.0
    )
    return Judgement(values, ratios, findings)


def judge(pose: Pose, baseline: Baseline, thresholds: Thresholds) -> Judgement:
    """Issues in one pose."""
    return judge_values(frame_values(pose, thresholds.min_visibility), baseline, thresholds)
