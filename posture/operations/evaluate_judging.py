"""Judging one calibration group's frames with Posture's rules and with the peers' nose rule.

One function, used for every figure `evaluate` prints: calibrate on some rows, judge others,
optionally under a perturbation, and return both rules' verdicts frame by frame. Both rules see
the same frames, the same calibration and the same person: Posture picks the person nearest
its calibration (`posture.core.people`), and the nose rule judges that person too (or the
largest one, when Posture found nobody near).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from posture.adapters.opencv_perturb import APPLIES_TO_CALIBRATION
from posture.config.schema import Config
from posture.core.assess import judge
from posture.core.baseline import POPULATION, Baseline
from posture.core.calibration import CalibrationRefused, Sample, build_baseline, sample_of
from posture.core.landmarks import LM, Pose
from posture.core.people import calibrated_person
from posture.operations.evaluate_labels import LabelledRow
from posture.operations.evaluate_scoring import NOBODY, NOT_NEAR, Verdict, nose_rule

# What the model found in a picture under a perturbation (None: as it is); None if unreadable.
Detect = Callable[[Path, str | None], list[Pose] | None]


@dataclass(frozen=True)
class Judged:
    """Both rules' verdicts on the judged rows (in order), and what calibration said."""

    ours: tuple[Verdict, ...]
    nose: tuple[Verdict, ...]
    refused: str | None = None  # why calibration was refused (population defaults were used)


def _nose_y_frac(pose: Pose) -> float | None:
    if pose.visibility(LM.NOSE) < 0.5:
        return None
    return float(pose.xy(LM.NOSE)[1]) / pose.height_px


def calibrate(
    rows: Sequence[LabelledRow], detect: Detect, perturbation: str | None, config: Config
) -> tuple[Baseline, list[float], str | None]:
    """The baseline, the nose heights for the peers' rule, and a refusal's reason if any."""
    thresholds = config.thresholds
    samples: list[Sample] = []
    noses: list[float] = []
    size = (0, 0)
    for row in rows:
        poses = detect(row.path, perturbation)
        if poses is None:
            continue
        if poses:
            size = (poses[0].width_px, poses[0].height_px)
            nose = _nose_y_frac(poses[0])
            if nose is not None and len(poses) == 1:
                noses.append(nose)
        samples.append(sample_of(poses, thresholds.min_visibility))
    if not samples:
        return POPULATION, noses, None if not rows else "no calibration frame could be read"
    try:
        return build_baseline(samples, size[0], size[1], thresholds), noses, None
    except CalibrationRefused as exc:
        return POPULATION, noses, str(exc)


def judge_group(
    calibration: Sequence[LabelledRow],
    judged: Sequence[LabelledRow],
    detect: Detect,
    config: Config,
    perturbation: str | None = None,
) -> Judged:
    """Calibrate on `calibration`, judge `judged` (skipping unreadable pictures), both rules.

    Under a perturbation the judged frames are changed, and the calibration frames too when
    the perturbation is one that would have changed them as well (a mirror).
    """
    cal_perturbation = perturbation if perturbation in APPLIES_TO_CALIBRATION else None
    baseline, noses, refused = calibrate(calibration, detect, cal_perturbation, config)
    ours: list[Verdict] = []
    peers: list[Verdict] = []
    for row in judged:
        poses = detect(row.path, perturbation)
        if poses is None:
            continue
        if not poses:
            ours.append(Verdict(row.label, frozenset(), found=False, unjudged=NOBODY))
            peers.append(Verdict(row.label, frozenset(), found=False, unjudged=NOBODY))
            continue
        person = calibrated_person(
            poses, baseline, config.monitor, config.thresholds.min_visibility
        )
        if person is None:
            ours.append(Verdict(row.label, frozenset(), unjudged=NOT_NEAR))
        else:
            verdict = judge(person, baseline, config.thresholds)
            issues = frozenset(f.name for f in verdict.findings)
            ours.append(Verdict(row.label, issues, unjudged=verdict.view))
        seen = person if person is not None else poses[0]
        peers.append(Verdict(row.label, nose_rule(noses, _nose_y_frac(seen))))
    return Judged(tuple(ours), tuple(peers), refused)
