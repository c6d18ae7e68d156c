"""Per-frame cost of looking for more than one person (`num_poses`), with the real model.

The live monitor looks for up to `posture.cli.monitoring.PEOPLE` people so that a passer-by can
be told apart from the user (`posture.core.people`). This measures MediaPipe's VIDEO-mode cost
per frame for 1, 2 and 3 poses on a desk webcam's frames of one person (640x480), and on
`portraits/three_people.jpg` shown as a still video, where the extra poses are really found.

    python benchmarks/people.py --frames 200 --runs 3 --model lite
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import SHARED, frames, summary
from posture.adapters.mediapipe_pose import MediaPipePose
from posture.adapters.private_files import replacing_own
from posture.config.model_variants import DEFAULT_MODEL_VARIANT, MODEL_VARIANTS
from posture.pose_models.provision import ensure_model


def per_frame_ms(model: Path, images: list[np.ndarray], num_poses: int, count: int) -> float:
    """Median milliseconds of one `detect` over `count` frames, after a short warm-up."""
    estimator = MediaPipePose(model, mode="video", num_poses=num_poses)
    try:
        times: list[float] = []
        for i in range(count + 10):
            start = time.perf_counter()
            estimator.detect(images[i % len(images)], i / 5.0)
            if i >= 10:
                times.append((time.perf_counter() - start) * 1000.0)
        return statistics.median(times)
    finally:
        estimator.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--model", choices=MODEL_VARIANTS, default=DEFAULT_MODEL_VARIANT)
    args = parser.parse_args()
    model = ensure_model(args.model, offline=True, replace=replacing_own)
    scenes = {
        "one person (640x480)": frames("notSlouching"),
        "three people (1049x861)": [cv2.imread(str(SHARED / "portraits" / "three_people.jpg"))],
    }
    for name, images in scenes.items():
        for num_poses in (1, 2, 3):
            runs = [per_frame_ms(model, images, num_poses, args.frames) for _ in range(args.runs)]
            print(f"{args.model} {name}, num_poses={num_poses}: {summary(runs)} ms per frame")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
