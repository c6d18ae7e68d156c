"""`evaluate`: the posture rules and the peers' nose-height rule on a labelled set."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from posture.adapters.terminal_progress import FRAMES, ProgressBar
from posture.cli.common import config, make_estimator, model_variant

HELP = "measure the rules on a labelled set"
DESCRIPTION = (
    "Judge a labelled set (CSV with path, label, subject, role; session and view optional) and "
    "print per-label figures for the posture rules and for the nose-height rule, then both "
    "rules per session and subject with calibrations of 1, 3 and 5 frames, and with one "
    "session left out where a subject has several. 'borderline' and 'unlabelled' rows are "
    "counted apart, never scored."
)
# The names in posture.adapters.opencv_perturb (not imported here: it loads OpenCV).
PERTURBATIONS = ("mirror", "dark", "jpeg", "noise", "blur", "shift")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """LABELS.csv, --root, --calibration-frames, --only, --json and --perturb."""
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
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object instead of the tables"
    )
    parser.add_argument(
        "--perturb",
        choices=PERTURBATIONS,
        metavar="CHANGE",
        help="judge the frames after a benign change: mirror (calibration frames too), dark "
        "(x0.55), jpeg (quality 20), noise (Gaussian, sigma 10), blur (sigma = long side / "
        "640) or shift (8%% cut off one side); also shows the share of verdicts kept",
    )


def _skipped(path: Path, reason: str) -> None:
    print(f"posture: skipped {path} {reason}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Judge the labelled set every way `evaluate` reports and print the figures."""
    # Imported here: the perturbations load OpenCV, which must not load to build the parser.
    from posture.operations.evaluate import Request, evaluate, pictures_to_read
    from posture.operations.evaluate_frames import FrameDetector
    from posture.operations.evaluate_report import evaluation_json, format_evaluation

    settings = config(args)
    request = Request(
        args.labels, args.root, args.calibration_frames, args.only, getattr(args, "perturb", None)
    )
    total = pictures_to_read(request)
    estimator = make_estimator(args, "image", num_poses=2)
    progress = ProgressBar("Evaluating", total, FRAMES)
    count = [0]

    def detected() -> None:
        count[0] += 1
        progress.update(count[0])

    try:
        found = evaluate(request, FrameDetector(estimator, _skipped, detected), settings)
    finally:
        estimator.close()
    progress.finish()
    variant = model_variant(args)
    if getattr(args, "json", False):
        print(json.dumps(evaluation_json(found, variant), indent=1))
    else:
        print(format_evaluation(found, variant))
    return 0
