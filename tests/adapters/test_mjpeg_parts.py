"""Taking an MJPEG-over-HTTP answer apart: HTTP chunks and multipart parts, wherever the reads
cut the bytes."""

from __future__ import annotations

import pytest

from posture.adapters.mjpeg_parts import Dechunker, split_parts


def _part(jpeg: bytes, length: bool) -> bytes:
    head = b"--b\r\nContent-Type: image/jpeg\r\n"
    head += f"Content-Length: {len(jpeg)}\r\n".encode() if length else b""
    return head + b"\r\n" + jpeg + b"\r\n"


def _chunked(body: bytes, sizes: list[int]) -> bytes:
    out, pos = b"", 0
    for size in sizes:
        piece = body[pos : pos + size]
        out += f"{len(piece):x};ext=1\r\n".encode() + piece + b"\r\n"
        pos += size
    return out + b"0\r\n\r\n"


JPEGS = [bytes([0xFF, 0xD8, i, 0x2D, 0x2D, 0xFF, 0xD9]) for i in range(3)]


@pytest.mark.parametrize("length", [True, False])
def test_parts_come_out_whole_however_the_bytes_arrive(length: bool) -> None:
    stream = b"".join(_part(j, length) for j in JPEGS) + b"--b\r\n"
    for cut in range(1, len(stream)):
        buffer, got = bytearray(), []
        for piece in (stream[:cut], stream[cut:]):
            buffer += piece
            got += split_parts(buffer, b"--b")
        assert got == JPEGS, cut


def test_chunks_give_back_the_body_wherever_the_reads_cut_them() -> None:
    body = b"".join(_part(j, True) for j in JPEGS) + b"--b\r\n"
    wire = _chunked(body, [5, 17, 1, 40, len(body)])
    for cut in range(1, len(wire)):
        for second in range(cut, len(wire), 7):
            chunks = Dechunker()
            got = b"".join(
                chunks.feed(piece) for piece in (wire[:cut], wire[cut:second], wire[second:])
            )
            assert got == body, (cut, second)
            assert chunks.ended


def test_a_body_fed_a_byte_at_a_time_comes_out_whole_and_parts_with_it() -> None:
    body = b"".join(_part(j, False) for j in JPEGS) + b"--b\r\n"
    chunks, buffer, got = Dechunker(), bytearray(), []
    for byte in _chunked(body, [3, 3, 50, len(body)]):
        buffer += chunks.feed(bytes([byte]))
        got += split_parts(buffer, b"--b")
    assert got == JPEGS


@pytest.mark.parametrize(
    "wire",
    [b"zz\r\nabc\r\n", b"3\r\nabcXY", b"1" * 2000],
    ids=["not a size", "no chunk end", "no size line"],
)
def test_bytes_that_are_not_chunking_are_refused(wire: bytes) -> None:
    with pytest.raises(ValueError):
        Dechunker().feed(wire)
