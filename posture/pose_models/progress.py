"""A text progress bar for downloads, used as the `progress` callback of `ensure_model`."""

from __future__ import annotations

import sys
from typing import TextIO

BAR_WIDTH = 30
MIB = 1024 * 1024
# Without a terminal a line is printed at each quarter (or, with no known total, every 10 MiB).
LINE_EVERY_PERCENT = 25
LINE_EVERY_BYTES_UNKNOWN_TOTAL = 10 * MIB


def render_bar(label: str, done: int, total: int | None, width: int = BAR_WIDTH) -> str:
    """One line: the label, a bar (when the total is known), the percentage and the megabytes."""
    if total is None or total <= 0:
        return f"{label}: {done / MIB:.1f} MB"
    fraction = min(max(done / total, 0.0), 1.0)
    filled = int(fraction * width)
    bar = "#" * filled + "-" * (width - filled)
    return f"{label}: [{bar}] {fraction * 100:3.0f}% ({done / MIB:.1f} of {total / MIB:.1f} MB)"


class ProgressBar:
    """Draws download progress on a stream (stderr by default).

    On a terminal the bar is redrawn in place whenever its text changes and finished with a
    newline when the download completes; elsewhere (a log file, CI) a plain line is written at
    each quarter, so logs stay short.
    """

    def __init__(self, label: str, stream: TextIO | None = None, is_tty: bool | None = None):
        self._label = label
        self._stream = stream if stream is not None else sys.stderr
        self._is_tty = self._stream.isatty() if is_tty is None else is_tty
        self._last_text = ""
        self._last_step = -1

    def __call__(self, done: int, total: int | None) -> None:
        """Report that `done` of `total` bytes (None: unknown) have arrived."""
        if self._is_tty:
            self._redraw(done, total)
        else:
            self._line(done, total)

    def _redraw(self, done: int, total: int | None) -> None:
        text = render_bar(self._label, done, total)
        if text != self._last_text:
            self._stream.write("\r" + text)
            self._last_text = text
            if total is not None and done >= total:
                self._stream.write("\n")
            self._stream.flush()

    def _line(self, done: int, total: int | None) -> None:
        if total is None or total <= 0:
            step = done // LINE_EVERY_BYTES_UNKNOWN_TOTAL
        else:
            step = min(done * 100 // total, 100) // LINE_EVERY_PERCENT
        if step > self._last_step:
            self._last_step = step
            self._stream.write(render_bar(self._label, done, total) + "\n")
            self._stream.flush()
