"""Per-frame cost of one monitor step, split by stage, against MediaPipe's own detect_for_video.

The same real frames (640x480, JPEG-encoded as a webcam's MJPEG would be) go through the whole
`Monitor.step` with a real SQLite store, and, in the same run, straight through MediaPipe's
`detect_for_video`. Stages: capture and decode (JPEG to pixels), pose (our adapter, including
colour conversion), metrics and assessment (with smoothing and coaching), and storage (time
accounting and the SQLite writes, amortised over the steps).

The overhead figure (issue 15's target: at most 10 % of inference) is the whole step minus the
time spent inside MediaPipe's `detect_for_video` in those same steps, over that time: the two
are timed on the same frames at the same moments, so the noise of a separate loop (and its
warmer caches) does not enter it. The separate loop is still reported, as a ratio.

    python benchmarks/stages.py --frames 300 --runs 5 --model lite
    python benchmarks/stages.py --frames 200 --runs 4 --decoder opencv   # OpenCV's decoder instead
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import frames
from posture.adapters.mediapipe_pose import MediaPipePose
from posture.adapters.mjpeg_stream import JpegDecoder
from posture.adapters.private_files import replacing_own
from posture.adapters.sqlite.store import SqliteStore
from posture.config.model_variants import DEFAULT_MODEL_VARIANT, MODEL_VARIANTS
from posture.config.schema import Config
from posture.core.baseline import frame_values, robust_baseline
from posture.core.exercises import load_exercises
from posture.core.frame import Frame, Image
from posture.core.landmarks import Pose
from posture.monitor.step import Monitor
from posture.pose_models.provision import ensure_model


@dataclass
class Timer:
    total_s: float = 0.0
    calls: int = 0

    def add(self, seconds: float) -> None:
        self.total_s += seconds
        self.calls += 1


@dataclass
class JpegCamera:
    """Decodes the next JPEG (as a webcam's MJPEG frames arrive) at each look, as the live
    stream reader does (`posture.adapters.mjpeg_stream.JpegDecoder`)."""

    jpegs: list[bytes]
    timer: Timer = field(default_factory=Timer)
    decoder: JpegDecoder = field(default_factory=JpegDecoder)
    opencv: bool = False  # decode with cv2.imdecode instead (the same pixels), to compare
    live: bool = True
    index: int = 0

    def frame_at(self, now_s: float) -> Frame | None:
        start = time.perf_counter()
        data = self.jpegs[self.index % len(self.jpegs)]
        if self.opencv:
            image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
        else:
            image = self.decoder.decode(data)
        assert image is not None
        self.index += 1
        self.timer.add(time.perf_counter() - start)
        return Frame(image, now_s, self.index, "bench")

    def release(self) -> None:
        pass

    def close(self) -> None:
        pass


class TimedLandmarker:
    """MediaPipe's landmarker with the time spent inside `detect_for_video` counted."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.timer = Timer()

    def detect_for_video(self, image: Any, timestamp_ms: int) -> Any:
        start = time.perf_counter()
        result = self.inner.detect_for_video(image, timestamp_ms)
        self.timer.add(time.perf_counter() - start)
        return result

    def close(self) -> None:
        self.inner.close()


class TimedPose:
    def __init__(self, inner: MediaPipePose) -> None:
        self.inner = inner
        self.timer = Timer()

    def detect(self, image: Image, time_s: float) -> list[Pose]:
        start = time.perf_counter()
        poses = self.inner.detect(image, time_s)
        self.timer.add(time.perf_counter() - start)
        return poses

    def close(self) -> None:
        self.inner.close()


class NullNotifier:
    name = "null"

    def notify(self, title: str, message: str) -> bool:
        return True


def raw_mediapipe_ms(model: Path, images: list[np.ndarray], count: int) -> float:
    """MediaPipe's own detect_for_video on RGB frames prepared outside the timing."""
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision

    landmarker = vision.PoseLandmarker.create_from_options(
        vision.PoseLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(model)),
            running_mode=vision.RunningMode.VIDEO,
        )
    )
    prepared = [
        mp.Image(image_format=mp.ImageFormat.SRGB, data=cv2.cvtColor(i, cv2.COLOR_BGR2RGB))
        for i in images
    ]
    for i in range(10):
        landmarker.detect_for_video(prepared[i % len(prepared)], i * 1000)
    start = time.perf_counter()
    for i in range(count):
        landmarker.detect_for_video(prepared[i % len(prepared)], (10 + i) * 1000)
    elapsed = time.perf_counter() - start
    landmarker.close()
    return 1000 * elapsed / count


