"""Judging one frame: which posture issues its metrics show, against a baseline and level.

Every rule turns a measure (`posture.core.measures`) into an excess ratio: the measure divided
by its threshold, so 1.0 is exactly at the threshold and 2.0 twice past it. A threshold is the
configured one, widened to the user's own natural variation while calibrating and never below
the model's jitter floor for a calibration of that many frames (`posture.core.jitter`). The
optional calibration phases (`posture.core.learned`) move a few of them: a usual slouch puts
the slouch measures' thresholds midway between this person's good and bad, a look at the
keyboard widens head_down to cover it, a look at the other screen turns the head rules off
halfway there.

Two gates come first. A frame whose view cannot be judged (`posture.core.view`: from the side,
reclined, no shoulders) gets no ratios at all, and says why. A head turned well away from where
it was calibrated (towards a second screen) leaves the head rules unknown: tilt, nod and the
head's depth are not read off a face seen at an angle. Time (smoothing, dwell, hysteresis) is
added by `posture.core.issue_tracker`; this module sees one frame at a time and is pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from posture.config.schema import Thresholds
from posture.core.baseline import Baseline, frame_values
from posture.core.jitter import floor, level_floor, sink_floor
from posture.core.landmarks import Pose
from posture.core.learned import keyboard_nod_deg, screen_turn_limit, slouch_threshold
from posture.core.measures import change_measures
from posture.core.measures import sink_sw as sink_sw
from posture.core.view import cannot_judge_text, view_problem
from posture.core.vocabulary import ISSUE_NAMES, Severity, severity_for

Values = Mapping[str, float | None]

# A head turned further than this from its calibrated direction shows the face at too steep an
# angle for tilt, nod and depth: at about 35 degrees the far eye's outer corner starts to hide
# behind the nose, and a look at a second screen beside the first is 30 to 45 degrees.
HEAD_TURN_LIMIT_DEG: Final = 35.0
HEAD_RULES: Final = frozenset({"forward_head", "head_down", "head_up", "head_tilt"})


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
    """A frame's values, each issue's excess ratio (None when unknown) and the issues found.

    `view` is None when the frame could be judged, else the reason it could not (a key of
    `posture.core.view.VIEW_PROBLEMS`); then every ratio is None and nothing is found.
    """

    values: Mapping[str, float | None]
    ratios: Mapping[str, float | None]
    findings: tuple[Finding, ...]
    view: str | None = None

    @property
    def judged(self) -> bool:
        """Whether the view could be judged at all."""
        return self.view is None

    @property
    def cannot_judge(self) -> str | None:
        """ "cannot judge from this view: ..." for an unjudgeable frame, else None."""
        return None if self.view is None else cannot_judge_text(self.view)


def _over(value: float | None, threshold: float) -> float | None:
    return None if value is None else value / threshold


def _max(*ratios: float | None) -> float | None:
    known = [r for r in ratios if r is not None]
    return max(known) if known else None


def _neg(value: float | None) -> float | None:
    return None if value is None else -value


def _abs(value: float | None) -> float | None:
    return None if value is None else abs(value)


def _head_turned(values: Values, baseline: Baseline, yaw_change: float | None) -> bool:
    """Whether the head faces too far from its calibrated direction to judge its shape (or
    halfway or more towards the other screen the `screen` phase learned)."""
    if yaw_change is not None:
        return abs(yaw_change) > screen_turn_limit(baseline, yaw_change, HEAD_TURN_LIMIT_DEG)
    # Known at calibration, unknown now with the face in view: turned past a profile.
    return (
        baseline.get("head_yaw_deg") is not None
        and values.get("head_yaw_deg") is None
        and values.get("ear_y") is not None
    )


def issue_ratios(values: Values, baseline: Baseline, t: Thresholds) -> dict[str, float | None]:
    """Each issue's excess ratio for one frame's values (every one None when unjudgeable)."""
    if view_problem(values) is not None:
        return dict.fromkeys(ISSUE_NAMES)
    b = baseline
    n = b.frames
    m = change_measures(values, b)

    def limit(config: float, spread: float, measure: str, least: float | None = None) -> float:
        """The configured threshold (or midway to the learned usual slouch), widened to the
        calibration's spread and the jitter floor."""
        learned = slouch_threshold(b, measure)
        least = floor(measure, n) if least is None else least
        return max(config if learned is None else learned, t.spread_factor * spread, least)

    aspect = b.height_px / b.width_px if b.width_px else 1.0
    shoulder_w = b.get("shoulder_w")
    sink_spread = b.spread_of("ear_y") * aspect / shoulder_w if shoulder_w else 0.0
    face_base = b.get("face_shoulder_ratio")
    face_spread = b.spread_of("face_shoulder_ratio") / face_base if face_base else 0.0
    pitch_spread = b.spread_of("head_pitch_deg")
    roll_spread = b.spread_of("head_roll_signed_deg")
    shoulder_spread = b.spread_of("shoulder_tilt_signed_deg")
    ratios: dict[str, float | None] = {
        "slouch": _max(
            _over(m["sink_sw"], limit(t.slouch_sink_sw, sink_spread, "sink_sw", sink_floor(b))),
            _over(m["drop_sw"], limit(t.slouch_drop_sw, b.spread_of("ear_height_sw"), "drop_sw")),
        ),
        "forward_head": _max(
            _over(
                m["forward_m"],
                limit(t.forward_head_m, b.spread_of("forward_head_m"), "forward_m"),
            ),
            _over(m["face_growth"], limit(t.face_growth_ratio, face_spread, "face_growth")),
        ),
        "head_down": _over(
            _neg(m["pitch_change_deg"]),
            max(
                limit(t.head_down_deg, pitch_spread, "pitch_change_deg"),
                keyboard_nod_deg(b) + floor("pitch_change_deg", n),
            ),
        ),
        "head_up": _over(
            m["pitch_change_deg"], limit(t.head_up_deg, pitch_spread, "pitch_change_deg")
        ),
        "head_tilt": _max(
            _over(m["roll_level_deg"], max(t.head_tilt_deg, level_floor("roll_level_deg"))),
            _over(
                _abs(m["roll_change_deg"]),
                limit(t.head_tilt_change_deg, roll_spread, "roll_change_deg"),
            ),
        ),
        "shoulder_tilt": _max(
            _over(
                m["shoulder_level_deg"], max(t.shoulder_tilt_deg, level_floor("shoulder_level_deg"))
            ),
            _over(
                _abs(m["shoulder_change_deg"]),
                limit(t.shoulder_tilt_change_deg, shoulder_spread, "shoulder_change_deg"),
            ),
        ),
        "lean": _over(m["lean_deg"], max(t.lean_deg, level_floor("lean_deg"))),
        "too_close": _over(m["closer"], limit(t.too_close_ratio, 0.0, "closer")),
    }
    if _head_turned(values, b, m["yaw_change_deg"]):
        ratios.update(dict.fromkeys(HEAD_RULES))
    assert tuple(ratios) == ISSUE_NAMES
    return ratios


def judge_values(values: Values, baseline: Baseline, thresholds: Thresholds) -> Judgement:
    """Issues in one frame's values; an issue is found when its ratio reaches 1."""
    problem = view_problem(values)
    ratios = issue_ratios(values, baseline, thresholds)
    findings = tuple(
        Finding(name, ratio, severity_for(ratio))
        for name, ratio in ratios.items()
        if ratio is not None and ratio >= 1.0
    )
    return Judgement(values, ratios, findings, problem)


def judge(pose: Pose, baseline: Baseline, thresholds: Thresholds) -> Judgement:
    """Issues in one pose."""
    return judge_values(frame_values(pose, thresholds.min_visibility), baseline, thresholds)
