"""Test videos built from the real frames in ../shared/data with OpenCV's VideoWriter."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np

SESSION_B = Path("slouching-or-not") / "low-isSlouching__middle-notSlouching"


def _natural(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[-1])


def frames_of(shared_data: Path, label_folder: str, session: Path = SESSION_B) -> list[Path]:
    """The frames of one label folder (`notSlouching` or `isSlouching`) in burst order."""
    return sorted((shared_data / session / label_folder).glob("*.jpg"), key=_natural)


def empty_scene(shared_data: Path, session: Path = SESSION_B) -> np.ndarray:
    """The office with nobody in it: the wall beside the sitter, stretched to a full frame."""
    frame = cv2.imread(str(frames_of(shared_data, "notSlouching", session)[0]))
    return np.ascontiguousarray(cv2.resize(frame[:, :50], (frame.shape[1], frame.shape[0])))


def write_video(
    path: Path, segments: Sequence[tuple[Sequence[np.ndarray], float]], fps: float = 2.0
) -> float:
    """Write segments of (frames cycled through, seconds) as an MJPG video; returns its length."""
    first = segments[0][0][0]
    height, width = first.shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (width, height))
    if not writer.isOpened():
        raise RuntimeError(f"OpenCV cannot write {path}")
    total = 0
    for frames, seconds in segments:
        count = round(seconds * fps)
        for i in range(count):
            writer.write(frames[(i // max(1, round(fps))) % len(frames)])
        total += count
    writer.release()
    return total / fps


def load(paths: Sequence[Path]) -> list[np.ndarray]:
    """Decoded frames."""
    return [cv2.imread(str(p)) for p in paths]
