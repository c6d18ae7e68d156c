"""The guided calibration: count down, sample the user's good posture, store a named profile.

Live cameras get a countdown and a few seconds of sampling with progress shown; pictures,
folders and videos are read as they are (a video for its first `seconds` on its own clock).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from posture.adapters.opencv_imaging import draw_pose, save_image
from posture.adapters.terminal_progress import StepProgress
from posture.config.schema import Thresholds
from posture.core.baseline import Baseline, frame_values
from posture.core.calibration import Sample, build_baseline
from posture.core.frame import Frame, Image, Skipped
from posture.core.landmarks import Pose
from posture.ports import FrameSource, PoseEstimator

SAMPLE_INTERVAL_S = 0.2


@dataclass(frozen=True)
class Captured:
    """The baseline and the frame that best shows it (for `--preview`)."""

    baseline: Baseline
    preview: Image | None


def countdown(seconds: int, sleep: Callable[[float], None] = time.sleep) -> None:
    """Give the user time to sit up before sampling starts."""
    for remaining in range(seconds, 0, -1):
        print(
            f"  Sit tall, shoulders relaxed, eyes on the screen... {remaining}",
            file=sys.stderr,
            flush=True,
        )
        sleep(1.0)


def capture(
    source: FrameSource,
    estimator: PoseEstimator,
    thresholds: Thresholds,
    seconds: float,
    on_skipped: Callable[[Skipped], None],
    clock: Callable[[], float] = time.monotonic,
) -> Captured:
    """Sample the source and build a baseline (raises CalibrationRefused with the reason)."""
    samples: list[Sample] = []
    best: tuple[Image, Pose] | None = None
    size: tuple[int, int] | None = None
    progress = StepProgress("Calibrating", seconds, " s")
    start_live = clock()
    first_time: float | None = None
    try:
        while (item := source.read()) is not None:
            if isinstance(item, Skipped):
                on_skipped(item)
                continue
            assert isinstance(item, Frame)
            first_time = item.time_s if first_time is None else first_time
            elapsed = clock() - start_live if source.live else item.time_s - first_time
            if elapsed > seconds:
                break
            poses = estimator.detect(item.image, item.time_s)
            values = frame_values(poses[0], thresholds.min_visibility) if len(poses) == 1 else None
            samples.append(Sample(len(poses), values))
            if size is None:
                size = (item.image.shape[1], item.image.shape[0])
            if len(poses) == 1 and best is None:
                best = (item.image, poses[0])
            progress.update(elapsed)
            if source.live:
                _skip_until(source, clock, clock() + SAMPLE_INTERVAL_S)
    finally:
        source.close()
    progress.finish()
    width, height = size if size is not None else (0, 0)
    baseline = build_baseline(samples, width, height, thresholds)
    preview = draw_pose(best[0], best[1], "calibration") if best is not None else None
    return Captured(baseline, preview)


def _skip_until(source: FrameSource, clock: Callable[[], float], deadline: float) -> None:
    """Let live frames pass without decoding them until the next sample is due."""
    while clock() < deadline:
        if not source.skip():
            return


def write_preview(path: Path, captured: Captured) -> None:
    """Save the annotated calibration frame the user asked for."""
    if captured.preview is not None:
        save_image(path, captured.preview)
