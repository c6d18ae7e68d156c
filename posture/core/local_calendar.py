"""Local calendar days and hours as spans of UTC epoch seconds. Pure.

A day runs from one local midnight to the next in the user's zone, so around a daylight-saving
change it lasts 23 or 25 hours. Hours are 3600-second steps from local midnight, labelled with
the local clock time at their start; on a 25-hour day the repeated hour's two labels are told
apart by the zone's abbreviation (e.g. "02:00 CEST" and "02:00 CET").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

HOUR_S = 3600.0


@dataclass(frozen=True)
class LocalHour:
    """One hour of a local day: its label and its span in epoch seconds."""

    label: str
    start_s: float
    end_s: float


def day_bounds(day: date, zone: tzinfo) -> tuple[float, float]:
    """[start_s, end_s) of the local `day`: from its midnight to the next one."""
    start = datetime.combine(day, time(0), tzinfo=zone).timestamp()
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).timestamp()
    return start, end


def local_hours(day: date, zone: tzinfo) -> tuple[LocalHour, ...]:
    """The hours of the local `day`, in order; 23, 24 or 25 of them."""
    start_s, end_s = day_bounds(day, zone)
    starts: list[float] = []
    t = start_s
    while t < end_s - 1e-6:
        starts.append(t)
        t += HOUR_S
    moments = [datetime.fromtimestamp(s, zone) for s in starts]
    plain = [moment.strftime("%H:%M") for moment in moments]
    repeated = {label for label, n in Counter(plain).items() if n > 1}
    return tuple(
        LocalHour(
            f"{label} {moment.tzname()}" if label in repeated else label,
            s,
            min(s + HOUR_S, end_s),
        )
        for label, moment, s in zip(plain, moments, starts, strict=True)
    )


def local_day(t_s: float, zone: tzinfo) -> date:
    """The local calendar day the moment `t_s` falls on."""
    return datetime.fromtimestamp(t_s, zone).date()


def zone_name(zone: tzinfo) -> str:
    """A readable name for the zone: its IANA key when it has one (e.g. 'Europe/Berlin')."""
    if isinstance(zone, ZoneInfo):
        return zone.key
    return str(zone)


def overlap_s(start_s: float, end_s: float, lo_s: float, hi_s: float) -> float:
    """Seconds of [start_s, end_s) that fall inside [lo_s, hi_s)."""
    return max(0.0, min(end_s, hi_s) - max(start_s, lo_s))


def share_inside(start_s: float, end_s: float, lo_s: float, hi_s: float) -> float:
    """The fraction (0-1) of [start_s, end_s) inside [lo_s, hi_s).

    A zero-length span counts wholly inside when its moment is, so nothing is ever lost.
    """
    if end_s <= start_s:
        return 1.0 if lo_s <= start_s < hi_s else 0.0
    return overlap_s(start_s, end_s, lo_s, hi_s) / (end_s - start_s)
