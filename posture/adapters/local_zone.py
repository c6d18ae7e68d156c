"""The user's time zone, by IANA name, so that day boundaries follow daylight saving.

`datetime.now().astimezone()` gives only today's fixed offset, which would put midnight an
hour off for half the year; so the zone is looked up by name: the one asked for, else `$TZ`,
else the name `/etc/localtime` links to, and only then the fixed offset.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from posture.errors import UserError

log = logging.getLogger(__name__)

LOCALTIME = Path("/etc/localtime")


def named_zone(name: str) -> ZoneInfo:
    """The IANA zone `name` (e.g. 'Europe/Berlin'); UserError when there is no such zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(
            f"'{name}' is not a known time zone; use a name like Europe/Berlin or UTC"
        ) from None


def user_zone(
    name: str | None = None,
    *,
    env: Mapping[str, str] | None = None,
    localtime: Path = LOCALTIME,
) -> tzinfo:
    """The zone called `name`, else the system's own (see the module docstring)."""
    if name:
        return named_zone(name)
    env = os.environ if env is None else env
    tz = env.get("TZ", "").removeprefix(":")
    if tz:
        try:
            return ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            log.debug("TZ=%s is not an IANA zone name; trying the system zone", tz)
    try:
        target = str(localtime.resolve(strict=True))
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        try:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
        except (ZoneInfoNotFoundError, ValueError):
            log.debug("%s links to %s, not a known zone", localtime, target)
    fixed = datetime.now().astimezone().tzinfo
    assert fixed is not None
    return fixed
