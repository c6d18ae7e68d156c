"""Finding the cameras: a quick look at indices 0 to 5 with OpenCV, its own log kept quiet.

A device that opens but gives no picture (a metadata node, a camera in use) is not listed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import cv2

from posture.ports import CameraFound

PROBED_INDICES = range(6)


@contextlib.contextmanager
def quiet_opencv() -> Iterator[None]:
    """OpenCV's log silenced while probing: a missing index is expected, not a warning."""
    logging = getattr(getattr(cv2, "utils", None), "logging", None)
    if logging is None:
        yield
        return
    previous = logging.getLogLevel()
    logging.setLogLevel(logging.LOG_LEVEL_SILENT)
    try:
        yield
    finally:
        logging.setLogLevel(previous)


def probe_cameras(
    indices: Iterable[int] = PROBED_INDICES, opener: Callable[[int], Any] = cv2.VideoCapture
) -> list[CameraFound]:
    """The cameras among `indices` that open and deliver a picture."""
    found: list[CameraFound] = []
    with quiet_opencv():
        for index in indices:
            capture = opener(index)
            try:
                if not capture.isOpened():
                    continue
                ok, image = capture.read()
                if ok and image is not None:
                    found.append(CameraFound(index, int(image.shape[1]), int(image.shape[0])))
            finally:
                capture.release()
    return found
