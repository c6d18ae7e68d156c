"""The project's own pose values: 33 BlazePose landmarks in image pixels and in world metres.

Everything downstream (metrics, calibration, annotation, JSON output) works on `Pose`, never on
MediaPipe's result objects, so the model can be swapped or faked without touching the core.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property
from typing import TypeVar, cast

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

LANDMARK_COUNT = 33


class LM(IntEnum):
    """Indices of the 33 BlazePose landmarks."""

    NOSE = 0
    LEFT_EYE_INNER = 1
    LEFT_EYE = 2
    LEFT_EYE_OUTER = 3
    RIGHT_EYE_INNER = 4
    RIGHT_EYE = 5
    RIGHT_EYE_OUTER = 6
    LEFT_EAR = 7
    RIGHT_EAR = 8
    MOUTH_LEFT = 9
    MOUTH_RIGHT = 10
    LEFT_SHOULDER = 11
    RIGHT_SHOULDER = 12
    LEFT_ELBOW = 13
    RIGHT_ELBOW = 14
    LEFT_WRIST = 15
    RIGHT_WRIST = 16
    LEFT_PINKY = 17
    RIGHT_PINKY = 18
    LEFT_INDEX = 19
    RIGHT_INDEX = 20
    LEFT_THUMB = 21
    RIGHT_THUMB = 22
    LEFT_HIP = 23
    RIGHT_HIP = 24
    LEFT_KNEE = 25
    RIGHT_KNEE = 26
    LEFT_ANKLE = 27
    RIGHT_ANKLE = 28
    LEFT_HEEL = 29
    RIGHT_HEEL = 30
    LEFT_FOOT_INDEX = 31
    RIGHT_FOOT_INDEX = 32


# Pairs drawn as the skeleton (a subset of BlazePose's connections that a desk camera sees).
SKELETON: tuple[tuple[LM, LM], ...] = (
    (LM.LEFT_EAR, LM.LEFT_EYE),
    (LM.LEFT_EYE, LM.NOSE),
    (LM.NOSE, LM.RIGHT_EYE),
    (LM.RIGHT_EYE, LM.RIGHT_EAR),
    (LM.MOUTH_LEFT, LM.MOUTH_RIGHT),
    (LM.LEFT_SHOULDER, LM.RIGHT_SHOULDER),
    (LM.LEFT_SHOULDER, LM.LEFT_ELBOW),
    (LM.LEFT_ELBOW, LM.LEFT_WRIST),
    (LM.RIGHT_SHOULDER, LM.RIGHT_ELBOW),
    (LM.RIGHT_ELBOW, LM.RIGHT_WRIST),
    (LM.LEFT_SHOULDER, LM.LEFT_HIP),
    (LM.RIGHT_SHOULDER, LM.RIGHT_HIP),
    (LM.LEFT_HIP, LM.RIGHT_HIP),
    (LM.LEFT_HIP, LM.LEFT_KNEE),
    (LM.LEFT_KNEE, LM.LEFT_ANKLE),
    (LM.RIGHT_HIP, LM.RIGHT_KNEE),
    (LM.RIGHT_KNEE, LM.RIGHT_ANKLE),
)

T = TypeVar("T")


@dataclass(frozen=True)
class Pose:
    """One person's landmarks in one frame.

    `image` is (33, 4): x and y in pixels of the analysed frame (origin top-left, y down),
    z as MediaPipe's relative depth scaled to pixels like x (smaller is nearer the camera, origin
    at the hips), and visibility in [0, 1].
    `world` is (33, 3): x, y, z in metres, origin between the hips, y down, z towards the
    camera being negative, as MediaPipe's world landmarks.
    """

    image: FloatArray
    world: FloatArray
    width_px: int
    height_px: int

    def __post_init__(self) -> None:
        if self.image.shape != (LANDMARK_COUNT, 4):
            raise ValueError(f"image landmarks must be (33, 4), got {self.image.shape}")
        if self.world.shape != (LANDMARK_COUNT, 3):
            raise ValueError(f"world landmarks must be (33, 3), got {self.world.shape}")

    @cached_property
    def rows(self) -> list[list[float]]:
        """`image` as plain floats, [x, y, z, visibility] per landmark, made once per pose.

        The metrics read a few numbers from dozens of landmarks a frame, and indexing numpy
        for each costs far more than indexing a list (poses are values: never changed in place).
        """
        rows: list[list[float]] = self.image.tolist()
        return rows

    @cached_property
    def _memo(self) -> dict[tuple[str, float], object]:
        return {}

    def once(self, name: str, min_visibility: float, compute: Callable[[], T]) -> T:
        """`compute()`, worked out once for this pose and visibility floor: pure results that
        several values share (the face axis feeds the head roll, yaw and pitch)."""
        key = (name, min_visibility)
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def xy(self, lm: LM) -> FloatArray:
        """Pixel position of one landmark."""
        return self.image[lm, :2]

    def visibility(self, lm: LM) -> float:
        """Visibility of one landmark in [0, 1]."""
        return self.rows[lm][3]

    def to_json(self) -> list[list[float]]:
        """33 x [x_px, y_px, z, visibility], rounded for output."""
        return [[round(float(v), 4) for v in row] for row in self.image]
