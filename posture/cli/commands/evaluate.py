"""`evaluate`: the posture rules and the peers' nose-height rule on a labelled set."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from posture.adapters.terminal_progress import FRAMES, ProgressBar
from posture.cli.common import config, make_estimator, report_skipped
from posture.config.schema import Thresholds
from posture.core.assess import judge
from posture.core.baseline import POPULATION, Baseline
from posture.core.calibration import CalibrationRefused
from posture.core.frame import BadFrame, Skipped
from posture.core.landmarks import LM, Pose
from posture.core.vocabulary import ISSUE_NAMES
from posture.errors import UserError
from posture.operations.calibration_sampling import SampleSeen, calibrate, sample_source
from posture.operations.evaluate import (
    Verdict,
    format_scores,
    group_by_subject,
    nose_rule,
    read_labels,
    score,
)

if TYPE_CHECKING:
    from posture.adapters.mediapipe_pose import MediaPipePose

HELP = "measure the rules on a labelled set"
DESCRIPTION = (
    "Judge a labelled set (CSV with path, label, subject, role) and print per-label figures for "
    "the posture rules and for the nose-height rule."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """LABELS.csv, --root, --calibration-frames and --only."""
    parser.add_argument("labels", type=Path, metavar="LABELS.csv")
    parser.add_argument(
        "--root",
        type=Path,
        metavar="DIR",
        help="folder the paths are relative to (default: the CSV's folder)",
    )
    parser.add_argument(
        "--calibration-frames",
        type=int,
        metavar="N",
        help="without a role column: each subject's first N good frames calibrate",
    )
    parser.add_argument(
        "--only",
        metavar="TEXT",
        help="judge only the rows whose path contains TEXT (one labelled set)",
    )


def _nose_y_frac(pose: Pose) -> float | None:
    if pose.visibility(LM.NOSE) < 0.5:
        return None
    return float(pose.xy(LM.NOSE)[1]) / pose.height_px


def _detect(estimator: MediaPipePose, path: Path) -> list[Pose] | None:
    from posture.adapters.opencv_sources import read_image_file

    try:
        image = read_image_file(path)
    except BadFrame as exc:
        print(f"posture: skipped {path} {exc}", file=sys.stderr)
        return None
    return estimator.detect(image, 0.0)


def _calibrated(
    subject: str,
    paths: list[Path],
    estimator: MediaPipePose,
    thresholds: Thresholds,
    step: Callable[[], None],
) -> tuple[Baseline, list[float]]:
    """The subject's baseline from its calibration pictures (population defaults without any,
    or when refused), and the nose heights the peers' rule calibrates from."""
    noses: list[float] = []
    if not paths:
        return POPULATION, noses

    def seen(one: SampleSeen) -> None:
        step()
        nose = _nose_y_frac(one.poses[0]) if len(one.poses) == 1 else None
        if nose is not None:
            noses.append(nose)

    def skipped(item: Skipped) -> None:
        report_skipped(item)
        step()

    from posture.adapters.opencv_sources import ImageFiles

    frames = sample_source(ImageFiles(paths, subject), estimator, thresholds, on_skipped=skipped)
    try:
        return calibrate(frames, thresholds, seen).baseline, noses
    except CalibrationRefused as exc:
        print(
            f"posture: {subject}: calibration refused ({exc}); using population defaults",
            file=sys.stderr,
        )
        return POPULATION, noses


def run(args: argparse.Namespace) -> int:
    """Judge every test row against its subject's calibration and print the figures."""
    thresholds = config(args).thresholds
    rows = read_labels(args.labels, args.root, args.calibration_frames)
    if args.only:
        rows = [r for r in rows if args.only in str(r.path)]
        if not rows:
            raise UserError(f"no row of {args.labels} has a path containing '{args.only}'")
    missing = [r.path for r in rows if not r.path.is_file()]
    if missing:
        raise UserError(
            f"{missing[0]}: no such file (and {len(missing) - 1} more)"
            if len(missing) > 1
            else f"{missing[0]}: no such file"
        )
    estimator = make_estimator(args, "image", num_poses=2)
    ours: list[Verdict] = []
    peers: list[Verdict] = []
    progress = ProgressBar("Evaluating", len(rows), FRAMES)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        progress.update(done)

    try:
        for subject, subject_rows in group_by_subject(rows).items():
            calibration = [r.path for r in subject_rows if r.role == "calibration"]
            baseline, noses = _calibrated(subject, calibration, estimator, thresholds, step)
            for row in (r for r in subject_rows if r.role != "calibration"):
                found = _detect(estimator, row.path)
                step()
                if found is None:
                    continue
                poses = found
                if not poses:
                    ours.append(Verdict(row.label, frozenset(), found=False))
                    peers.append(Verdict(row.label, frozenset(), found=False))
                    continue
                verdict = judge(poses[0], baseline, thresholds)
                ours.append(Verdict(row.label, frozenset(f.name for f in verdict.findings)))
                peers.append(Verdict(row.label, nose_rule(noses, _nose_y_frac(poses[0]))))
    finally:
        estimator.close()
    progress.finish()
    print(format_scores(f"Posture rules ({args.labels.name})", score(ours), ISSUE_NAMES))
    print()
    print(
        format_scores(
            "Nose-height rule (the peers' approach), same frames and calibration",
            score(peers),
            ("slouch",),
        )
    )
    return 0
