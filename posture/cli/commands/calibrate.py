"""`calibrate`: the guided capture of the user's good posture, stored as a named profile."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TYPE_CHECKING

from posture.cli.calibrating import calibrate_profile
from posture.cli.common import config, data_dir
from posture.config.model_variants import checked_variant

if TYPE_CHECKING:
    from posture.operations.calibration_phases import Phase

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
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"'{text}' is not a finite number of seconds")
    if value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' must be more than 0")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--source, --profile, --preview, --seconds, --phases and --countdown."""
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
        "--phases",
        default="",
        metavar="PHASE[=SOURCE],...",
        help="after the upright capture, learn your range too: keyboard (a look at your "
        "keyboard), screen (a look at your other screen), slouch (your usual slouch); each "
        "from --source, or from its own SOURCE (e.g. slouch=clips/slouch.mp4)",
    )
    parser.add_argument(
        "--countdown",
        type=int,
        default=3,
        metavar="S",
        help="seconds to get ready before a live camera samples (default: 3)",
    )


def phase_sources(text: str, source: str) -> list[tuple[Phase, str]]:
    """`--phases`: each phase asked for, with the source it is learned from."""
    from posture.operations.calibration_phases import plan

    items = [item.strip() for item in text.split(",") if item.strip()]
    names = [item.partition("=")[0].strip() for item in items]
    sources = [item.partition("=")[2].strip() or source for item in items]
    return list(zip(plan(names), sources, strict=True))


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
        phases=phase_sources(args.phases, args.source),
    )
    return 0
