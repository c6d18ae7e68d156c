"""The pose estimator adapter: MediaPipe's PoseLandmarker (Tasks API) returning `Pose` values.

VIDEO mode tracks a person from frame to frame and needs strictly rising timestamps; IMAGE mode
treats each picture on its own, which is right for unrelated photos. Frames larger than
`max_side_px` are shrunk before inference, and frames of VGA size or smaller pass a 3 x 3 median
filter (`DENOISE_KERNEL_PX`); landmarks are still reported in the caller's pixels.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from posture.adapters.opencv_pixels import normalize_image
from posture.core.frame import BadFrame, Image
from posture.core.landmarks import LANDMARK_COUNT, Pose
from posture.ports import Mode

log = logging.getLogger(__name__)

# Sensor noise in a dim, small frame reaches the model almost undiluted (its crops are 224 and
# 256 px): Gaussian noise of sigma 10 hid the sitter from the person detector in 22 of the 36
# frames of ../shared/data slouching-or-not session B (224 px), and misplaced the shoulders in
# others. A 3 x 3 median removes such noise and keeps edges where they are: with it, the
# detector finds the sitter in all 36, and the verdicts of docs/accuracy.md hold under noise.
# Larger frames are averaged by the shrink to the model's crops on their own (by 2.5 times or
# more), so they go in untouched, as MediaPipe's reference outputs expect (tests/adapters).
DENOISE_KERNEL_PX = 3
DENOISE_MAX_SIDE_PX = 640


class MediaPipePose:
    """PoseLandmarker from MediaPipe's Tasks API."""

    def __init__(
        self,
        model_path: Path,
        mode: Mode = "video",
        num_poses: int = 1,
        max_side_px: int = 1920,
    ) -> None:
        # Imported here so that commands which never touch the model start quickly.
        import mediapipe as mp
        from mediapipe.tasks.python import BaseOptions, vision

        self._mp = mp
        running_mode = vision.RunningMode.VIDEO if mode == "video" else vision.RunningMode.IMAGE
        options = vision.PoseLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(model_path)),
            running_mode=running_mode,
            num_poses=num_poses,
        )
        self._landmarker = vision.PoseLandmarker.create_from_options(options)
        self._mode = mode
        self._max_side_px = max_side_px
        self._last_ms = -1
        # Reused between frames of the same size: a camera sends the same size all day.
        self._small: Image | None = None
        self._rgb: Image | None = None
        self._denoised: Image = np.empty((0, 0, 3), np.uint8)

    def _timestamp_ms(self, time_s: float) -> int:
        # VIDEO mode refuses a timestamp that does not rise; nudge repeats forward by 1 ms.
        ms = max(round(time_s * 1000.0), self._last_ms + 1)
        self._last_ms = ms
        return ms

    def _model_input(self, image: Image) -> Image:
        """The frame as RGB, shrunk to `max_side_px`, denoised when small, in reused buffers."""
        image = normalize_image(image)
        height, width = image.shape[:2]
        scale = min(1.0, self._max_side_px / max(height, width))
        if scale < 1.0:
            size = (max(1, round(width * scale)), max(1, round(height * scale)))
            if self._small is None or self._small.shape[:2] != (size[1], size[0]):
                self._small = np.empty((size[1], size[0], 3), np.uint8)
            cv2.resize(image, size, dst=self._small, interpolation=cv2.INTER_AREA)
            image = self._small
        if self._rgb is None or self._rgb.shape != image.shape:
            self._rgb = np.empty(image.shape, np.uint8)
            self._denoised = np.empty(image.shape, np.uint8)
        if max(image.shape[:2]) <= DENOISE_MAX_SIDE_PX:
            cv2.medianBlur(image, DENOISE_KERNEL_PX, dst=self._denoised)
            image = self._denoised
        cv2.cvtColor(image, cv2.COLOR_BGR2RGB, dst=self._rgb)
        return self._rgb

    def detect(self, image: Image, time_s: float) -> list[Pose]:
        height, width = image.shape[:2]
        try:
            rgb = self._model_input(image)
        except cv2.error as exc:  # the seam promises BadFrame, whatever OpenCV raised
            raise BadFrame(f"the picture cannot be converted for the model ({exc})") from exc
        mp_image = self._mp.Image(image_format=self._mp.ImageFormat.SRGB, data=rgb)
        if self._mode == "video":
            result = self._landmarker.detect_for_video(mp_image, self._timestamp_ms(time_s))
        else:
            result = self._landmarker.detect(mp_image)
        poses = [
            _to_pose(points, world, width, height)
            for points, world in zip(
                result.pose_landmarks, result.pose_world_landmarks, strict=False
            )
        ]
        if len(poses) > 1:
            poses.sort(key=_apparent_size_px, reverse=True)
        return poses

    def close(self) -> None:
        self._landmarker.close()


def _to_pose(points: list, world: list, width: int, height: int) -> Pose:  # type: ignore[type-arg]
    # One array from plain tuples, scaled to pixels in one step (the same float64 products).
    image = np.array(
        [(p.x, p.y, p.z, p.visibility or 0.0) for p in points[:LANDMARK_COUNT]], dtype=np.float64
    )
    image[:, :3] *= (width, height, width)
    world_m = np.array([(p.x, p.y, p.z) for p in world[:LANDMARK_COUNT]], dtype=np.float64)
    return Pose(image=image, world=world_m, width_px=width, height_px=height)


def _apparent_size_px(pose: Pose) -> float:
    """Bounding-box diagonal of the confidently seen landmarks: the nearest person is largest."""
    seen = pose.image[pose.image[:, 3] >= 0.5, :2]
    if len(seen) < 2:
        return 0.0
    return float(np.hypot(*(seen.max(axis=0) - seen.min(axis=0))))


class OnDemandPose:
    """A pose estimator made at its first use: no model in memory until it is needed."""

    def __init__(self, make: Callable[[], MediaPipePose]) -> None:
        self._make = make
        self._pose: MediaPipePose | None = None

    def detect(self, image: Image, time_s: float) -> list[Pose]:
        if self._pose is None:
            self._pose = self._make()
        return self._pose.detect(image, time_s)

    def close(self) -> None:
        if self._pose is not None:
            self._pose.close()
            self._pose = None
