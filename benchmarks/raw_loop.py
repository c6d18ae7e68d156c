"""The floor, for comparison: MediaPipe's own detect_for_video once a second on a frame decoded
beforehand; no camera, no decoding, nothing else. `loop_cpu.py` runs it in the same run."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import cv2
import mediapipe as mp
from mediapipe.tasks.python import BaseOptions, vision


def main(picture: Path, model: Path, looks_per_s: float = 1.0) -> None:
    options = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(model)), running_mode=vision.RunningMode.VIDEO
    )
    landmarker = vision.PoseLandmarker.create_from_options(options)
    rgb = cv2.cvtColor(cv2.imread(str(picture)), cv2.COLOR_BGR2RGB)
    image = mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb)
    next_look = time.monotonic()
    while True:
        landmarker.detect_for_video(image, int(time.monotonic() * 1000))
        next_look += 1.0 / looks_per_s
        time.sleep(max(0.0, next_look - time.monotonic()))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
