"""`evaluate`: the posture rules and the peers' nose-height rule on a labelled set."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from posture.adapters.terminal_progress import StepProgress
from posture.cli.common import config, make_estimator
from posture.core.assess import judge
from posture.core.baseline import POPULATION, Baseline, frame_values
from posture.core.calibration import CalibrationRefused, Sample, build_baseline
from posture.core.frame import BadFrame
from posture.core.landmarks import LM, Pose
from posture.core.vocabulary import ISSUE_NAMES
from posture.errors import UserError
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
    progress = StepProgress("Evaluating", len(rows), " frames")
    done = 0
    try:
        for subject, subject_rows in group_by_subject(rows).items():
            samples: list[Sample] = []
            noses: list[float] = []
            size = (0, 0)
            for row in (r for r in subject_rows if r.role == "calibration"):
                poses = _detect(estimator, row.path) or []
                done += 1
                progress.update(done)
                if poses:
                    size = (poses[0].width_px, poses[0].height_px)
                    nose = _nose_y_frac(poses[0])
                    if nose is not None and len(poses) == 1:
                        noses.append(nose)
                samples.append(
                    Sample(
                        len(poses),
                        frame_values(poses[0], thresholds.min_visibility)
                        if len(poses) == 1
                        else None,
                    )
                )
            baseline: Baseline = POPULATION
            if samples:
                try:
                    baseline = build_baseline(samples, size[0], size[1], thresholds)
                except CalibrationRefused as exc:
                    print(
                        f"posture: {subject}: calibration refused ({exc}); using population "
                        "defaults",
                        file=sys.stderr,
                    )
            for row in (r for r in subject_rows if r.role != "calibration"):
                found = _detect(estimator, row.path)
                done += 1
                progress.update(done)
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
