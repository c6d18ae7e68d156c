"""A loopback MJPEG camera whose every frame carries the time it was sent, in its pixels.

A thread serves `multipart/x-mixed-replace` over HTTP on 127.0.0.1 at `fps`, like an IP camera:
each frame is a real picture with a band on top holding the send time (milliseconds, 24 bits,
one black or white block a bit), JPEG-encoded just before it is written to the socket. A
reader that falls behind makes the server wait, as TCP does, so its frames age; `stamp_s`
reads a frame's time back, so a test knows how old a judged frame is.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import cv2
import numpy as np

BITS = 24
BAND_PX = 24
PERIOD_MS = 1 << BITS


def stamp(image: np.ndarray, time_s: float) -> np.ndarray:
    """`image` with `time_s` written in its top band."""
    out = image.copy()
    value = int(time_s * 1000) % PERIOD_MS
    width = out.shape[1]
    for bit in range(BITS):
        x0, x1 = bit * width // BITS, (bit + 1) * width // BITS
        out[:BAND_PX, x0:x1] = 255 if value >> bit & 1 else 0
    return out


def stamp_s(image: np.ndarray, near_s: float) -> float:
    """The time written in a (possibly reduced) frame, taken as the one nearest `near_s`."""
    width = image.shape[1]
    gray = image[:2].mean(axis=(0, 2))  # the band's top rows survive a 1/8 decode
    value = 0
    for bit in range(BITS):
        x0, x1 = bit * width // BITS, (bit + 1) * width // BITS
        margin = max(1, (x1 - x0) // 4)
        if gray[x0 + margin : x1 - margin].mean() > 127:
            value |= 1 << bit
    base_ms = int(near_s * 1000)
    whole = base_ms - base_ms % PERIOD_MS + value
    candidates = (whole - PERIOD_MS, whole, whole + PERIOD_MS)
    return min(candidates, key=lambda ms: abs(ms - base_ms)) / 1000.0


class StampedStream:
    """One client at a time; `url` is where it listens."""

    def __init__(self, picture: np.ndarray, fps: float = 30.0) -> None:
        self._picture = picture
        self._fps = fps
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(1)
        self._listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}/cam.mjpg"
        self._stop = threading.Event()
        self.sent = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            with client:
                self._stream_to(client)

    def _stream_to(self, client: socket.socket) -> None:
        client.settimeout(10.0)
        try:
            client.recv(4096)  # the request; any path is the camera
            client.sendall(
                b"HTTP/1.0 200 OK\r\n"
                b"Content-Type: multipart/x-mixed-replace; boundary=frame\r\n\r\n"
            )
            next_s = time.monotonic()
            while not self._stop.is_set():
                jpeg = cv2.imencode(".jpg", stamp(self._picture, time.time()))[1].tobytes()
                head = f"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: {len(jpeg)}\r\n\r\n"
                client.sendall(head.encode() + jpeg + b"\r\n")
                self.sent += 1
                next_s += 1.0 / self._fps
                self._stop.wait(max(0.0, next_s - time.monotonic()))
        except OSError:
            return  # the client went away

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=15)
        self._listener.close()


@contextmanager
def stamped_stream(picture: np.ndarray, fps: float = 30.0) -> Iterator[StampedStream]:
    server = StampedStream(picture, fps)
    server.start()
    try:
        yield server
    finally:
        server.stop()
