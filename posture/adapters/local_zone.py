"""The user's time zone, by IANA name, so that day boundaries follow daylight saving.

`datetime.now().astimezone()` gives only today's fixed offset, which would put midnight and quiet
hours an hour off for half the year; so the zone is looked up by name: the one asked for
(`--timezone`), else `$TZ`, else the operating system's own through `tzlocal` (the
/etc/localtime link or /etc/timezone on Linux and the BSDs, the system setting on macOS, the
registry's zone mapped to its IANA name on Windows). Only when none of these can be read is
today's fixed offset used, with a warning. This is the one place that asks which zone the user
is in; everything else takes the zone as an argument.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tzlocal

from posture.errors import UserError, shown

log = logging.getLogger(__name__)

# What tzlocal raises when the system's setting names no zone it knows (a conflicting
# /etc/timezone, an unknown Windows zone) or cannot be read.
_LOOKUP_ERRORS = (ZoneInfoNotFoundError, LookupError, ValueError, OSError)


def named_zone(name: str) -> ZoneInfo:
    """The IANA zone `name` (e.g. 'Europe/Berlin'); UserError when there is no such zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(
            f"'{shown(name)}' is not a known time zone; use a name like Europe/Berlin or UTC"
        ) from None


def _zone_or_none(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def system_zone() -> tzinfo:
    """The operating system's own zone, through tzlocal; today's fixed offset if it has none.

    The name comes first (tzlocal skips a `$TZ` that names no zone, such as a POSIX rule like
    "CET-1CEST"); a system zone file without a name still carries its daylight-saving rules.
    """
    try:
        name = tzlocal.get_localzone_name()
    except _LOOKUP_ERRORS as exc:
        log.debug("the system's zone has no name tzlocal can read: %s", exc)
        name = None
    zone = _zone_or_none(name) if name else None
    if zone is not None:
        return zone
    try:
        return tzlocal.get_localzone()
    except _LOOKUP_ERRORS as exc:
        fixed = datetime.now().astimezone().tzinfo
        assert fixed is not None
        log.warning(
            "could not tell the system's time zone (%s); using today's offset, %s, so days "
            "and quiet hours may be an hour off after a daylight-saving change; set TZ to a "
            "name like Europe/Berlin",
            exc,
            fixed,
        )
        return fixed


def user_zone(
    name: str | None = None,
    *,
    env: Mapping[str, str] | None = None,
    system: Callable[[], tzinfo] = system_zone,
) -> tzinfo:
    """The zone called `name`, else `$TZ` when it names one, else `system()` (the system's).

    `env` (default: the process environment) and `system` are seams for tests.
    """
    if name:
        return named_zone(name)
    env = os.environ if env is None else env
    tz = env.get("TZ", "").removeprefix(":")
    if tz:
        zone = _zone_or_none(tz)
        if zone is not None:
            return zone
        log.debug("TZ=%s is not an IANA zone name; asking the system", tz)
    return system()
