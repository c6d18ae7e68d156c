"""Times of day as settings hold them: 24-hour "HH:MM". The one parser and printer of them.

The config schema checks quiet hours with it, the quiet-hours rule (`posture.core.quiet_hours`)
reads them with it, and setup reads what the user typed with it, where a person may leave out
the leading zero ("7:30"); what is stored is always "HH:MM". It lives in `posture.config`
because the schema is one of its users and the core imports config, never the other way round.
Each caller words its own error, since only it knows where the text came from.
"""

from __future__ import annotations

import re
from datetime import time

_STORED = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")
_TYPED = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")


def parse_clock(text: str, *, typed: bool = False) -> time:
    """The time of day in `text`, "HH:MM" (24-hour); ValueError otherwise.

    `typed` also takes "H:MM", as people type it. Surrounding spaces are the caller's to strip.
    """
    match = (_TYPED if typed else _STORED).fullmatch(text)
    if match is None:
        raise ValueError(f"'{text}' is not a 24-hour time like 22:00")
    return time(int(match.group(1)), int(match.group(2)))


def clock_text(moment: time) -> str:
    """A time of day as settings and messages write it: "07:30"."""
    return f"{moment.hour:02d}:{moment.minute:02d}"
