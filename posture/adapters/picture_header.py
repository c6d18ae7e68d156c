"""How many pixels a picture file claims, read from its header before anything is decoded.

A 57-byte PNG can claim 50000x50000 pixels, and an 875 KB one really holds 30000x30000 (a
decompression bomb: 3.7 GB once decoded). The header says so in its first bytes, so a picture
over the limit is refused before OpenCV allocates anything. PNG, JPEG and BMP are read here;
for the other formats OpenCV's own limit (`OPENCV_IO_MAX_IMAGE_PIXELS`) is the guard.
"""

from __future__ import annotations

import struct

# 100 megapixels: above any webcam and most phone cameras, far below a bomb.
MAX_PIXELS = 100_000_000

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Start-of-frame markers carry the size; C4 (Huffman), C8 (reserved), CC (arithmetic) do not.
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_NO_LENGTH = frozenset({0x01, *range(0xD0, 0xDA)})


def declared_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) the header of a PNG, JPEG or BMP declares; None when it does not say."""
    if data.startswith(_PNG_SIGNATURE) and len(data) >= 24 and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    if data.startswith(b"BM") and len(data) >= 26:
        width, height = struct.unpack("<ii", data[18:26])
        return abs(int(width)), abs(int(height))  # a negative height means top-down rows
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte before a marker
            at += 1
            continue
        if marker in _JPEG_NO_LENGTH:
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _JPEG_SOF and at + 9 <= len(data):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return int(width), int(height)
        if marker == 0xDA:  # start of scan: the size should have come before
            return None
        at += 2 + length
    return None


def too_many_pixels(data: bytes, limit: int = MAX_PIXELS) -> str | None:
    """Why the picture in `data` is refused before decoding (its claimed size), or None."""
    size = declared_size(data)
    if size is None or size[0] * size[1] <= limit:
        return None
    width, height = size
    return (
        f"claims {width}x{height} pixels, more than the {limit // 1_000_000} megapixels "
        "Posture decodes, so it was not opened"
    )
