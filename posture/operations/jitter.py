"""Measuring the pose model's own jitter on every rule's measure, for the floors of core/jitter.

Three sources, each a standard deviation per measure of `posture.core.measures` (their units):

- `burst SESSION`: the upright frames of each frontal session of a labels file (near-duplicate
  bursts of one sitter): the spread around the session's own mean;
- `video`: a real video's still stretches (the hip midpoint moving less than STILL_FRAC of the
  frame between neighbours, STILL_RUN frames or more): frame-to-frame changes over root 2,
  which leaves slow drift out;
- one per perturbation: on every frontal labelled picture with one person, the root mean
  square of the change it causes against the unchanged picture as a one-frame baseline. The
  mirror compares mirrored with unmirrored, signed measures with their sign flipped.

`measure_jitter` returns them all; `benchmarks/jitter_floors.py` prints them beside the
constants in `posture.core.jitter`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from posture.adapters.opencv_perturb import PERTURBATIONS
from posture.config.schema import Thresholds
from posture.core.baseline import Baseline, frame_values, robust_baseline
from posture.core.frame import Frame
from posture.core.jitter import framing_gain
from posture.core.landmarks import LM, Pose
from posture.core.measures import MEASURES, change_measures
from posture.operations.evaluate_labels import GOOD, LabelledRow, group_by_subject
from posture.ports import FrameSource, PoseEstimator

STILL_FRAC = 0.01
STILL_RUN = 4
# Measures whose sign flips in a mirrored picture, with the frame value they come from.
MIRROR_SIGNED: Mapping[str, str] = {
    "roll_change_deg": "head_roll_signed_deg",
    "shoulder_change_deg": "shoulder_tilt_signed_deg",
    "yaw_change_deg": "head_yaw_deg",
}
# Measures judged against level: their change is the difference of the two frames' values.
LEVEL = frozenset({"roll_level_deg", "shoulder_level_deg", "lean_deg"})

Detect = Callable[[Path, str | None], list[Pose] | None]


@dataclass
class Deviations:
    """One source's deviations per measure, and the framing gains of the baselines they used."""

    values: dict[str, list[float]] = field(default_factory=dict)
    gains: list[float] = field(default_factory=list)

    def collect(self, found: Mapping[str, float | None]) -> None:
        """Keep every known, finite value."""
        for name, value in found.items():
            if value is not None and math.isfinite(value):
                self.values.setdefault(name, []).append(value)


