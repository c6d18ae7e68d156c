"""Pictures made to hurt a decoder: a tiny PNG that claims a huge size, a decompression bomb."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def _ihdr(width: int, height: int) -> bytes:
    # 8-bit greyscale, deflate, no filter method, no interlace
    return _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))


def claims_huge_png(path: Path, width: int = 50000, height: int = 50000) -> Path:
    """A 57-byte PNG whose header claims width x height pixels and holds no pixel data."""
    path.write_bytes(
        PNG_SIGNATURE + _ihdr(width, height) + _chunk(b"IDAT", b"") + _chunk(b"IEND", b"")
    )
    return path


def png_bomb(path: Path, side: int = 30000) -> Path:
    """A real side x side black PNG (900 megapixels for 30000), under 1 MB on disk."""
    packer = zlib.compressobj(9)
    rows = b"\x00" * ((side + 1) * 500)  # 500 rows: a filter byte + one byte per pixel each
    parts = [packer.compress(rows) for _ in range(side // 500)]
    parts.append(packer.compress(b"\x00" * ((side + 1) * (side % 500))))
    parts.append(packer.flush())
    data = b"".join(parts)
    path.write_bytes(
        PNG_SIGNATURE + _ihdr(side, side) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")
    )
    return path
