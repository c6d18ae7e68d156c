"""Reading what the user typed during setup: each parser returns a value or says what is wrong.

Pure functions of one string. A `ValueError`'s message is shown as it is, and the question is
asked again, so each message says what a good answer looks like.
"""

from __future__ import annotations

from posture.config.clock import clock_text, parse_clock
from posture.core.profile_names import check_profile_name

_YES = frozenset({"y", "yes"})
_NO = frozenset({"n", "no"})
NO_QUIET_HOURS = frozenset({"none", "no", "-"})


def profile_name(text: str) -> str:
    """A profile name by the one rule every command uses (see `posture.core.profile_names`)."""
    return check_profile_name(text)


def clock_or_none(text: str) -> str:
    """A 24-hour time as "HH:MM", or "" for none ("none", "no" or "-")."""
    answer = text.strip().lower()
    if answer in NO_QUIET_HOURS or answer == "":
        return ""
    try:
        return clock_text(parse_clock(answer, typed=True))
    except ValueError:
        raise ValueError(
            f"'{text.strip()}' is not a time: type a 24-hour time such as 22:00, or none"
        ) from None


def minutes(text: str, low: float, high: float) -> float:
    """A number of minutes from `low` to `high`."""
    try:
        value = float(text.strip())
    except ValueError:
        raise ValueError(
            f"'{text.strip()}' is not a number: type minutes from {low:g} to {high:g}"
        ) from None
    if not low <= value <= high:
        raise ValueError(f"{value:g} is out of range: type minutes from {low:g} to {high:g}")
    return value


def yes_no(text: str) -> bool:
    """True for y/yes, False for n/no."""
    answer = text.strip().lower()
    if answer in _YES:
        return True
    if answer in _NO:
        return False
    raise ValueError("answer y or n")


def one_of(text: str, choices: tuple[str, ...]) -> str:
    """One of `choices` (case does not matter)."""
    answer = text.strip().lower()
    if answer not in choices:
        raise ValueError(f"type one of: {', '.join(choices)}")
    return answer
