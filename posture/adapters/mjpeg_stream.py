"""An MJPEG-over-HTTP camera read as the newest frame only, decoded only when judged.

An IP camera (or `ffmpeg -f mpjpeg`) sends a `multipart/x-mixed-replace` stream of JPEGs at
its own pace. Read at one look a second through OpenCV, the socket's backlog serves frames
seconds old, and OpenCV's FFmpeg backend decodes every frame it passes. Here a reader thread
takes the parts off the socket every `READ_EVERY_S` (and at once when a look asks) and keeps
only the newest JPEG's bytes (no decoding); `read()` decodes that one (`JpegDecoder`), at 1/2,
1/4 or 1/8 size straight from the JPEG when the picture is still at least `decode_side_px` on
its long side, so the model is never given more pixels than it would keep.
A frame's time is when its last byte arrived. Nothing leaves memory.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import logging
import socket
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import numpy as np
import simplejpeg

from posture.adapters.mjpeg_parts import Dechunker, split_parts
from posture.core.frame import Frame, Skipped

log = logging.getLogger(__name__)

Clock = Callable[[], float]
CHUNK_BYTES = 65536
# Between looks the reader wakes this often and takes in one go whatever arrived meanwhile (a
# few frames): one wake-up per packet cost a full 1 % of a core on a 30 fps stream. A look
# wakes it at once, so the frame it judges is still the newest.
READ_EVERY_S = 0.2
RECEIVE_BYTES = 1 << 20
# The socket's own buffer holds what arrives between wake-ups (the system may cap it lower).
SOCKET_BUFFER_BYTES = 1 << 21
# A part this large without a boundary is not an MJPEG stream worth holding.
MAX_PART_BYTES = 16 * 1024 * 1024
REDUCTIONS = (8, 4, 2)


class NotMjpeg(Exception):
    """The address answered, but not with an MJPEG stream (another reader should try)."""


def reduction_for(long_side_px: int, decode_side_px: int) -> int:
    """The largest JPEG reduction (8, 4, 2 or 1) that keeps `decode_side_px`."""
    for factor in REDUCTIONS:
        if long_side_px // factor >= decode_side_px:
            return factor
    return 1


class JpegDecoder:
    """Decodes a camera's JPEGs at the smallest size that keeps `decode_side_px`.

    libjpeg-turbo through simplejpeg gives the very pixels `cv2.imdecode` gives, in less time
    (docs/performance.md). Each frame's header tells its size; when that is at least twice
    `decode_side_px` on the long side, the frame is decoded at 1/2, 1/4 or 1/8 size straight
    from the JPEG (libjpeg's own scaling, as `cv2.IMREAD_REDUCED_COLOR_*`).
    """

    def __init__(self, decode_side_px: int = 640) -> None:
        self._decode_side_px = decode_side_px
        self._size: tuple[int, int] | None = None  # (height, width) sent by the camera
        self.factor = 1

    def decode(self, data: bytes) -> np.ndarray | None:
        """BGR pixels, or None for bytes that are not a whole JPEG."""
        try:
            height, width, _, _ = simplejpeg.decode_jpeg_header(data)
            if self._size != (height, width):
                self._size = (height, width)
                self.factor = reduction_for(max(height, width), self._decode_side_px)
            image: np.ndarray = simplejpeg.decode_jpeg(
                data,
                colorspace="BGR",
                # libjpeg scales by n/8: the smallest size at least this large is 1/factor.
                min_height=-(-height // self.factor),
                min_width=-(-width // self.factor),
            )
        except ValueError:  # not a JPEG, or cut short (strict: no half-grey frame is judged)
            return None
        return image


class MjpegStream:
    """A live MJPEG stream behind the `FrameSource` seam, newest frame only."""

    live = True

    def __init__(
        self,
        url: str,
        timeout_s: float = 5.0,
        clock: Clock = time.time,
        decode_side_px: int = 640,
    ) -> None:
        self.label = url
        self._clock = clock
        self._timeout_s = timeout_s
        self._sock, response, boundary, self._chunks, self._first = _connect(url, timeout_s)
        self._response = response
        self._delimiter = b"--" + boundary
        self._lock = threading.Condition()
        self._newest: tuple[bytes, float, int] | None = None
        self._received = 0
        self._returned = 0
        self._takes = 0  # how many times the reader has taken in what arrived
        self._alive = True
        self._stop = threading.Event()
        self._wanted = threading.Event()  # a look waits for a frame: read now
        self._decoder = JpegDecoder(decode_side_px)
        with contextlib.suppress(OSError):
            self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, SOCKET_BUFFER_BYTES)
        self._thread = threading.Thread(target=self._receive, name="mjpeg-reader", daemon=True)
        self._thread.start()

    def _receive(self) -> None:
        body = bytearray(self._first)
        into = bytearray(RECEIVE_BYTES)
        view = memoryview(into)
        try:
            while not self._stop.is_set():
                # Blocks until bytes arrive, then takes all that are there in one read; whole
                # parts come out after every read, however the stream was cut into pieces.
                n = self._sock.recv_into(view)
                if not n:
                    return
                body += view[:n] if self._chunks is None else self._chunks.feed(view[:n])
                if len(body) > MAX_PART_BYTES:
                    log.warning("%s sent a part too large for a camera frame", self.label)
                    return
                parts = split_parts(body, self._delimiter)
                with self._lock:
                    self._takes += 1
                    if parts:
                        self._received += len(parts)
                        self._newest = (parts[-1], self._clock(), self._received)
                    self._lock.notify_all()
                if self._chunks is not None and self._chunks.ended:
                    return
                self._wanted.wait(READ_EVERY_S)
        except (OSError, ValueError) as exc:
            if not self._stop.is_set():
                log.debug("the stream %s stopped: %s", self.label, exc)
        finally:
            with self._lock:
                self._alive = False
                self._lock.notify_all()

    def read(self) -> Frame | Skipped | None:
        """The newest frame not yet returned, from what arrived up to now (waiting for one);
        None when the stream ended."""
        with self._lock:
            asked = self._takes
            self._wanted.set()
            self._lock.wait_for(
                lambda: (
                    not self._alive or (self._takes > asked and self._received > self._returned)
                ),
                self._timeout_s,
            )
            self._wanted.clear()
            if self._newest is None or self._received <= self._returned:
                return None
            data, arrived_s, index = self._newest
            self._returned = index
        image = self._decoder.decode(data)
        if image is None:
            return Skipped(f"{self.label}#{index}", f"frame {index} is not a whole JPEG")
        return Frame(image=image, time_s=arrived_s, index=index, origin=self.label)

    def skip(self) -> bool:
        """Nothing queues here (only the newest frame is kept): True while the stream runs."""
        with self._lock:
            return self._alive or self._received > self._returned

    @property
    def factor(self) -> int:
        """How much smaller than sent frames are decoded (1, 2, 4 or 8)."""
        return self._decoder.factor

    @property
    def frames_received(self) -> int:
        """How many frames arrived since the stream was opened (decoded or not)."""
        with self._lock:
            return self._received

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        self._wanted.set()
        self._thread.join(timeout=self._timeout_s)
        self._response.close()
        self._sock.close()


def _connect(
    url: str, timeout_s: float
) -> tuple[socket.socket, http.client.HTTPResponse, bytes, Dechunker | None, bytes]:
    """Open the stream; NotMjpeg when it answers with something else, OSError when it won't.

    Returns the socket, the response, the part boundary, the dechunker of a chunked answer
    (None for a plain one) and the body bytes already read. The body is read from the socket
    itself from here on (http.client reads a chunk per call: one call per frame).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NotMjpeg(url)
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname, parts.port, timeout=timeout_s)
    headers = {}
    if parts.username is not None:
        user = f"{parts.username}:{parts.password or ''}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(user).decode()
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("GET", path, headers=headers)
        # The connection lets go of its socket when the answer is HTTP/1.0; keep it.
        sock = connection.sock
        response = connection.getresponse()
    except (OSError, http.client.HTTPException):
        connection.close()
        raise
    boundary = _boundary(response.getheader("Content-Type", ""))
    chunks = Dechunker() if response.chunked else None
    first = b""
    if response.status == 200:
        with contextlib.suppress(OSError, ValueError):
            # What http.client read past the headers, then the socket's own bytes.
            raw = response.fp.read1(CHUNK_BYTES) if response.fp is not None else b""
            first = raw if chunks is None else chunks.feed(raw)
            # Some servers (ffmpeg's own among them) send the parts as a plain byte stream:
            # the first line then names the boundary.
            while boundary is None and b"\r\n" not in first and len(first) < 200 and raw:
                raw = sock.recv(200) if isinstance(sock, socket.socket) else b""
                first += raw if chunks is None else chunks.feed(raw)
    if response.status == 200 and boundary is None:
        line = first.split(b"\r\n", 1)[0]
        if line.startswith(b"--") and len(line) > 2 and b" " not in line:
            boundary = line[2:]
    if response.status != 200 or boundary is None:
        connection.close()
        raise NotMjpeg(url)
    assert isinstance(sock, socket.socket)
    return sock, response, boundary, chunks, first


def _boundary(content_type: str) -> bytes | None:
    """The part boundary of a `multipart/x-mixed-replace` answer (None for anything else)."""
    kind, *params = (p.strip() for p in content_type.split(";"))
    if kind.lower() != "multipart/x-mixed-replace":
        return None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "boundary" and value.strip().strip('"'):
            return value.strip().strip('"').removeprefix("--").encode()
    return None
