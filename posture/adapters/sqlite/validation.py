"""The store's checks on what it is asked to save: finite numbers, ordered spans, known issues.

The schema's CHECK constraints are only a backstop; these checks come first so that a bad value
is refused with a ValueError that names it, before any transaction starts.
"""

from __future__ import annotations

import math

from posture.core.vocabulary import ISSUE_NAMES

# Rounding slack when checking that one duration fits inside another.
SLACK_S = 1e-6


def finite(name: str, value: float, *, minimum: float | None = 0.0) -> float:
    """`value` as a float; ValueError naming `name` when it is not finite or below `minimum`."""
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, not {value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value!r}")
    return float(value)


def span(start_s: float, end_s: float) -> tuple[float, float]:
    """(start, end) as finite floats; ValueError when the end comes before the start."""
    start, end = finite("start_s", start_s, minimum=None), finite("end_s", end_s, minimum=None)
    if end < start:
        raise ValueError(f"end_s ({end}) is before start_s ({start})")
    return start, end


def known_issue(issue: str) -> str:
    """`issue` itself when it is one of the posture issues; ValueError listing them otherwise."""
    if issue not in ISSUE_NAMES:
        raise ValueError(f"unknown issue {issue!r}; known issues: {', '.join(ISSUE_NAMES)}")
    return issue
