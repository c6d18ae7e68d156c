"""The one progress bar, for every wait the user sits through: a model download (bytes),
calibration and replays (seconds), an evaluation (frames).

On a terminal the bar is redrawn in place whenever its text changes and its line is ended once
it is done; anywhere else (a pipe, a log file, CI) a plain line is written at each quarter (or,
with no known total, every `Unit.line_every`), so logs stay short. A bar that never got an
update prints nothing, not even when finished: a model already in place shows no download.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TextIO

BAR_WIDTH = 30
MIB = 1024 * 1024
QUARTERS = 4


@dataclass(frozen=True)
class Unit:
    """How amounts of one kind are shown: "3.4 MB", "5 s", "12 frames"."""

    name: str
    per: float = 1.0
    decimals: int = 0
    # Without a terminal and with no known total: a plain line each time this much more is done.
    line_every: float = 1.0

    def amount(self, value: float) -> str:
        """`value` in this unit, without the unit's name."""
        return f"{value / self.per:.{self.decimals}f}"


BYTES = Unit("MB", per=MIB, decimals=1, line_every=10 * MIB)
SECONDS = Unit("s", line_every=60.0)
FRAMES = Unit("frames", line_every=100.0)


def render_bar(
    label: str, done: float, total: float | None, unit: Unit = BYTES, width: int = BAR_WIDTH
) -> str:
    """One line: the label, a bar and the share done (when the total is known), and the amount."""
    if total is None or total <= 0:
        return f"{label}: {unit.amount(done)} {unit.name}"
    shown = min(max(done, 0.0), total)
    fraction = shown / total
    filled = int(fraction * width)
    bar = "#" * filled + "-" * (width - filled)
    return (
        f"{label}: [{bar}] {fraction * 100:3.0f}% "
        f"({unit.amount(shown)} of {unit.amount(total)} {unit.name})"
    )


class ProgressBar:
    """Progress of one wait, on a stream (stderr by default).

    Steps: `ProgressBar("Calibrating", 5.0, SECONDS)`, then `update(elapsed_s)` and `finish()`.
    Bytes: pass the bar itself as a `(done, total)` callback, as `ensure_model` expects; the
    total may arrive with the first call, or never (then only the amount is shown).
    """

    def __init__(
        self,
        label: str,
        total: float | None = None,
        unit: Unit = BYTES,
        *,
        stream: TextIO | None = None,
        is_tty: bool | None = None,
    ) -> None:
        self._label = label
        self._total = total
        self._unit = unit
        self._stream = stream if stream is not None else sys.stderr
        self._is_tty = self._stream.isatty() if is_tty is None else is_tty
        self._done = 0.0
        self._last_text = ""
        self._last_step = -1
        self._started = False
        self._ended = False

    def __call__(self, done: int, total: int | None) -> None:
        """Report that `done` of `total` bytes (None: unknown) have arrived."""
        self._total = total
        self.update(done)

    def update(self, done: float) -> None:
        """Show that `done` of the total is done: a redraw, or a line at the next quarter."""
        self._started = True
        self._done = done
        text = render_bar(self._label, done, self._total, self._unit)
        if self._is_tty:
            if text != self._last_text and not self._ended:
                self._stream.write("\r" + text)
                self._last_text = text
                self._stream.flush()
            if self._complete():
                self._end_line()
            return
        step = self._step(done)
        if step > self._last_step:
            self._last_step = step
            self._stream.write(text + "\n")
            self._stream.flush()

    def finish(self) -> None:
        """Show the wait as done and end the bar's line (nothing when it never started)."""
        if not self._started:
            return
        if self._total is not None and self._total > 0:
            self.update(self._total)
        self._end_line()

    def _complete(self) -> bool:
        return self._total is not None and self._total > 0 and self._done >= self._total

    def _step(self, done: float) -> int:
        if self._total is None or self._total <= 0:
            return int(done // self._unit.line_every)
        return int(min(max(done / self._total, 0.0), 1.0) * QUARTERS)

    def _end_line(self) -> None:
        if self._is_tty and not self._ended:
            self._ended = True
            self._stream.write("\n")
            self._stream.flush()
