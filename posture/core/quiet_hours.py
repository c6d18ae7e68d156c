"""When the assistant keeps quiet by the clock: quiet hours and snoozes, in the user's local time.

Every function takes the local time from its caller as an aware `datetime`; none reads a clock.
Lengths of time are added on the absolute time line, so a snooze of one hour lasts one hour even
across a daylight-saving change.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

from posture.config.clock import clock_text, parse_clock
from posture.errors import shown

_DURATION = re.compile(r"(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?")
_UNTIL_TOMORROW = ("today", "tomorrow")
MAX_SNOOZE = timedelta(hours=24)


def in_quiet_hours(local: datetime, start: str, end: str) -> bool:
    """Whether `local` falls in the window [start, end); the window may wrap past midnight.

    Empty `start` and `end` mean no quiet hours; both are "HH:MM" (`posture.config.clock`).
    """
    if not start and not end:
        return False
    begin, finish = parse_clock(start), parse_clock(end)
    now = local.time()
    if begin <= finish:
        return begin <= now < finish
    return now >= begin or now < finish


def parse_snooze(text: str, now_local: datetime) -> datetime:
    """When a snooze given as "30m", "1h", "1h30m", "90min" or "today" ends, as local time.

    "today" (or "tomorrow") lasts until the next local midnight: the rest of the day is quiet
    and tomorrow starts with coaching on. Quiet hours, when set, cover the night anyway. A
    length must be more than nothing and at most 24 hours. ValueError names what went wrong.
    """
    if now_local.tzinfo is None:
        raise ValueError("the local time must carry its time zone")
    word = text.strip().lower()
    if word in _UNTIL_TOMORROW:
        tomorrow = now_local.date() + timedelta(days=1)
        return datetime.combine(tomorrow, time(0, 0), tzinfo=now_local.tzinfo)
    match = _DURATION.fullmatch(word)
    if not word or not match or not (match.group(1) or match.group(2)):
        raise ValueError(f"'{shown(text)}' is not a snooze; try 30m, 1h or today")
    too_long = f"'{shown(text)}' must be more than 0 minutes and at most 24 hours"
    try:
        length = timedelta(hours=int(match.group(1) or 0), minutes=int(match.group(2) or 0))
    except (OverflowError, ValueError):  # more hours than a timedelta holds
        raise ValueError(too_long) from None
    if not timedelta(0) < length <= MAX_SNOOZE:
        raise ValueError(too_long)
    return (now_local.astimezone(UTC) + length).astimezone(now_local.tzinfo)


def until_phrase(until: datetime, now: datetime) -> str:
    """How a snooze's end is named: "14:30", "tomorrow" (at midnight), "00:30 tomorrow"."""
    if until.date() == now.date():
        return clock_text(until.time())
    if until.time() == time(0, 0):
        return "tomorrow"
    return f"{clock_text(until.time())} tomorrow"
