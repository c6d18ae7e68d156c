"""Landmark accuracy of each provisioned model variant against the published references.

Squats video: the median distance of the 25 upper-body points from the BlazePose-full reference
over all 65 frames (pixels, VIDEO mode). Seated picture: the largest error of the 25 upper-body
points against the Tasks API's published output for the same variant (normalised, IMAGE mode).

    python benchmarks/variants.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import SHARED
from posture.adapters.mediapipe_pose import MediaPipePose
from posture.adapters.opencv_images import read_image_file
from posture.adapters.opencv_sources import open_source
from posture.adapters.private_files import replacing_own
from posture.config.model_variants import MODEL_VARIANTS
from posture.core.frame import Frame
from posture.pose_models.provision import ModelError, ensure_model

UPPER_BODY = slice(0, 25)


def squats_median_px(model: Path) -> float:
    reference = SHARED / "pose-reference"
    expected = np.array(json.loads((reference / "pose_squats.full.json").read_text()))
    estimator = MediaPipePose(model, mode="video")
    source = open_source(str(reference / "pose_squats.mp4"))
    errors = []
    while (item := source.read()) is not None:
        assert isinstance(item, Frame)
        pose = estimator.detect(item.image, item.time_s)[0]
        delta = pose.image[UPPER_BODY, :2] - expected[item.index][UPPER_BODY, :2]
        errors.append(np.hypot(*delta.T))
    estimator.close()
    return float(np.median(np.concatenate(errors)))


def seated_max(model: Path, variant: str) -> float:
    reference = SHARED / "pose-reference"
    expected = json.loads((reference / "seated_test_image.expected_landmarks.json").read_text())
    want = np.array([[p["x"], p["y"]] for p in expected["models"][f"pose_landmarker_{variant}"]])
    image = read_image_file(reference / "seated_test_image.jpg")
    estimator = MediaPipePose(model, mode="image")
    pose = estimator.detect(image, 0.0)[0]
    estimator.close()
    got = pose.image[:, :2] / [image.shape[1], image.shape[0]]
    return float(np.abs(got - want)[UPPER_BODY].max())


def main() -> None:
    print("| variant | squats, upper body, median error (px) | seated, upper body, max error |")
    print("|---|---|---|")
    for variant in MODEL_VARIANTS:
        try:
            model = ensure_model(variant, offline=True, replace=replacing_own)
        except ModelError as exc:
            print(f"| {variant} | not provisioned ({exc}) | |")
            continue
        print(f"| {variant} | {squats_median_px(model):.1f} | {seated_max(model, variant):.4f} |")


if __name__ == "__main__":
    main()
