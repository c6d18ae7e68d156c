"""`run` on a terminal: one status line redrawn in place, and a summary when it stops.

Only on a terminal: a pipe or the log of `start` gets neither, so logs stay clean. A log line
(an alert, a pause) clears the status line first and the next status draws it again.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, TextIO

from posture.core.durations import format_duration
from posture.ports import StatusBoard

CLEAR_LINE = "\r\x1b[K"


def live_line(status: Mapping[str, Any]) -> str:
    """The one line `run` keeps redrawn on a terminal: state, posture, sitting time."""
    posture = str(status.get("posture") or "unknown")
    sitting = format_duration(float(status.get("sitting_for_s") or 0.0), "elapsed")
    shown = "nobody in view" if posture == "-" else posture
    return f"Posture: {status.get('state') or 'starting'} | posture: {shown} | sitting: {sitting}"


class LiveStatusLine:
    """A `StatusBoard` that redraws one line on `stream` (a terminal)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._drawn = False

    def publish(self, status: Mapping[str, Any]) -> None:
        """Draw `status` over the line drawn before."""
        self._stream.write(CLEAR_LINE + live_line(status))
        self._stream.flush()
        self._drawn = True

    def clear(self) -> None:
        """Wipe the line (before a log line or the summary)."""
        if self._drawn:
            self._stream.write(CLEAR_LINE)
            self._stream.flush()
            self._drawn = False

    def filter(self, record: logging.LogRecord) -> bool:
        """As a logging filter: clear the line, then let the record through."""
        del record
        self.clear()
        return True

    def attach(self) -> None:
        """Clear the line before every log line the root handlers write to the same stream."""
        for handler in logging.getLogger().handlers:
            if getattr(handler, "stream", None) is self._stream:
                handler.addFilter(self)


class Boards:
    """Publish to several boards at once (the status file and the terminal line)."""

    def __init__(self, *boards: StatusBoard) -> None:
        self._boards = boards

    def publish(self, status: Mapping[str, Any]) -> None:
        """Hand `status` to each board."""
        for board in self._boards:
            board.publish(status)
