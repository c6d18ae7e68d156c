"""The one calibration sampling loop: frames -> poses -> samples -> a baseline, or a refusal.

`calibrate`, `setup`, `analyze --calibrate-with` and `evaluate` all calibrate through here.
`sample_source` reads a source and yields one `SampleSeen` per sampled frame: the frame, the
people the model found, framing advice and how far through the sampling window it is, which is
what a live preview needs. `calibrate` folds those into a baseline (or `CalibrationRefused`
with the reason), handing each to `on_sample` first: the terminal commands draw their progress
bar there, and a desktop window would draw its preview.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from posture.config.schema import Thresholds
from posture.core.baseline import Baseline
from posture.core.calibration import Sample, build_baseline, sample_of
from posture.core.frame import Frame, Image, Skipped
from posture.core.landmarks import Pose
from posture.ports import FrameSource, PoseEstimator
from posture.setup.framing_advice import framing_advice

# A live camera is sampled five times a second: enough frames for robust medians over a few
# seconds, while the frames between are skipped without being decoded.
SAMPLE_INTERVAL_S = 0.2


@dataclass(frozen=True)
class SampleSeen:
    """One sampled frame, as a live preview shows it."""

    frame: Frame
    poses: tuple[Pose, ...]
    sample: Sample
    elapsed_s: float
    window_s: float | None
    min_visibility: float

    @property
    def pose(self) -> Pose | None:
        """The nearest person found, if anyone."""
        return self.poses[0] if self.poses else None

    @property
    def fraction(self) -> float | None:
        """How far through the sampling window (0 to 1); None when every frame is read."""
        if self.window_s is None:
            return None
        return min(1.0, max(0.0, self.elapsed_s / self.window_s)) if self.window_s > 0 else 1.0

    def advice(self) -> list[str]:
        """What the user should fix in this frame (framing, light); empty when it is fine."""
        return framing_advice(self.pose, self.frame.image, self.min_visibility)


@dataclass(frozen=True)
class Captured:
    """The baseline, and the first frame that showed one person (for a preview)."""

    baseline: Baseline
    best: tuple[Image, Pose] | None


def _ignore(_: object) -> None:
    pass


def sample_source(
    source: FrameSource,
    estimator: PoseEstimator,
    thresholds: Thresholds,
    *,
    window_s: float | None = None,
    on_skipped: Callable[[Skipped], None] = _ignore,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[SampleSeen]:
    """Every sampled frame of `source`, for `window_s` seconds or, when None, to its end.

    The window runs on the wall clock for a live source and on the frames' own times for a
    file, so a video calibrates from its first `window_s` seconds however fast it is read. A
    live source is sampled every SAMPLE_INTERVAL_S. The caller closes the source.
    """
    started = clock()
    first_time_s: float | None = None
    while (item := source.read()) is not None:
        if isinstance(item, Skipped):
            on_skipped(item)
            continue
        first_time_s = item.time_s if first_time_s is None else first_time_s
        elapsed_s = clock() - started if source.live else item.time_s - first_time_s
        if window_s is not None and elapsed_s > window_s:
            return
        poses = tuple(estimator.detect(item.image, item.time_s))
        sample = sample_of(poses, thresholds.min_visibility)
        yield SampleSeen(item, poses, sample, elapsed_s, window_s, thresholds.min_visibility)
        if source.live:
            _skip_until(source, clock, clock() + SAMPLE_INTERVAL_S)


def _skip_until(source: FrameSource, clock: Callable[[], float], deadline: float) -> None:
    """Let live frames pass without decoding them until the next sample is due."""
    while clock() < deadline:
        if not source.skip():
            return


def calibrate(
    seen: Iterable[SampleSeen],
    thresholds: Thresholds,
    on_sample: Callable[[SampleSeen], None] = _ignore,
) -> Captured:
    """The baseline from the sampled frames, each shown to `on_sample` first.

    Raises CalibrationRefused when they cannot serve (nobody, two people, no shoulders, too
    much movement, or no frame at all). The frame size is the first frame's.
    """
    samples: list[Sample] = []
    size: tuple[int, int] | None = None
    best: tuple[Image, Pose] | None = None
    for one in seen:
        on_sample(one)
        samples.append(one.sample)
        if size is None:
            size = (one.frame.image.shape[1], one.frame.image.shape[0])
        if best is None and len(one.poses) == 1:
            best = (one.frame.image, one.poses[0])
    width, height = size if size is not None else (0, 0)
    return Captured(build_baseline(samples, width, height, thresholds), best)
