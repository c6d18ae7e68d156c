"""Making any decoded picture safe to analyse: contiguous 8-bit BGR of a sensible size.

Cameras and files deliver grayscale, RGBA, 16-bit or enormous pictures now and then; the model
wants 8-bit BGR. `normalize_image` is the one place that decides this.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from posture.core.frame import BadFrame, Image

# Larger pictures are shrunk before inference: the model works at 256 px anyway, and a
# 8000x6000 photo would otherwise cost memory and time for nothing.
MAX_SIDE_PX = 1920


def normalize_image(picture: npt.NDArray[Any], max_side_px: int | None = None) -> Image:
    """`picture` as contiguous 8-bit BGR, shrunk to `max_side_px` on its long side if given."""
    image: Any = picture
    if image.size == 0 or image.ndim not in (2, 3):
        raise BadFrame("the picture is empty")
    if image.dtype != np.uint8:
        if image.dtype == np.uint16:
            image = (image >> 8).astype(np.uint8)
        elif np.issubdtype(image.dtype, np.floating):
            image = np.clip(np.asarray(image, dtype=np.float64) * 255.0, 0, 255).astype(np.uint8)
        else:
            raise BadFrame(f"pixels of type {image.dtype} are not supported")
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    elif image.shape[2] == 1:
        image = cv2.cvtColor(image[:, :, 0], cv2.COLOR_GRAY2BGR)
    elif image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    elif image.shape[2] != 3:
        raise BadFrame(f"pictures with {image.shape[2]} channels are not supported")
    height, width = image.shape[:2]
    long_side = max(height, width)
    if max_side_px is not None and long_side > max_side_px:
        scale = max_side_px / long_side
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    out: Image = np.ascontiguousarray(image, dtype=np.uint8)
    return out
