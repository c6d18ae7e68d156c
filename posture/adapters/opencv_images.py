"""Still pictures from files: one decoded safely (a truncated JPEG, a picture claiming too
many pixels or one OpenCV refuses each give `BadFrame` with the reason in words, never a crash),
and a list of them as a frame source, in natural name order (img2 before img10).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import cv2
import numpy as np

from posture.adapters.opencv_pixels import normalize_image
from posture.adapters.picture_header import MAX_PIXELS, too_many_pixels
from posture.core.frame import BadFrame, Frame, Skipped
from posture.errors import UserError, shown

# OpenCV's own guard for the formats whose header `picture_header` does not read (WebP, TIFF);
# read when it first decodes, so it is set on import, before any decoding.
os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_PIXELS))

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})
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


def natural_key(path: Path) -> list[tuple[int, str]]:
    """Sort key reading the digits in a name as a number: img2 before img10."""
    parts = re.split(r"(\d+)", path.stem.casefold())
    key = [(int(part), "") if part.isdigit() else (-1, part) for part in parts]
    return [*key, (-2, path.suffix.casefold())]  # "img" before "img1", whatever the suffix


def list_image_files(folder: Path) -> list[Path]:
    """The files of a folder in natural name order (img2 before img10), hidden files left out."""
    files = (p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return sorted(files, key=natural_key)


def refuse_huge_picture(path: Path, spec: str) -> None:
    """One sentence for a picture given alone whose header claims too many pixels."""
    try:
        with path.open("rb") as file:
            head = file.read(HEADER_BYTES)
    except OSError as exc:
        raise UserError(f"{shown(spec)}: {exc.strerror or exc}") from None
    if (refused := too_many_pixels(head)) is not None:
        raise UserError(f"{shown(spec)} {refused}")
