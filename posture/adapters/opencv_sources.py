"""Frame sources behind one interface: camera, video file, image files or folders, network streams.

`open_source(spec)` turns what a user typed into a source. Every source yields `Frame`s (or
`Skipped` for an input that could not be read) with timestamps: the video's own for files, the
wall clock for live sources. `skip()` advances past a frame without decoding it where the backend
allows, so frames that are not analysed cost as little as possible.
"""

from __future__ import annotations

import http.client
import logging
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import cv2

from posture.adapters.mjpeg_stream import MjpegStream, NotMjpeg
from posture.adapters.opencv_images import (
    IMAGE_SUFFIXES,
    ImageFiles,
    list_image_files,
    refuse_huge_picture,
)
from posture.adapters.opencv_pixels import normalize_image
from posture.core.frame import BadFrame, Frame, Skipped
from posture.errors import UserError, shown
from posture.ports import FrameSource

log = logging.getLogger(__name__)

VIDEO_SUFFIXES = frozenset({".mp4", ".avi", ".mov", ".mkv", ".webm", ".m4v", ".mjpeg", ".mjpg"})

Clock = Callable[[], float]
STREAM_TIMEOUT_MS = 5000
# How far past a damaged stretch of a video file the reader looks for a good frame.
MAX_DAMAGED_FRAMES = 120


class CaptureSource:
    """An OpenCV capture: a video file (its own clock) or a camera or stream (the wall clock)."""

    def __init__(
        self, capture: cv2.VideoCapture, label: str, live: bool, clock: Clock = time.time
    ) -> None:
        self._capture = capture
        self._clock = clock
        self._index = -1
        self._last_time_s = -1.0
        fps = capture.get(cv2.CAP_PROP_FPS)
        self._fps = fps if fps and fps > 0 else 30.0
        self.label = label
        self.live = live
        self._damage_logged = False

    def _timestamp(self) -> float:
        if self.live:
            return self._clock()
        pos_ms = self._capture.get(cv2.CAP_PROP_POS_MSEC)
        time_s = pos_ms / 1000.0 if pos_ms and pos_ms > 0 else self._index / self._fps
        # Some containers report no or repeated timestamps; the frame count is then the clock.
        if time_s <= self._last_time_s:
            time_s = max(self._index / self._fps, self._last_time_s + 1e-3)
        return time_s

    def _past_damage(self) -> bool:
        """After a failed read in a file with frames left: seek past the damaged part.

        A damaged stretch in the middle of a video must not end the replay early. Tries the
        following frames one by one (up to MAX_DAMAGED_FRAMES); logs once per file.
        """
        if self.live:
            return False
        total = self.frame_count
        for ahead in range(1, MAX_DAMAGED_FRAMES + 1):
            target = self._index + 1 + ahead
            if target >= total:
                return False
            if self._capture.set(cv2.CAP_PROP_POS_FRAMES, target) and self._capture.grab():
                if not self._damage_logged:
                    self._damage_logged = True
                    log.warning(
                        "%s is damaged near frame %d; skipped to frame %d",
                        self.label,
                        self._index + 1,
                        target,
                    )
                self._index = target - 1
                return True
        return False

    def read(self) -> Frame | Skipped | None:
        ok, image = self._capture.read()
        if not ok or image is None:
            if not self._past_damage():
                return None
            ok, image = self._capture.retrieve()
            if not ok or image is None:
                return None
        self._index += 1
        time_s = self._timestamp()
        self._last_time_s = time_s
        try:
            bgr = normalize_image(image)
        except BadFrame as exc:
            return Skipped(f"{self.label}#{self._index}", f"frame {self._index}: {exc}")
        return Frame(image=bgr, time_s=time_s, index=self._index, origin=self.label)

    def skip(self) -> bool:
        if not self._capture.grab() and not self._past_damage():
            return False
        self._index += 1
        if not self.live:
            self._last_time_s = self._timestamp()
        return True

    @property
    def frame_count(self) -> int:
        """How many frames the container declares (0 when it declares none, as a stream)."""
        return max(0, int(self._capture.get(cv2.CAP_PROP_FRAME_COUNT) or 0))

    @property
    def length_s(self) -> float | None:
        """How long a video file lasts by its declared frame count (None when unknown)."""
        frames = self.frame_count
        return frames / self._fps if frames else None

    @property
    def fps(self) -> float:
        """Frames per second the container declares (30 when it declares none)."""
        return self._fps

    def set_property(self, prop: int, value: float) -> bool:
        """Set an OpenCV capture property; False when the backend ignores it."""
        return bool(self._capture.set(prop, value))

    def position_s(self) -> float:
        """Timestamp of the last frame read or skipped (video files only)."""
        return self._last_time_s

    def close(self) -> None:
        self._capture.release()


