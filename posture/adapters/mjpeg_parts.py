"""The bytes of an MJPEG-over-HTTP answer taken apart: the HTTP chunks (`Dechunker`, for a
server that answers with `Transfer-Encoding: chunked`, as ffmpeg's does) and the multipart
parts, each one JPEG (`split_parts`). Pure byte work on buffers that hold whatever arrived, so
a read may end anywhere: in a chunk's size line, inside a part's headers or a JPEG.
"""

from __future__ import annotations

# A chunk-size line longer than this is not HTTP chunking.
MAX_SIZE_LINE = 1024


class Dechunker:
    """The body of a chunked HTTP answer, from its bytes as they arrive."""

    def __init__(self) -> None:
        self._pending = bytearray()  # an unfinished size line or chunk ending
        self._left = 0  # bytes of the current chunk still to come
        self._ending = False  # the CRLF after a chunk's data is due
        self.ended = False  # the last (empty) chunk came

    def feed(self, data: bytes | bytearray | memoryview) -> bytes:
        """The body bytes in `data` (ValueError for bytes that are not HTTP chunking)."""
        raw = bytes(self._pending) + bytes(data) if self._pending else bytes(data)
        self._pending.clear()
        out: list[bytes] = []
        pos, end = 0, len(raw)
        while pos < end and not self.ended:
            if self._left:
                take = min(self._left, end - pos)
                out.append(raw[pos : pos + take])
                pos += take
                self._left -= take
                self._ending = self._left == 0
            elif self._ending:
                if end - pos < 2:
                    break
                if raw[pos : pos + 2] != b"\r\n":
                    raise ValueError("a chunk does not end where its size says")
                pos += 2
                self._ending = False
            else:
                line_end = raw.find(b"\r\n", pos, pos + MAX_SIZE_LINE)
                if line_end < 0:
                    if end - pos >= MAX_SIZE_LINE:
                        raise ValueError("no chunk size line")
                    break
                size = raw[pos:line_end].split(b";", 1)[0].strip()
                self._left = int(size, 16)  # ValueError for a line that is not a size
                pos = line_end + 2
                self.ended = self._left == 0
        self._pending += raw[pos:]
        return b"".join(out)


def split_parts(buffer: bytearray, delimiter: bytes) -> list[bytes]:
    """Take every complete part out of `buffer` (left holding the unfinished rest)."""
    parts: list[bytes] = []
    while True:
        start = buffer.find(delimiter)
        if start < 0:
            del buffer[: max(0, len(buffer) - len(delimiter))]
            return parts
        head_end = buffer.find(b"\r\n\r\n", start)
        if head_end < 0:
            del buffer[:start]
            return parts
        length = _content_length(bytes(buffer[start:head_end]))
        body = head_end + 4
        if length is not None:
            if len(buffer) < body + length:
                del buffer[:start]
                return parts
            parts.append(bytes(buffer[body : body + length]))
            del buffer[: body + length]
            continue
        end = buffer.find(delimiter, body)
        if end < 0:
            del buffer[:start]
            return parts
        parts.append(bytes(buffer[body:end]).rstrip(b"\r\n"))
        del buffer[:end]


def _content_length(head: bytes) -> int | None:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            return int(value.strip())
    return None
