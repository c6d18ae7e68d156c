"""The commands behind the CLI: each builds the real adapters it needs and does one job."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from posture.analyze import Judge
from posture.errors import UserError
from posture.frames import Skipped
from posture.pose import MediaPipePose, Mode, PoseEstimator

DEFAULT_VARIANT = "lite"
VARIANTS = ("lite", "full", "heavy")


def model_variant(args: argparse.Namespace) -> str:
    """The variant the user chose, checked."""
    variant = str(getattr(args, "model", DEFAULT_VARIANT)).lower()
    if variant not in VARIANTS:
        raise UserError(f"unknown model variant '{variant}'; choose lite, full or heavy")
    return variant


def provision_model(variant: str, offline: bool = False) -> Path:
    """The verified model file, fetched with a progress bar when it is missing or damaged."""
    from posture_models.progress import ProgressBar
    from posture_models.provision import ModelError, ensure_model

    try:
        return ensure_model(variant, progress=ProgressBar(f"pose model ({variant})"),
                            offline=offline)
    except ModelError as exc:
        raise UserError(str(exc), exit_status=1) from exc


def make_estimator_factory(args: argparse.Namespace) -> Callable[[Mode], PoseEstimator]:
    """Builds estimators lazily, one per running mode, provisioning the model on first use."""
    variant = model_variant(args)
    cache: dict[Mode, PoseEstimator] = {}

    def factory(mode: Mode) -> PoseEstimator:
        if mode not in cache:
            path = provision_model(variant)
            # Still pictures may show several people (calibration must notice); video tracks one.
            cache[mode] = MediaPipePose(path, mode=mode, num_poses=2 if mode == "image" else 1)
        return cache[mode]

    return factory


def cmd_setup(args: argparse.Namespace) -> int:
    """Provision the chosen model variant."""
    variant = model_variant(args)
    path = provision_model(variant, offline=bool(args.offline))
    print(f"Pose model '{variant}' is ready: {path}")
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    """List the model variants and whether each is present and verified."""
    from posture_models.provision import list_models

    print(f"{'variant':<8} {'state':<12} {'size':>12}  path")
    for status in list_models():
        state = "verified" if status.verified else ("damaged" if status.present else "missing")
        size = f"{status.size:,}" if status.present else "-"
        print(f"{status.variant:<8} {state:<12} {size:>12}  {status.path}")
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    """Analyse each PATH and print a record per frame."""
    from posture import analyze
    from posture.sources import ImageFiles, open_source

    model_variant(args)  # a bad variant is refused before any work starts
    sources = [open_source(spec) for spec in args.paths]
    factory = make_estimator_factory(args)
    judge = _judge()
    problems = 0

    def on_skipped(item: Skipped) -> None:
        nonlocal problems
        problems += 1
        print(f"posture: skipped {item.reason}", file=sys.stderr)

    if not args.json:
        print(analyze.format_header())
    for source in sources:
        mode: Mode = "image" if isinstance(source, ImageFiles) else "video"
        estimator = factory(mode)
        for record, frame in analyze.analyze_source(source, estimator, judge, on_skipped):
            analyze.write_record(record, args.json)
            if args.annotate is not None:
                analyze.annotate(record, frame, args.annotate)
    return 2 if problems else 0


def _judge() -> Judge:
    from posture.metrics import all_metrics

    return lambda pose: (all_metrics(pose), [])


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "setup": cmd_setup,
    "models": cmd_models,
    "analyze": cmd_analyze,
}


def dispatch(command: str, args: argparse.Namespace) -> int:
    """Run one command by name."""
    if command not in COMMANDS:
        raise UserError(f"the '{command}' command is not available yet")
    return COMMANDS[command](args)
