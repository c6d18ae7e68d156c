"""How lengths of time are said and rounded: the one formatter, with a named style per place. Pure.

Styles, each for one kind of place (every output is as it was before these were one function,
except that `status` now writes a whole hour as "1 h", as the report always did):

- "total": a day's totals in the report, to the nearest minute: "none", "under a minute",
  "45 min", "1 h", "6 h 13 min".
- "elapsed": time so far on a running clock (`status`: sitting for, last alert ago), whole
  minutes passed and never rounded up: "under a minute", "23 min", "1 h", "1 h 05 min".
- "minutes": inside a sentence of a notification: "50 minutes", "1 minute".
- "short": a configured wait in a log line or error: "30 s", "0.5 s", "5 min", "1.5 min".
- "seconds": whole seconds, beside a progress bar counting seconds: "3600 s".

`rounded_minutes` is the one rounding of seconds to the minutes (one decimal) that the report's
figures, its JSON and its CSV all show.
"""

from __future__ import annotations

from typing import Literal

DurationStyle = Literal["total", "elapsed", "minutes", "short", "seconds"]
MINUTE_S = 60.0


def _hours_and_minutes(total_min: int) -> str:
    hours, mins = divmod(total_min, 60)
    if hours == 0:
        return f"{mins} min"
    return f"{hours} h {mins:02d} min" if mins else f"{hours} h"


def format_duration(seconds: float, style: DurationStyle = "total") -> str:
    """`seconds` as people read it in the place `style` names (see the module docstring)."""
    if style == "total":
        if seconds <= 0:
            return "none"
        total_min = int(seconds // MINUTE_S + (1 if seconds % MINUTE_S >= 30 else 0))
        return _hours_and_minutes(total_min) if total_min else "under a minute"
    if style == "elapsed":
        passed_min = int(max(0.0, seconds) // MINUTE_S)
        return _hours_and_minutes(passed_min) if passed_min else "under a minute"
    if style == "minutes":
        count = round(seconds / MINUTE_S)
        return f"{count} minute" if count == 1 else f"{count} minutes"
    if style == "short":
        if seconds >= MINUTE_S:
            return f"{seconds / MINUTE_S:g} min"
        return f"{seconds:g} s"
    if style == "seconds":
        return f"{seconds:.0f} s"
    raise ValueError(f"unknown duration style {style!r}")


def rounded_minutes(seconds: float) -> float:
    """Seconds as minutes to one decimal, as every figure of the report shows them."""
    return round(seconds / MINUTE_S, 1)
