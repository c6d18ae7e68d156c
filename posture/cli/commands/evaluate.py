"""`evaluate`: the posture rules and the peers' nose-height rule on a labelled set."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from posture.adapters.terminal_progress import StepProgress
from posture.cli.common import config, make_estimator, model_variant
from posture.operations.evaluate import Request, evaluate, pictures_to_read
from posture.operations.evaluate_frames import FrameDetector
from posture.operations.evaluate_report import evaluation_json, format_evaluation


def _skipped(path: Path, reason: str) -> None:
    print(f"posture: skipped {path} {reason}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Judge the labelled set every way `evaluate` reports and print the figures."""
    settings = config(args)
    request = Request(
        args.labels, args.root, args.calibration_frames, args.only, getattr(args, "perturb", None)
    )
    total = pictures_to_read(request)
    estimator = make_estimator(args, "image", num_poses=2)
    progress = StepProgress("Evaluating", total, " pictures")
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
