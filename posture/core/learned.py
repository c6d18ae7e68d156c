"""What the optional calibration phases learn about this person's range, and how rules use it.

Pure. After the required upright calibration, up to three phases may follow (their names are
a fixed vocabulary, as `calibrate --phases` takes them). Each learns from the frame values of
the phase (`posture.core.baseline.frame_values`), measured against the upright baseline with
the rules' own measures (`posture.core.measures`), and stores numbers in `Baseline.learned`:

- `keyboard` ("look at your keyboard"): `keyboard_pitch_deg`, the head's median nod (negative:
  down). Nodding that far down is not a fault: `head_down`'s threshold covers it, plus the
  pitch's jitter floor, so a look at the keys never raises it.
- `screen` ("look at your other screen"): `screen_yaw_deg`, the head's median turn (signed).
  A head turned halfway or more towards that screen is looking at it: tilt, nod and forward
  head are not judged (as for any turn past `HEAD_TURN_LIMIT_DEG`), but never from less than
  the yaw's jitter floor.
- `slouch` ("show me your usual slouch"): `slouch_<measure>` for each of SLOUCH_MEASURES that
  the slouch moved clearly (past its jitter floor, in the fault's direction): its median. That
  measure's threshold then sits midway between this person's good (0: the upright baseline)
  and bad, never below the jitter floor or the calibration's spread allowance.

Without phases `learned` is empty and every rule works exactly as with the upright calibration
alone; profiles stored before phases existed load with it empty.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Final

import numpy as np

from posture.core.baseline import Baseline
from posture.core.jitter import floor, sink_floor
from posture.core.measures import change_measures
from posture.core.view import cannot_judge_text, view_problem
from posture.errors import UserError

Values = Mapping[str, float | None]

PHASE_NAMES: Final = ("keyboard", "screen", "slouch")
# The slouch rule's measures and the forward head's: a usual slouch moves some of them.
SLOUCH_MEASURES: Final = ("sink_sw", "drop_sw", "forward_m", "face_growth")
# Where the head's threshold sits between good and bad: midway.
MIDWAY: Final = 0.5


class PhaseRefused(UserError):
    """The frames of a phase cannot teach anything; the message says why and what to do."""


def _medians(samples: Sequence[Values], baseline: Baseline, phase: str) -> dict[str, float | None]:
    """The median of every measure over the phase's frames (None when seen in under half)."""
    if not samples:
        raise PhaseRefused(f"no frames could be read for the {phase} phase")
    problems = [p for p in (view_problem(v) for v in samples) if p is not None]
    if len(problems) * 2 >= len(samples):
        raise PhaseRefused(cannot_judge_text(max(sorted(set(problems)), key=problems.count)))
    rows = [change_measures(v, baseline) for v in samples if view_problem(v) is None]
    out: dict[str, float | None] = {}
    for name in rows[0]:
        known = [value for r in rows if (value := r[name]) is not None]
        out[name] = float(np.median(known)) if known and len(known) * 2 >= len(rows) else None
    return out


def _needed(value: float | None, phase: str, what: str) -> float:
    if value is None:
        raise PhaseRefused(
            f"your {what} could not be seen in the {phase} phase; keep your face and both "
            "shoulders in the picture and try again"
        )
    return value


def learn_keyboard(samples: Sequence[Values], baseline: Baseline) -> dict[str, float]:
    """What looking at the keyboard showed: the head's nod."""
    pitch = _medians(samples, baseline, "keyboard")["pitch_change_deg"]
    return {"keyboard_pitch_deg": _needed(pitch, "keyboard", "face")}


def learn_screen(samples: Sequence[Values], baseline: Baseline) -> dict[str, float]:
    """What looking at the other screen showed: the head's turn."""
    yaw = _medians(samples, baseline, "screen")["yaw_change_deg"]
    return {"screen_yaw_deg": _needed(yaw, "screen", "face")}


def _slouch_floor(measure: str, baseline: Baseline) -> float:
    return sink_floor(baseline) if measure == "sink_sw" else floor(measure, baseline.frames)


def learn_slouch(samples: Sequence[Values], baseline: Baseline) -> dict[str, float]:
    """What the usual slouch showed: each slouch measure it moved clearly."""
    medians = _medians(samples, baseline, "slouch")
    learned = {
        f"slouch_{name}": value
        for name in SLOUCH_MEASURES
        if (value := medians[name]) is not None and value > _slouch_floor(name, baseline)
    }
    if not learned:
        raise PhaseRefused(
            "your usual slouch looked the same as your upright posture; sink into the chair "
            "the way you do when tired and try again"
        )
    return learned


LEARNERS: Final[Mapping[str, Callable[[Sequence[Values], Baseline], dict[str, float]]]] = {
    "keyboard": learn_keyboard,
    "screen": learn_screen,
    "slouch": learn_slouch,
}


def learned_phases(baseline: Baseline) -> tuple[str, ...]:
    """The phases a baseline has learned from, in PHASE_NAMES order."""
    keys = baseline.learned
    found = {
        "keyboard": "keyboard_pitch_deg" in keys,
        "screen": "screen_yaw_deg" in keys,
        "slouch": any(k.startswith("slouch_") for k in keys),
    }
    return tuple(name for name in PHASE_NAMES if found[name])


def slouch_threshold(baseline: Baseline, measure: str) -> float | None:
    """Midway between this person's good and their usual slouch for `measure`, if learned."""
    bad = baseline.learned.get(f"slouch_{measure}")
    return None if bad is None else MIDWAY * bad


def keyboard_nod_deg(baseline: Baseline) -> float:
    """How far down the head nods to the keyboard (degrees, 0 when not learned or upward)."""
    return max(0.0, -baseline.learned.get("keyboard_pitch_deg", 0.0))


def screen_turn_limit(baseline: Baseline, yaw_change: float, default_deg: float) -> float:
    """The head turn past which the head is not judged, for a turn of `yaw_change` degrees.

    Towards the learned other screen: halfway to it (never under the yaw's jitter floor, never
    past `default_deg`); the other way, or without the phase: `default_deg`.
    """
    screen = baseline.learned.get("screen_yaw_deg")
    if screen is None or screen * yaw_change <= 0:
        return default_deg
    return min(default_deg, max(MIDWAY * abs(screen), floor("yaw_change_deg", baseline.frames)))


def summary(phase: str, learned: Mapping[str, float]) -> str:
    """One line saying what a phase learned, for `calibrate`, `setup` and `status`."""
    if phase == "keyboard":
        pitch = learned["keyboard_pitch_deg"]
        way = "down" if pitch < 0 else "up"
        return f"keyboard: your head nods {abs(pitch):.0f}° {way} to the keys; that is not a fault"
    if phase == "screen":
        yaw = learned["screen_yaw_deg"]
        return (
            f"other screen: your head turns {abs(yaw):.0f}° to it; looking there raises no "
            "head issue"
        )
    parts = ", ".join(
        f"{name} {learned[f'slouch_{name}']:.3g}"
        for name in SLOUCH_MEASURES
        if f"slouch_{name}" in learned
    )
    return f"usual slouch: {parts}; each threshold now sits midway between upright and this"
