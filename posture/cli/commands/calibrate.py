"""`calibrate`: the guided capture of the user's good posture, stored as a named profile."""

from __future__ import annotations

import argparse
from pathlib import Path

from posture.cli.calibrating import calibrate_profile
from posture.cli.common import config, data_dir
from posture.config.model_variants import checked_variant

HELP = "capture your good posture as a baseline"
DESCRIPTION = (
    "Count down, sample your good posture for a few seconds, and store it as a named profile "
    "(one per desk setup)."
)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' must be more than 0")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--source, --profile, --preview, --seconds and --countdown."""
    parser.add_argument(
        "--source",
        default="0",
        metavar="SOURCE",
        help="camera index, video, picture, folder or stream URL (default: 0)",
    )
    parser.add_argument(
        "--profile",
        default="default",
        metavar="NAME",
        help="profile name, e.g. desk or laptop (default: default)",
    )
    parser.add_argument(
        "--preview", type=Path, metavar="FILE", help="save the annotated frame used for calibration"
    )
    parser.add_argument(
        "--seconds",
        type=_positive_float,
        default=5.0,
        metavar="S",
        help="how long to sample (default: 5)",
    )
    parser.add_argument(
        "--countdown",
        type=int,
        default=3,
        metavar="S",
        help="seconds to get ready before a live camera samples (default: 3)",
    )


def run(args: argparse.Namespace) -> int:
    """Count down, sample, check and store the baseline."""
    settings = config(args)
    calibrate_profile(
        folder=data_dir(args),
        settings=settings,
        variant=checked_variant(str(getattr(args, "model", None) or settings.monitor.model)),
        source=args.source,
        profile=args.profile,
        seconds=args.seconds,
        countdown_s=args.countdown,
        preview=args.preview,
    )
    return 0
