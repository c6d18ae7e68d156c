"""Keeping MediaPipe's and OpenCV's native log lines away from the user.

The native libraries write straight to file descriptor 2, below Python. Unless the user asks for
verbose output, descriptor 2 is pointed at the null device and Python's own `sys.stderr` keeps a
private copy of the real terminal, so our messages still arrive and theirs do not.
"""

from __future__ import annotations

import os
import sys


def silence_native_logs() -> None:
    """Hide native log lines for the rest of the process; Python's stderr keeps working."""
    os.environ.setdefault("GLOG_minloglevel", "2")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("OPENCV_LOG_LEVEL", "SILENT")
    os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
    try:
        sys.stderr.flush()
        saved_fd = os.dup(2)
        null_fd = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    os.dup2(null_fd, 2)
    os.close(null_fd)
    sys.stderr = os.fdopen(saved_fd, "w", buffering=1, encoding="utf-8", errors="replace")
