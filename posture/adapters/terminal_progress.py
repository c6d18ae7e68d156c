"""Progress for waits the user sits through (calibration, replays): a bar on a terminal, a few
plain lines elsewhere, so logs stay short."""

from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 24


class StepProgress:
    """Shows `done` of `total` steps with a label, on stderr by default."""

    def __init__(
        self, label: str, total: float, unit: str = "", stream: TextIO | None = None
    ) -> None:
        self._label = label
        self._total = max(total, 1e-9)
        self._unit = unit
        self._stream = stream if stream is not None else sys.stderr
        self._tty = self._stream.isatty()
        self._last_quarter = -1

    def update(self, done: float) -> None:
        """Redraw (terminal) or print a line at each quarter (elsewhere)."""
        fraction = min(max(done / self._total, 0.0), 1.0)
        text = (
            f"{self._label}: [{'#' * int(fraction * WIDTH):-<{WIDTH}}] "
            f"{min(done, self._total):.0f}/{self._total:.0f}{self._unit}"
        )
        if self._tty:
            self._stream.write("\r" + text)
        else:
            quarter = int(fraction * 4)
            if quarter == self._last_quarter:
                return
            self._last_quarter = quarter
            self._stream.write(text + "\n")
        self._stream.flush()

    def finish(self) -> None:
        """End the bar's line."""
        self.update(self._total)
        if self._tty:
            self._stream.write("\n")
            self._stream.flush()
