"""Downloading a file over HTTP(S), streamed, with progress reports."""

from __future__ import annotations

import logging
import urllib.request
from collections.abc import Callable
from typing import BinaryIO

log = logging.getLogger(__name__)

# Short, so that a machine without internet access falls back to the package index quickly.
CONNECT_TIMEOUT_S = 10.0
CHUNK_BYTES = 256 * 1024

Progress = Callable[[int, int | None], None]


def download(
    url: str,
    out: BinaryIO,
    progress: Progress | None = None,
    timeout_s: float = CONNECT_TIMEOUT_S,
) -> int:
    """Stream `url` into `out`, reporting (bytes done, total or None); return the bytes written.

    `timeout_s` bounds the connection and each read. Raises `OSError` (urllib's errors are
    subclasses) when the server cannot be reached or the transfer breaks off.
    """
    request = urllib.request.Request(url, headers={"User-Agent": "posture-model-provisioning"})
    with urllib.request.urlopen(request, timeout=timeout_s) as response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        done = 0
        if progress is not None:
            progress(done, total)
        while chunk := response.read(CHUNK_BYTES):
            out.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
    if total is not None and done != total:
        raise OSError(f"the transfer broke off after {done} of {total} bytes")
    log.debug("downloaded %d bytes from %s", done, url)
    return done