def one_run(
    model: Path,
    jpegs: list[bytes],
    images: list[np.ndarray],
    count: int,
    work: Path,
    opencv: bool = False,
) -> dict[str, float]:
    estimator = MediaPipePose(model, mode="video")
    upright = [p for i in images[:5] for p in estimator.detect(i, 0.0)]
    estimator.close()
    baseline = robust_baseline([frame_values(p, 0.5) for p in upright], 640, 480)
    camera = JpegCamera(jpegs, opencv=opencv)
    pose = TimedPose(MediaPipePose(model, mode="video"))
    landmarker = TimedLandmarker(pose.inner._landmarker)
    pose.inner._landmarker = landmarker  # the adapter's own call, timed where it is made
    store = SqliteStore.open(work / f"bench-{time.monotonic_ns()}.sqlite3")
    monitor = Monitor(
        camera=camera,
        pose=pose,
        notifier=NullNotifier(),
        store=store,
        config=Config(),
        baseline=baseline,
        library=load_exercises(),
        zone=UTC,
    )
    now = 1_800_000_000.0
    for _ in range(10):  # warm up the model and the caches
        monitor.step(now)
        now += 1.0
    camera.timer, pose.timer, landmarker.timer = Timer(), Timer(), Timer()
    start = time.perf_counter()
    for _ in range(count):
        monitor.step(now)
        now += 1.0  # one look a second: an interval is stored every 60 steps
    step_s = time.perf_counter() - start
    monitor.close(now)
    store.close()
    decode_ms = 1000 * camera.timer.total_s / count
    pose_ms = 1000 * pose.timer.total_s / count
    inference_ms = 1000 * landmarker.timer.total_s / count
    step_ms = 1000 * step_s / count
    raw_ms = raw_mediapipe_ms(model, images, count)
    return {
        "capture and decode (ms)": decode_ms,
        "pose, our adapter (ms)": pose_ms,
        "metrics, assessment, coaching, storage (ms)": step_ms - decode_ms - pose_ms,
        "whole step (ms)": step_ms,
        "inference in the step: detect_for_video (ms)": inference_ms,
        "everything but inference (ms)": step_ms - inference_ms,
        "everything but inference / inference in the same steps (%)": 100
        * (step_ms - inference_ms)
        / inference_ms,
        "MediaPipe detect_for_video alone, a loop of its own (ms)": raw_ms,
        "whole step / detect_for_video alone": step_ms / raw_ms,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--model", default=DEFAULT_MODEL_VARIANT, choices=MODEL_VARIANTS)
    parser.add_argument(
        "--decoder",
        default="simplejpeg",
        choices=("simplejpeg", "opencv"),
        help="the stream reader's own decoder (default), or cv2.imdecode to compare",
    )
    args = parser.parse_args()
    model = ensure_model(args.model, offline=True, replace=replacing_own)
    images = frames("notSlouching") + frames("isSlouching")
    jpegs = [cv2.imencode(".jpg", i, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes() for i in images]
    work = Path(tempfile.mkdtemp(prefix="posture-stages-"))
    opencv = args.decoder == "opencv"
    runs = [one_run(model, jpegs, images, args.frames, work, opencv) for _ in range(args.runs)]
    print(
        f"model {args.model}, {args.decoder} decoder, "
        f"{args.frames} frames per run, {args.runs} runs"
    )
    print("| stage | median | min | max |")
    print("|---|---|---|---|")
    for key in runs[0]:
        values = [r[key] for r in runs]
        print(
            f"| {key} | {statistics.median(values):.2f} | {min(values):.2f} | {max(values):.2f} |"
        )


if __name__ == "__main__":
    main()
