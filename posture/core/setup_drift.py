"""Noticing that the desk setup changed: the user's body is far from where the profile says.

When the camera is moved, zoomed or swapped, every baseline-relative rule judges the user
against a picture that no longer applies, and would report slouches that are not there. This
pure state machine over `(now_s, values)` watches two things the frame values carry, compared
with the calibrated baseline:

- scale: the shoulder width against the calibrated one (a ratio; 1 = unchanged);
- position: the shoulder midpoint's offset from the calibrated one, sideways and vertically,
  in calibrated shoulder widths.

A slouch sinks the shoulders by about 0.1 to 0.15 shoulder widths and keeps or shrinks the
scale by up to about a quarter (the real frames of ../shared/data/slouching-or-not: session B
0.98 and +0.11 sw down, session A 0.76 and +0.08 sw down). A moved camera shifts or scales the
whole picture by much more, and keeps it so. So the defaults only call a setup changed beyond
what a slouch does: the picture of the user shrunk to under 65 % or grown past 154 % (the same
factor the other way), or the shoulders moved more than 0.6 shoulder widths sideways or 0.5
vertically; and only when the rolling median over `WINDOW_S` stays beyond that for `drift_min`.

Two medians, two purposes. The long one (`WINDOW_S`) decides `drifted`, which is slow on
purpose: leaning in to read something for a minute is no setup change. The short one
(`HOLD_WINDOW_S`) says "the body is somewhere else right now"; while it does, posture alerts are
held back, since they would be judged against a baseline that does not fit and a posture
alert's dwell (20 s) is far shorter than `drift_min`. A hold that never becomes a drift ends as
soon as the body is back, and posture alerts resume.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from statistics import median

from posture.config.schema import Monitor
from posture.core.baseline import Baseline

# Seconds of samples in the rolling median that decides a drift (a couple of minutes: longer
# than any posture episode a fidget causes, short enough to follow a moved camera).
WINDOW_S = 120.0
# Seconds of samples in the short median that holds posture alerts back.
HOLD_WINDOW_S = 15.0
# Fewest samples a median needs before it says anything (one odd frame never decides).
MIN_SAMPLES = 10
MIN_HOLD_SAMPLES = 3
# Hysteresis: a drift clears once the long median is back within this share of each threshold.
CLEAR_FRACTION = 0.8


@dataclass(frozen=True)
class Offset:
    """How the body sits compared with the calibration: scale ratio and shift in shoulder widths.

    `dx_sw` is positive to the right of the image, `dy_sw` positive lower in the image.
    """

    scale: float
    dx_sw: float
    dy_sw: float


@dataclass(frozen=True)
class DriftState:
    """Recent offsets and the verdicts drawn from them; start from `DriftState()`."""

    samples: tuple[tuple[float, Offset], ...] = ()
    far_since_s: float | None = None
    drifted: bool = False
    holding: bool = False
    typical: Offset | None = None  # the long median, when there are enough samples


def offset(values: Mapping[str, float | None], baseline: Baseline) -> Offset | None:
    """The frame's offset from the calibration, or None when either lacks the shoulders."""
    needed = [values.get(k) for k in ("shoulder_w", "shoulder_x", "shoulder_y")]
    base = [baseline.get(k) for k in ("shoulder_w", "shoulder_x", "shoulder_y")]
    if baseline.population or baseline.width_px <= 0 or baseline.height_px <= 0:
        return None
    if any(v is None for v in needed) or any(v is None for v in base):
        return None
    width, x, y = (float(v) for v in needed)  # type: ignore[arg-type]
    base_width, base_x, base_y = (float(v) for v in base)  # type: ignore[arg-type]
    if width <= 0 or base_width <= 0:
        return None
    aspect = baseline.height_px / baseline.width_px
    return Offset(width / base_width, (x - base_x) / base_width, (y - base_y) * aspect / base_width)


def is_far(found: Offset, settings: Monitor, fraction: float = 1.0) -> bool:
    """Whether an offset is beyond the drift thresholds (scaled by `fraction`)."""
    shrink = 1.0 - settings.drift_scale_ratio * fraction
    return (
        found.scale < shrink
        or found.scale > 1.0 / shrink
        or abs(found.dx_sw) > settings.drift_shift_x_sw * fraction
        or abs(found.dy_sw) > settings.drift_shift_y_sw * fraction
    )


def _median(samples: tuple[tuple[float, Offset], ...]) -> Offset:
    # Lists, not generators: this runs over up to two minutes of samples at every look.
    return Offset(
        median([o.scale for _, o in samples]),
        median([o.dx_sw for _, o in samples]),
        median([o.dy_sw for _, o in samples]),
    )


def advance(
    state: DriftState,
    now_s: float,
    values: Mapping[str, float | None] | None,
    baseline: Baseline,
    settings: Monitor,
) -> DriftState:
    """The state after one look at `now_s` (`values` None: nobody or no shoulders seen)."""
    found = None if values is None else offset(values, baseline)
    kept = tuple(s for s in state.samples if now_s - s[0] < WINDOW_S)
    if found is not None and math.isfinite(found.scale):
        kept = (*kept, (now_s, found))
    recent = tuple(s for s in kept if now_s - s[0] < HOLD_WINDOW_S)
    holding = len(recent) >= MIN_HOLD_SAMPLES and is_far(_median(recent), settings)
    if len(kept) < MIN_SAMPLES:
        # Too little seen lately (away, or just started): no news about the setup, so a drift
        # already found stands, but time away does not count towards a new one.
        return replace(state, samples=kept, far_since_s=None, holding=holding, typical=None)
    typical = _median(kept)
    if state.drifted:
        drifted = is_far(typical, settings, CLEAR_FRACTION)
        return DriftState(kept, state.far_since_s if drifted else None, drifted, holding, typical)
    if not is_far(typical, settings):
        return DriftState(kept, None, False, holding, typical)
    far_since = state.far_since_s if state.far_since_s is not None else now_s
    drifted = now_s - far_since >= settings.drift_min * 60.0
    return DriftState(kept, far_since, drifted, holding, typical)


def holds_alerts(state: DriftState) -> bool:
    """Whether posture alerts must wait: the setup drifted, or the body is elsewhere right now."""
    return state.drifted or state.holding


def describe(found: Offset, settings: Monitor) -> str:
    """What changed, in words: "smaller and further to one side", for the notification."""
    parts: list[str] = []
    shrink = 1.0 - settings.drift_scale_ratio
    if found.scale < shrink:
        parts.append("smaller")
    elif found.scale > 1.0 / shrink:
        parts.append("larger")
    if abs(found.dx_sw) > settings.drift_shift_x_sw:
        parts.append("further to one side")
    if found.dy_sw > settings.drift_shift_y_sw:
        parts.append("lower")
    elif found.dy_sw < -settings.drift_shift_y_sw:
        parts.append("higher")
    return " and ".join(parts) or "in a different place"


def suggestion(state: DriftState, settings: Monitor, profile: str | None) -> tuple[str, str]:
    """The one notification that suggests calibrating again or switching profile."""
    seen = (
        describe(state.typical, settings) if state.typical is not None else "in a different place"
    )
    minutes = settings.drift_min
    current = f" than profile '{profile}' expects" if profile else " than when you calibrated"
    message = (
        f"For {minutes:g} minutes you have looked {seen} in the camera's picture{current}, so "
        "posture alerts are paused. If the camera or your seat moved, run `python run.py "
        "calibrate`, or switch profile with `python run.py run --profile NAME`."
    )
    return "Has your desk setup changed?", message
