"""The peers' approach, for comparison: decode every frame, run the pose model at 10 fps."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import cv2
import mediapipe as mp
from mediapipe.tasks.python import BaseOptions, vision


def main(url: str, model: Path, pose_fps: float = 10.0) -> None:
    options = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(model)), running_mode=vision.RunningMode.VIDEO
    )
    landmarker = vision.PoseLandmarker.create_from_options(options)
    capture = cv2.VideoCapture(url, cv2.CAP_FFMPEG)
    next_pose = 0.0
    while True:
        ok, frame = capture.read()
        if not ok:
            time.sleep(0.1)
            continue
        now = time.monotonic()
        if now >= next_pose:
            next_pose = now + 1.0 / pose_fps
            rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
            landmarker.detect_for_video(
                mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb), int(now * 1000)
            )


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
