"""Frame sources behind one interface: camera, video file, image files or folders, network streams.

`open_source(spec)` turns what a user typed into a source. Every source yields `Frame`s (or
`Skipped` for an input that could not be read) with timestamps: the video's own for files, the
wall clock for live sources. `skip()` advances past a frame without decoding it where the backend
allows, so frames that are not analysed cost as little as possible.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import numpy as np

from posture.adapters.opencv_pixels import normalize_image
from posture.adapters.picture_header import MAX_PIXELS, too_many_pixels
from posture.core.frame import BadFrame, Frame, Skipped
from posture.errors import UserError, shown
from posture.ports import FrameSource

log = logging.getLogger(__name__)

# OpenCV's own guard for the formats whose header `picture_header` does not read (WebP, TIFF);
# read when it first decodes, so it is set on import, before any decoding.
os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_PIXELS))

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})
VIDEO_SUFFIXES = frozenset({".mp4", ".avi", ".mov", ".mkv", ".webm", ".m4v", ".mjpeg", ".mjpg"})

Clock = Callable[[], float]
STREAM_TIMEOUT_MS = 5000
# How far past a damaged stretch of a video file the reader looks for a good frame.
MAX_DAMAGED_FRAMES = 120
# Where a picture's size is declared: JPEG metadata (EXIF, ICC) may come before it.
HEADER_BYTES = 1 << 20


def _is_jpeg_truncated(data: bytes) -> bool:
    """A JPEG must end with the EOI marker; a cut-off download or copy does not."""
    if data[:2] != b"\xff\xd8":
        return False
    if data.rstrip(b"\x00\r\n ").endswith(b"\xff\xd9"):
        return False
    # Some cameras append data after the end marker; the marker is then still near the end.
    return b"\xff\xd9" not in data[-4096:]


def read_image_file(path: Path) -> np.ndarray:
    """Decode one image file to 8-bit BGR, or raise BadFrame with the reason in words."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadFrame(f"cannot be read ({exc.strerror or exc})") from exc
    if not data:
        raise BadFrame("is an empty file")
    if _is_jpeg_truncated(data):
        raise BadFrame("is a truncated JPEG (the file ends before the picture does)")
    if (refused := too_many_pixels(data)) is not None:
        raise BadFrame(refused)
    try:
        decoded = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_UNCHANGED)
    except cv2.error as exc:  # over OpenCV's own pixel limit, or a header it cannot parse
        raise BadFrame("is a picture OpenCV refuses to decode (too large or damaged)") from exc
    if decoded is None:
        raise BadFrame("is not a picture OpenCV can decode")
    try:
        return normalize_image(decoded)
    except BadFrame as exc:
        raise BadFrame(f"cannot be used: {exc}") from exc


class ImageFiles:
    """A list of still images, each a frame at time 0; unreadable files come out as Skipped."""

    live = False

    def __init__(self, paths: list[Path], label: str) -> None:
        self._paths = paths
        self._next = 0
        self.label = label

    def read(self) -> Frame | Skipped | None:
        if self._next >= len(self._paths):
            return None
        path = self._paths[self._next]
        self._next += 1
        try:
            image = read_image_file(path)
        except BadFrame as exc:
            return Skipped(str(path), f"{path} {exc}")
        return Frame(image=image, time_s=0.0, index=0, origin=str(path))

    def skip(self) -> bool:
        self._next += 1
        return self._next <= len(self._paths)

    def __len__(self) -> int:
        """How many files the source holds (readable or not)."""
        return len(self._paths)

    def close(self) -> None:
        self._next = len(self._paths)


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


def natural_key(path: Path) -> list[tuple[int, str]]:
    """Sort key reading the digits in a name as a number: img2 before img10."""
    parts = re.split(r"(\d+)", path.stem.casefold())
    key = [(int(part), "") if part.isdigit() else (-1, part) for part in parts]
    return [*key, (-2, path.suffix.casefold())]  # "img" before "img1", whatever the suffix


def list_image_files(folder: Path) -> list[Path]:
    """The files of a folder in natural name order (img2 before img10), hidden files left out."""
    files = (p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return sorted(files, key=natural_key)


def _refuse_huge_picture(path: Path, spec: str) -> None:
    """One sentence for a picture given alone whose header claims too many pixels."""
    try:
        with path.open("rb") as file:
            head = file.read(HEADER_BYTES)
    except OSError as exc:
        raise UserError(f"{shown(spec)}: {exc.strerror or exc}") from None
    if (refused := too_many_pixels(head)) is not None:
        raise UserError(f"{shown(spec)} {refused}")


def open_source(spec: str, clock: Clock = time.time) -> FrameSource:
    """Open what the user named: a camera index, a stream URL, an image, a folder or a video."""
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
        _refuse_huge_picture(path, spec)
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
