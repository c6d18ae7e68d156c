"""`analyze`: what the model and the posture rules see in images, folders and videos."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from posture.cli.common import (
    config,
    load_baseline,
    make_estimator,
    model_variant,
    report_skipped,
)
from posture.config.schema import Thresholds
from posture.core.assess import Judgement, judge
from posture.core.baseline import Baseline
from posture.core.frame import Skipped
from posture.core.landmarks import Pose
from posture.core.people import calibrated_person
from posture.errors import UserError
from posture.ports import FrameSource, Mode

if TYPE_CHECKING:
    from posture.adapters.mediapipe_pose import MediaPipePose

HELP = "analyse images, folders and videos"
# A picture or video may show the user among others (three in portraits/three_people.jpg): the
# model looks for this many, and the one nearest the calibration is judged.
PEOPLE = 3
DESCRIPTION = "Run the pose model over images, folders of images and videos."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """PATH..., --json, --annotate, --calibrate-with and --profile."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="image, folder or video")
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object per frame instead of a table"
    )
    parser.add_argument(
        "--annotate",
        metavar="DIR",
        type=Path,
        help="write each frame with its skeleton drawn into DIR",
    )
    parser.add_argument(
        "--calibrate-with",
        nargs="+",
        metavar="PATH",
        help="compute a baseline from these frames first and judge against it",
    )
    parser.add_argument(
        "--profile", metavar="NAME", help="judge against a stored calibration profile"
    )


def _mode(source: FrameSource) -> Mode:
    from posture.adapters.opencv_images import ImageFiles

    return "image" if isinstance(source, ImageFiles) else "video"


def calibrate_from(args: argparse.Namespace, specs: list[str], thresholds: Thresholds) -> Baseline:
    """A baseline from every frame of the given pictures, folders or videos."""
    from posture.adapters.opencv_sources import open_source
    from posture.operations.calibration_sampling import SampleSeen, calibrate, sample_source

    def every_frame() -> Iterator[SampleSeen]:
        for spec in specs:
            source = open_source(spec)
            estimator = make_estimator(args, _mode(source), num_poses=2)
            try:
                yield from sample_source(source, estimator, thresholds, on_skipped=report_skipped)
            finally:
                source.close()
                estimator.close()

    return calibrate(every_frame(), thresholds).baseline


def run(args: argparse.Namespace) -> int:
    """Analyse each PATH and print a record per frame."""
    from posture.adapters.opencv_sources import open_source
    from posture.operations import analyze

    model_variant(args)  # a bad variant is refused before any work starts
    settings = config(args)
    thresholds, monitor = settings.thresholds, settings.monitor
    sources = [open_source(spec) for spec in args.paths]
    root = analyze.common_root(args.paths)
    if args.calibrate_with:
        baseline = calibrate_from(args, args.calibrate_with, thresholds)
    else:
        if args.profile is not None:
            _, baseline = load_baseline(args, args.profile)
        else:
            from posture.core.baseline import POPULATION

            baseline = POPULATION
            print(
                "posture: no calibration given, so posture is judged against population "
                "defaults (use --calibrate-with or --profile)",
                file=sys.stderr,
            )

    def judged(pose: Pose) -> Judgement:
        return judge(pose, baseline, thresholds)

    def user(poses: Sequence[Pose]) -> Pose | None:
        return calibrated_person(poses, baseline, monitor, thresholds.min_visibility)

    problems = 0

    def on_skipped(item: Skipped) -> None:
        nonlocal problems
        problems += 1
        report_skipped(item)

    if not args.json:
        print(analyze.format_header())
    estimators: dict[Mode, MediaPipePose] = {}
    try:
        for source in sources:
            mode = _mode(source)
            if mode not in estimators:
                # Only the calibrated person is judged, so up to PEOPLE are looked for.
                estimators[mode] = make_estimator(args, mode, PEOPLE)
            for record, frame in analyze.analyze_source(
                source, estimators[mode], judged, on_skipped, user, thresholds.min_visibility
            ):
                analyze.write_record(record, args.json, root=root)
                if args.annotate is not None:
                    try:
                        analyze.annotate(record, frame, args.annotate, root)
                    except OSError as exc:
                        raise UserError(
                            f"Cannot save an annotated picture in {args.annotate}: "
                            f"{exc.strerror or exc}."
                        ) from exc
    finally:
        for estimator in estimators.values():
            estimator.close()
    return 2 if problems else 0
