"""A loopback network camera for tests: ffmpeg serving a real video as MJPEG over HTTP.

ffmpeg's HTTP server takes one client and exits, so a supervisor thread starts it again after
each client, as an IP camera accepts a new connection. `unplug()` kills it and keeps it down
(the camera disappears); `plug_in()` brings it back on the same address. `start()` returns once
the server listens, so a client started next finds the camera there (a cold start of ffmpeg can
take seconds).

The benchmarks use the same server for their loopback camera.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StreamServerError(RuntimeError):
    """The loopback camera could not be set up (a test that meets it fails, never skips)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def is_listening(port: int) -> bool:
    """True when a socket listens on 127.0.0.1:`port`, asked of the kernel, not by connecting
    (ffmpeg's server takes one client, so a test connection would use it up)."""
    wanted = f"0100007F:{port:04X}"
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1] == wanted and fields[3] == "0A":  # 0A is TCP_LISTEN
            return True
    return False


class StreamServer:
    """A supervised ffmpeg MJPEG server on 127.0.0.1."""

    def __init__(self, video: Path, fps: int = 10, size: str = "320:240") -> None:
        if shutil.which("ffmpeg") is None:
            raise StreamServerError("ffmpeg is not installed; scripts/test installs it")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/cam.mjpg"
        self._command = [
            "ffmpeg",
            "-loglevel",
            "error",
            "-re",
            "-stream_loop",
            "-1",
            "-i",
            str(video),
            "-vf",
            f"fps={fps},scale={size}",
            "-c:v",
            "mjpeg",
            "-q:v",
            "5",
            "-f",
            "mpjpeg",
            "-listen",
            "1",
            self.url,
        ]
        self._up = threading.Event()
        self._stop = threading.Event()
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._supervise, daemon=True)

    def _supervise(self) -> None:
        while not self._stop.is_set():
            if not self._up.wait(0.05):
                continue
            with self._lock:
                if not self._up.is_set():
                    continue
                self._proc = subprocess.Popen(
                    self._command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
            proc = self._proc
            while proc.poll() is None and self._up.is_set() and not self._stop.is_set():
                self._stop.wait(0.05)
            if proc.poll() is None:
                proc.kill()
            proc.wait()

    def start(self, timeout_s: float = 60.0) -> None:
        """Start serving and return once the server listens."""
        self._up.set()
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while not is_listening(self.port):
            if time.monotonic() > deadline:
                self.stop()
                raise StreamServerError(
                    f"ffmpeg did not listen on {self.url} within {timeout_s:.0f} s"
                )
            time.sleep(0.05)

    def unplug(self) -> None:
        """The camera goes away: the server is killed and stays down."""
        with self._lock:
            self._up.clear()
            if self._proc is not None and self._proc.poll() is None:
                self._proc.kill()

    def plug_in(self) -> None:
        """The camera comes back on the same address."""
        self._up.set()

    def stop(self) -> None:
        self.unplug()
        self._stop.set()
        self._thread.join(timeout=5)


@contextmanager
def stream_server(video: Path, **kwargs: object) -> Iterator[StreamServer]:
    server = StreamServer(video, **kwargs)  # type: ignore[arg-type]
    server.start()
    try:
        yield server
    finally:
        server.stop()