@dataclass
class Jitter:
    """Standard deviations per source (then per measure), how many values went into each, and
    each source's typical framing gain (`posture.core.jitter.framing_gain`)."""

    sd: dict[str, dict[str, float]] = field(default_factory=dict)
    count: dict[str, dict[str, int]] = field(default_factory=dict)
    gain: dict[str, float] = field(default_factory=dict)

    def add(self, source: str, deviations: Deviations) -> None:
        """Record the root mean square of each measure's deviations for one source."""
        for name, found in deviations.values.items():
            if found:
                self.sd.setdefault(source, {})[name] = _rms(found)
                self.count.setdefault(source, {})[name] = len(found)
        if deviations.gains:
            self.gain[source] = sorted(deviations.gains)[len(deviations.gains) // 2]

    def worst(self, name: str) -> tuple[float, str]:
        """The largest sd of one measure over every source, and that source."""
        found = [(sd[name], source) for source, sd in self.sd.items() if name in sd]
        return max(found, default=(0.0, "-"))


def _rms(values: Sequence[float]) -> float:
    return math.sqrt(sum(v * v for v in values) / len(values))


def _values(pose: Pose, thresholds: Thresholds) -> dict[str, float | None]:
    return frame_values(pose, thresholds.min_visibility)


def burst_deviations(
    rows: Iterable[LabelledRow], detect: Detect, thresholds: Thresholds
) -> dict[str, Deviations]:
    """Per session: each measure's deviation from its mean over the session's upright frames."""
    out: dict[str, Deviations] = {}
    for name, group in group_by_subject(r for r in rows if r.label == GOOD and r.person).items():
        poses = [p[0] for p in (detect(r.path, None) for r in group) if p and len(p) == 1]
        if len(poses) < 3:
            continue
        values = [_values(p, thresholds) for p in poses]
        baseline = robust_baseline(values, poses[0].width_px, poses[0].height_px)
        session = Deviations(gains=[framing_gain(baseline)])
        for value in values:
            session.collect(change_measures(value, baseline))
        for found in session.values.values():
            mean = sum(found) / len(found)
            found[:] = [v - mean for v in found]
        out[name] = session
    return out


def _one_frame_baseline(pose: Pose, thresholds: Thresholds) -> Baseline:
    return robust_baseline([_values(pose, thresholds)], pose.width_px, pose.height_px)


def perturbation_deviations(
    rows: Iterable[LabelledRow], detect: Detect, perturbation: str, thresholds: Thresholds
) -> Deviations:
    """Each measure's change under `perturbation`, per frontal picture of one person."""
    out = Deviations()
    for row in rows:
        clean, changed = detect(row.path, None), detect(row.path, perturbation)
        if not clean or not changed or len(clean) != 1 or len(changed) != 1:
            continue
        before, after = _values(clean[0], thresholds), _values(changed[0], thresholds)
        baseline = _one_frame_baseline(clean[0], thresholds)
        out.gains.append(framing_gain(baseline))
        moved, still = change_measures(after, baseline), change_measures(before, baseline)
        found: dict[str, float | None] = {}
        for name in MEASURES:
            if perturbation == "mirror" and name in MIRROR_SIGNED:
                a, b = before.get(MIRROR_SIGNED[name]), after.get(MIRROR_SIGNED[name])
                found[name] = None if a is None or b is None else a + b
            elif name in LEVEL:
                a, b = still[name], moved[name]
                found[name] = None if a is None or b is None else b - a
            else:
                found[name] = moved[name]
        out.collect(found)
    return out


def _hip_height(pose: Pose) -> float:
    return float(pose.xy(LM.LEFT_HIP)[1] + pose.xy(LM.RIGHT_HIP)[1]) / (2 * pose.height_px)


def video_deviations(
    source: FrameSource, estimator: PoseEstimator, thresholds: Thresholds
) -> Deviations:
    """Frame-to-frame changes of each measure, over root 2, inside the still stretches."""
    frames: list[Pose | None] = []
    while (item := source.read()) is not None:
        if isinstance(item, Frame):
            poses = estimator.detect(item.image, item.time_s)
            frames.append(poses[0] if len(poses) == 1 else None)
    source.close()
    out = Deviations()
    for run in _still_runs(frames):
        values = [_values(p, thresholds) for p in run]
        baseline = robust_baseline(values, run[0].width_px, run[0].height_px)
        out.gains.append(framing_gain(baseline))
        measured = [change_measures(v, baseline) for v in values]
        for a, b in itertools.pairwise(measured):
            out.collect({n: _step(a[n], b[n]) for n in MEASURES})
    return out


def _step(before: float | None, after: float | None) -> float | None:
    # One frame's jitter from the change between two: the difference of two draws has root 2
    # times the spread of one.
    return None if before is None or after is None else (after - before) / math.sqrt(2)


def _still_runs(frames: Sequence[Pose | None]) -> list[list[Pose]]:
    """Stretches of STILL_RUN frames or more in which the hips hardly move."""
    runs: list[list[Pose]] = []
    current: list[Pose] = []
    for i in range(1, len(frames) - 1):
        before, pose, after = frames[i - 1], frames[i], frames[i + 1]
        still = (
            before is not None
            and pose is not None
            and after is not None
            and abs(_hip_height(pose) - _hip_height(before)) < STILL_FRAC
            and abs(_hip_height(after) - _hip_height(pose)) < STILL_FRAC
        )
        if still and pose is not None:
            current.append(pose)
            continue
        if len(current) >= STILL_RUN:
            runs.append(current)
        current = []
    if len(current) >= STILL_RUN:
        runs.append(current)
    return runs


def measure_jitter(
    rows: Sequence[LabelledRow],
    detect: Detect,
    videos: Mapping[str, tuple[FrameSource, PoseEstimator]],
    thresholds: Thresholds,
) -> Jitter:
    """Every source's jitter for one model: bursts, each video (by name), each perturbation."""
    frontal = [r for r in rows if r.view in ("", "front")]
    jitter = Jitter()
    for session, deviations in burst_deviations(frontal, detect, thresholds).items():
        jitter.add(f"burst {session}", deviations)
    for name, (source, estimator) in videos.items():
        jitter.add(name, video_deviations(source, estimator, thresholds))
    for perturbation in PERTURBATIONS:
        jitter.add(perturbation, perturbation_deviations(frontal, detect, perturbation, thresholds))
    return jitter