def _camera_index(spec: str) -> int | None:
    return int(spec) if spec.isdigit() else None


def open_source(spec: str, clock: Clock = time.time, decode_side_px: int = 640) -> FrameSource:
    """Open what the user named: a camera index, a stream URL, an image, a folder or a video.

    An MJPEG stream over HTTP is read by `MjpegStream` (newest frame only, decoded no larger
    than `decode_side_px` needs); any other stream by OpenCV.
    """
    index = _camera_index(spec)
    if index is not None:
        capture = cv2.VideoCapture(index)
        if not capture.isOpened():
            capture.release()
            raise UserError(
                f"camera {index} could not be opened; check that it is connected and that no "
                "other program is using it (`python run.py setup` lists the cameras it finds)"
            )
        return CaptureSource(capture, f"camera {index}", live=True, clock=clock)
    if spec.startswith(("http://", "https://")):
        try:
            return MjpegStream(spec, STREAM_TIMEOUT_MS / 1000, clock, decode_side_px)
        except NotMjpeg:
            pass  # another kind of stream: OpenCV's FFmpeg backend reads it below
        except (OSError, http.client.HTTPException) as exc:
            raise UserError(f"the stream {spec} could not be opened; check the address") from exc
    if "://" in spec:
        # A stream that stops answering must not freeze the loop for FFmpeg's default 30 s.
        capture = cv2.VideoCapture(
            spec,
            cv2.CAP_FFMPEG,
            [
                cv2.CAP_PROP_OPEN_TIMEOUT_MSEC,
                STREAM_TIMEOUT_MS,
                cv2.CAP_PROP_READ_TIMEOUT_MSEC,
                STREAM_TIMEOUT_MS,
            ],
        )
        if not capture.isOpened():
            capture.release()
            raise UserError(f"the stream {spec} could not be opened; check the address")
        return CaptureSource(capture, spec, live=True, clock=clock)
    path = Path(spec).expanduser()
    try:
        if not path.exists():
            raise UserError(f"{shown(spec)}: no such file or folder")
        if path.is_dir():
            return ImageFiles(list_image_files(path), str(path))
    except OSError as exc:  # a name too long for the file system, a folder it may not list
        raise UserError(f"{shown(spec)}: {exc.strerror or exc}") from None
    if not os.access(path, os.R_OK):
        raise UserError(f"{spec}: permission denied")
    if path.suffix.lower() in IMAGE_SUFFIXES:
        refuse_huge_picture(path, spec)
        return ImageFiles([path], str(path))
    capture = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG)
    if not capture.isOpened() or not capture.grab():
        capture.release()
        raise UserError(f"{spec}: not a video or picture that can be opened")
    # The probe above consumed the first frame; reopen so nothing is lost.
    capture.release()
    capture = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG)
    return CaptureSource(capture, str(path), live=False, clock=clock)


def iterate(source: FrameSource) -> Iterator[Frame | Skipped]:
    """Every item of a source until it ends; the source is closed afterwards."""
    try:
        while (item := source.read()) is not None:
            yield item
    finally:
        source.close()
