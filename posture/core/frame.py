"""Frames: one decoded picture with where and when it came from, and what it can tell at a glance.

Decoding and converting pictures is the adapters' work (`posture.adapters.opencv_pixels`); a
frame here is already 8-bit BGR. `is_blank` needs only numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]

# A frame this dark or this flat is a closed privacy shutter or a covered lens, not a person.
BLANK_MEAN_MAX = 16.0
BLANK_STD_MAX = 6.0


@dataclass(frozen=True)
class Frame:
    """One decoded picture with where and when it came from.

    `time_s` is the video's own timestamp for files and the wall clock for live sources.
    """

    image: Image
    time_s: float
    index: int
    origin: str


@dataclass(frozen=True)
class Skipped:
    """An input that could not be analysed, with the reason in one sentence."""

    origin: str
    reason: str


class BadFrame(ValueError):
    """A decoded picture that cannot be analysed (empty, or of an unknown layout)."""


def is_blank(image: Image) -> bool:
    """True for a black or featureless frame (checked on a small copy; costs microseconds)."""
    if image.size == 0:
        raise BadFrame("the picture is empty")
    small = image[:: max(1, image.shape[0] // 48), :: max(1, image.shape[1] // 64)]
    channels = small.reshape(-1, small.shape[2] if small.ndim == 3 else 1).astype(np.float64)
    # Each channel's mean and mean square as two matrix products: numpy's reductions along
    # the short axis of a (pixels, 3) array cost four times as much (25 against 106 us).
    weights = np.full(len(channels), 1.0 / len(channels))
    means = channels.T @ weights
    variances = (channels * channels).T @ weights - means * means
    std = float(np.sqrt(max(float(variances.max()), 0.0)))
    return float(means.mean()) < BLANK_MEAN_MAX or std < BLANK_STD_MAX
