"""Frames as Qt pictures: the skeleton drawn by the same code as `--preview`, then a QImage.

The frame stays in memory: nothing here writes a picture anywhere.
"""

from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap

from posture.adapters.opencv_imaging import draw_pose
from posture.core.baseline import Baseline
from posture.core.frame import Image
from posture.core.landmarks import Pose


def annotated(image: Image, poses: tuple[Pose, ...] | list[Pose], caption: str = "") -> Image:
    """A copy of `image` with every person's skeleton drawn (the caption over the first)."""
    out = image.copy()
    for i, pose in enumerate(poses):
        out = draw_pose(out, pose, caption if i == 0 else "")
    return out


def to_pixmap(image: Image) -> QPixmap:
    """A BGR (OpenCV order) or grey frame as a QPixmap, copied so the frame may go."""
    frame = np.ascontiguousarray(image)
    height, width = frame.shape[:2]
    grey = frame.ndim == 2
    kind = QImage.Format.Format_Grayscale8 if grey else QImage.Format.Format_BGR888
    qimage = QImage(frame.data, width, height, frame.strides[0], kind)
    return QPixmap.fromImage(qimage.copy())


def fitted_pixmap(image: Image, max_side_px: int) -> tuple[QPixmap, float]:
    """`image` as a QPixmap no longer than `max_side_px` on its long side, and the scale used."""
    pixmap = to_pixmap(image)
    side = max(pixmap.width(), pixmap.height())
    scale = min(1.0, max_side_px / side) if side else 1.0
    if scale < 1.0:
        pixmap = pixmap.scaled(
            round(pixmap.width() * scale),
            round(pixmap.height() * scale),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return pixmap, scale


# The calibrated posture, drawn over the captured frame: a colour the skeleton never uses.
BASELINE_BGR = (255, 200, 0)


def baseline_overlay(image: Image, baseline: Baseline) -> Image:
    """A copy of `image` with the baseline's shoulder line and ear midpoint drawn over it.

    The baseline keeps positions as fractions of its frame, so they are drawn at this frame's
    size; a value the calibration could not see is left out.
    """
    out = image.copy()
    height, width = out.shape[:2]
    thick = max(2, round(max(width, height) / 200))
    sx, sy, sw = (baseline.get(k) for k in ("shoulder_x", "shoulder_y", "shoulder_w"))
    if sx is not None and sy is not None and sw is not None:
        left = (round((sx - sw / 2) * width), round(sy * height))
        right = (round((sx + sw / 2) * width), round(sy * height))
        cv2.line(out, left, right, BASELINE_BGR, thick, cv2.LINE_AA)
    ex, ey = baseline.get("ear_x"), baseline.get("ear_y")
    if ex is not None and ey is not None:
        centre = (round(ex * width), round(ey * height))
        cv2.circle(out, centre, 3 * thick, BASELINE_BGR, thick, cv2.LINE_AA)
        if sx is not None and sy is not None:
            cv2.line(out, centre, (round(sx * width), round(sy * height)), BASELINE_BGR, thick)
    return out
