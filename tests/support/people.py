"""The three people of `portraits/three_people.jpg`, each as a camera would see them alone."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from posture.adapters.opencv_images import read_image_file

# Each person's box (x0, y0, x1, y1) in the 1049x861 picture, and the nose the model finds in
# the full picture, in pixels: the man on the right, the seated man, the man on the left.
BOXES = {
    "right": (620, 0, 1049, 700),
    "middle": (180, 280, 720, 861),
    "left": (0, 0, 420, 560),
}
NOSES = {"right": (871, 155), "middle": (418, 485), "left": (201, 164)}


def three_people(shared_data: Path) -> Path:
    return shared_data / "portraits" / "three_people.jpg"


def alone(image: np.ndarray, name: str) -> np.ndarray:
    """The picture with everything outside one person's box a flat grey: that person, alone,
    in the same place and size (a crop that keeps the frame, so positions still compare)."""
    x0, y0, x1, y1 = BOXES[name]
    out = np.full_like(image, 128)
    out[y0:y1, x0:x1] = image[y0:y1, x0:x1]
    return out


def write_alone(shared_data: Path, folder: Path, name: str) -> Path:
    """`alone(...)` saved as a PNG in `folder` (a temporary folder, never the repository)."""
    path = folder / f"alone_{name}.png"
    cv2.imwrite(str(path), alone(read_image_file(three_people(shared_data)), name))
    return path
