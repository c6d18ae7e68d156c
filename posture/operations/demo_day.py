"""The demo day: a video generated from the picture the project ships, for newcomers without a
camera. The portrait is placed in an office-like frame and moved as a sitter would: upright,
sinking into a slouch, tilting the head, and leaving the desk for breaks."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from posture.adapters.opencv_imaging import save_image
from posture.adapters.private_files import replacing
from posture.core.frame import Image

PICTURE = Path(__file__).parent / "demo_assets" / "grace_hopper.jpg"
WIDTH, HEIGHT = 640, 480
FPS = 0.5  # a frame every two seconds: posture changes over seconds, and replays go faster

# (what, minutes): a compressed working morning.
DAY: tuple[tuple[str, float], ...] = (
    ("upright", 12),
    ("slouch", 6),
    ("upright", 10),
    ("away", 7),
    ("upright", 8),
    ("tilt", 4),
    ("upright", 6),
    ("slouch", 5),
    ("upright", 4),
    ("away", 10),
    ("upright", 10),
    ("slouch", 3),
    ("upright", 5),
)


def _wall() -> Image:
    """A softly lit office wall: a gradient with a little texture, nobody in it."""
    rows = np.linspace(205, 170, HEIGHT, dtype=np.float32)[:, None]
    cols = np.linspace(-12, 12, WIDTH, dtype=np.float32)[None, :]
    base = rows + cols
    noise = np.random.default_rng(7).normal(0, 3, (HEIGHT, WIDTH)).astype(np.float32)
    gray = np.clip(base + noise, 0, 255)
    return np.dstack([gray * 0.97, gray * 0.99, gray]).astype(np.uint8)


def _placed(
    picture: Image, dy_px: float = 0.0, scale: float = 1.0, angle_deg: float = 0.0
) -> Image:
    """The portrait pasted onto the wall, moved down, scaled and rotated about its chest."""
    frame = _wall()
    target_h = int(HEIGHT * 0.9 * scale)
    target_w = int(picture.shape[1] * target_h / picture.shape[0])
    person = cv2.resize(picture, (target_w, target_h), interpolation=cv2.INTER_AREA)
    x0 = (WIDTH - target_w) // 2
    y0 = int(HEIGHT - target_h + dy_px)
    canvas: Any = frame.copy()
    mask: Any = np.zeros((HEIGHT, WIDTH), np.uint8)
    ys, ye = max(0, y0), min(HEIGHT, y0 + target_h)
    canvas[ys:ye, x0 : x0 + target_w] = person[ys - y0 : ye - y0]
    mask[ys:ye, x0 : x0 + target_w] = 255
    if angle_deg:
        centre = (WIDTH / 2, HEIGHT * 0.8)
        matrix = cv2.getRotationMatrix2D(centre, angle_deg, 1.0)
        canvas = cv2.warpAffine(canvas, matrix, (WIDTH, HEIGHT), borderMode=cv2.BORDER_REPLICATE)
        mask = cv2.warpAffine(mask, matrix, (WIDTH, HEIGHT))
    frame[mask > 0] = canvas[mask > 0]
    return frame


def scenes(picture_path: Path = PICTURE) -> dict[str, Image]:
    """One frame per kind of moment."""
    picture: Any = cv2.imread(str(picture_path))
    if picture is None:
        raise FileNotFoundError(picture_path)
    return {
        "upright": _placed(picture),
        "slouch": _placed(picture, dy_px=HEIGHT * 0.12, scale=0.96),
        "tilt": _placed(picture, angle_deg=14.0),
        "away": _wall(),
    }


def write_day(path: Path, day: Iterable[tuple[str, float]] = DAY) -> float:
    """Write the demo video (MJPG in AVI), owner-only; returns its length in seconds.

    OpenCV's writer takes only a file name, so it writes the private writer's temporary file
    (already made 0600, and renamed onto `path` once complete), never `path` itself.
    """
    frames = scenes()
    count = 0
    with replacing(path, replace_link=True) as pending:
        writer = cv2.VideoWriter(
            str(pending.path), cv2.VideoWriter.fourcc(*"MJPG"), FPS, (WIDTH, HEIGHT)
        )
        if not writer.isOpened():
            raise OSError(f"cannot write the demo video {path}")
        for kind, minutes in day:
            for _ in range(round(minutes * 60 * FPS)):
                writer.write(frames[kind])
                count += 1
        writer.release()
    return count / FPS


def write_calibration(folder: Path) -> Path:
    """A few upright frames to calibrate the demo profile from, owner-only in `folder`."""
    upright = scenes()["upright"]
    for i in range(3):
        save_image(folder / f"upright-{i}.png", upright, replace_link=True)
    return folder
