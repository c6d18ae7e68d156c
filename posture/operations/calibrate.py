"""The guided calibration: count down, sample the user's good posture with progress shown.

Live cameras get a countdown and a few seconds of sampling; pictures, folders and videos are
read as they are (a video for its first `seconds` on its own clock). The sampling itself is
`posture.operations.calibration_sampling`, shared with `setup`, `analyze` and `evaluate`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from posture.adapters.opencv_imaging import draw_pose, save_image
from posture.adapters.terminal_progress import SECONDS, ProgressBar
from posture.config.schema import Thresholds
from posture.core.frame import Skipped
from posture.operations.calibration_sampling import Captured, SampleSeen, calibrate, sample_source
from posture.ports import FrameSource, PoseEstimator

UPRIGHT = "Sit tall, shoulders relaxed, eyes on the screen"


def countdown(
    seconds: int, sleep: Callable[[float], None] = time.sleep, what: str = UPRIGHT
) -> None:
    """Give the user time to take the posture `what` asks for before sampling starts."""
    for remaining in range(seconds, 0, -1):
        print(
            f"  {what.rstrip('.')}... {remaining}",
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
    on_sample: Callable[[SampleSeen], None] | None = None,
) -> Captured:
    """Sample `seconds` of the source with a progress bar, then close it; the baseline, or
    CalibrationRefused with the reason. `on_sample` sees every sampled frame as well."""
    progress = ProgressBar("Calibrating", seconds, SECONDS)

    def shown(seen: SampleSeen) -> None:
        progress.update(seen.elapsed_s)
        if on_sample is not None:
            on_sample(seen)

    try:
        frames = sample_source(
            source, estimator, thresholds, window_s=seconds, on_skipped=on_skipped, clock=clock
        )
        return calibrate(frames, thresholds, shown)
    finally:
        source.close()
        progress.finish()


def write_preview(path: Path, captured: Captured) -> None:
    """Save the annotated calibration frame the user asked for."""
    if captured.best is not None:
        image, pose = captured.best
        save_image(path, draw_pose(image, pose, "calibration"))
