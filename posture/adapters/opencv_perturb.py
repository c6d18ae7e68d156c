"""Benign changes of a picture that must not change a verdict: mirror, dim, JPEG, noise, blur,
shift.

Each one stands for something a real desk camera does without the sitter changing posture: a
mirrored selfie view, a dim room, a cheap camera's compression, sensor noise in low light, a
soft focus, and sitting a little further to one side. The parameters are the ones issue 13 fixes,
so every evaluation under a perturbation is comparable with every other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

import cv2
import numpy as np

from posture.core.frame import Image

# Dim light: every pixel value times this (a room lit at about half the calibration's light).
DARK_FACTOR: Final = 0.55
# A cheap camera or a starved video call: JPEG at this quality (OpenCV's 0..100 scale).
JPEG_QUALITY: Final = 20
# Sensor noise in low light: Gaussian, this standard deviation in 8-bit pixel values.
NOISE_SIGMA: Final = 10.0
# The same noise for the same picture on every run, so evaluations are reproducible.
NOISE_SEED: Final = 13
# Soft focus: a Gaussian blur of this sigma per 640 px of the picture's long side, so the blur
# looks the same at every resolution (1 px at VGA).
BLUR_SIGMA_PER_640_PX: Final = 1.0
# Sitting off to one side: this share of the width cut off the left edge.
SHIFT_CROP_FRAC: Final = 0.08


def mirror(image: Image) -> Image:
    """Flipped left to right, as a selfie preview shows it."""
    return np.ascontiguousarray(cv2.flip(image, 1))


def dark(image: Image) -> Image:
    """Every pixel value scaled by DARK_FACTOR (rounded, as a camera's exposure would)."""
    return np.ascontiguousarray(cv2.convertScaleAbs(image, alpha=DARK_FACTOR, beta=0.0))


def jpeg(image: Image) -> Image:
    """Encoded and decoded again as JPEG at JPEG_QUALITY."""
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:  # pragma: no cover - OpenCV encodes any 8-bit BGR picture
        raise ValueError("the picture cannot be encoded as JPEG")
    decoded = cv2.imdecode(data, cv2.IMREAD_COLOR)
    return np.ascontiguousarray(decoded)


def noise(image: Image) -> Image:
    """Gaussian noise of NOISE_SIGMA added to every channel, clipped to 0..255, seeded."""
    rng = np.random.default_rng(NOISE_SEED)
    noisy = image.astype(np.float32) + rng.normal(0.0, NOISE_SIGMA, image.shape).astype(np.float32)
    return np.ascontiguousarray(np.clip(np.rint(noisy), 0, 255).astype(np.uint8))


def blur(image: Image) -> Image:
    """A Gaussian blur of sigma BLUR_SIGMA_PER_640_PX x (long side / 640)."""
    sigma = BLUR_SIGMA_PER_640_PX * max(image.shape[:2]) / 640.0
    return np.ascontiguousarray(cv2.GaussianBlur(image, (0, 0), sigmaX=sigma, sigmaY=sigma))


def shift(image: Image) -> Image:
    """SHIFT_CROP_FRAC of the width cut off the left edge: the sitter sits further left."""
    cut = round(image.shape[1] * SHIFT_CROP_FRAC)
    return np.ascontiguousarray(image[:, cut:])


PERTURBATIONS: Final[Mapping[str, Callable[[Image], Image]]] = {
    "mirror": mirror,
    "dark": dark,
    "jpeg": jpeg,
    "noise": noise,
    "blur": blur,
    "shift": shift,
}

# Only a mirror changes how calibration would have seen the sitter too: a camera preview is
# mirrored all day or never. Every other change happens to the judged frames alone.
APPLIES_TO_CALIBRATION: Final = frozenset({"mirror"})


def perturb(name: str, image: Image) -> Image:
    """`image` under the named perturbation (one of PERTURBATIONS); KeyError for another name."""
    return PERTURBATIONS[name](image)
