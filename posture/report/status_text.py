"""What `status` says about a running monitor, from its status file: pure text rendering.

Times in the status file are on the monitor's own clock (the wall clock live, the video's clock
in a replay), so "how long ago" is measured against the file's own `updated_s`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from posture.core.activity import ACTIVITIES
from posture.core.durations import format_duration


def status_lines(status: Mapping[str, Any], pid: int, log: Path) -> list[str]:
    """The lines `status` prints for a running monitor; `status` may be empty while starting."""
    updated_s = float(status.get("updated_s") or 0.0)
    alert_title = str(status.get("last_alert") or "")
    alert_s = status.get("last_alert_s")
    if alert_title and alert_s is not None:
        ago = format_duration(updated_s - float(alert_s), "elapsed")
        last_alert = f"{alert_title} ({ago} ago)"
    else:
        last_alert = "none yet"
    profile = status.get("profile")
    if not status.get("calibrated"):
        shown_profile = "not calibrated (population defaults)"
    else:
        shown_profile = str(profile or "default")
        learned = [str(name) for name in status.get("learned") or ()]
        if learned:
            shown_profile += f" (also learned: {', '.join(learned)})"
    posture = str(status.get("posture") or "unknown")
    sitting = format_duration(float(status.get("sitting_for_s") or 0.0), "elapsed")
    return [
        f"Posture is running (pid {pid}).",
        f"  State:      {status.get('state') or 'starting'}",
        f"  Posture:    {'nobody in view' if posture == '-' else posture}",
        f"  Sitting:    {sitting}",
        f"  Last alert: {last_alert}",
        f"  Profile:    {shown_profile}",
        *_storage(status),
        f"  Log:        {log}",
    ]


def _storage(status: Mapping[str, Any]) -> list[str]:
    """A line about the history's storage, only while it is failing or records wait."""
    unsaved = int(status.get("unsaved_records") or 0)
    if status.get("storage", "ok") == "ok" and not unsaved:
        return []
    held = f"; {unsaved} records held in memory until it works" if unsaved else ""
    problem = str(status.get("storage_problem") or "failing")
    return [f"  Storage:    {problem}{held}"]


def _iso(t_s: object, zone: tzinfo) -> str | None:
    if not isinstance(t_s, int | float) or not math.isfinite(t_s):
        return None
    try:
        return datetime.fromtimestamp(t_s, zone).isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError):
        return None


def running_json(
    status: Mapping[str, Any], pid: int, log: Path, zone: tzinfo, snoozed_until_s: float | None
) -> dict[str, Any]:
    """`status --json` of a running monitor: the status file's fields, `activity` (a word of
    `posture.core.activity.ACTIVITIES`) and every time also as ISO 8601.

    `snoozed_until_s` is the snooze the history holds now (it wins over the status file, which
    the monitor writes only every few seconds).
    """
    data: dict[str, Any] = {"state": "starting", "activity": "starting", **status}
    if snoozed_until_s is not None and data["activity"] != "stopped":
        data["activity"] = "snoozed"
    data["snoozed_until_s"] = snoozed_until_s
    data.update(running=True, pid=pid, log=str(log))
    data["updated_at"] = _iso(data.get("updated_s"), zone)
    data["last_alert_at"] = _iso(data.get("last_alert_s"), zone)
    data["snoozed_until"] = _iso(snoozed_until_s, zone)
    data["activities"] = list(ACTIVITIES)
    return data


def clean_stop(last: Mapping[str, Any] | None) -> bool | None:
    """Whether the last monitor stopped cleanly (None: no monitor ever wrote a status)."""
    if not last:
        return None
    return last.get("state") == "stopped" or last.get("activity") == "stopped"


def stopped_json(
    last: Mapping[str, Any] | None, written_s: float | None, zone: tzinfo
) -> dict[str, Any]:
    """`status --json` with no monitor running: `clean_stop` False when it died without one."""
    data: dict[str, Any] = {"running": False, "activity": "stopped", "clean_stop": clean_stop(last)}
    if last and data["clean_stop"] is False:
        data["last_pid"] = last.get("pid")
        data["last_state"] = last.get("state")
        data["last_seen_at"] = _iso(written_s, zone)
    return data


def stopped_lines(
    last: Mapping[str, Any] | None, written_s: float | None, zone: tzinfo, log: Path
) -> list[str]:
    """What `status` prints with no monitor running."""
    lines = ["Posture is not running."]
    if last and clean_stop(last) is False:
        seen = _iso(written_s, zone)
        when = f" at {seen.replace('T', ' ')[:16]}" if seen else ""
        lines.append(
            f"  It ended without a clean stop (pid {last.get('pid')}, last seen{when}); see {log}"
        )
    return lines


def extra_lines(
    status: Mapping[str, Any], snoozed_until_s: float | None, zone: tzinfo
) -> list[str]:
    """The lines for an active snooze and quiet hours, shown after the state."""
    lines = []
    if snoozed_until_s is not None:
        until = datetime.fromtimestamp(snoozed_until_s, zone).strftime("%H:%M")
        lines.append(f"  Snoozed:    until {until} (`python run.py snooze off` ends it)")
    if status.get("quiet_until"):
        lines.append(f"  Quiet:      quiet hours, no notifications until {status['quiet_until']}")
    return lines


def stop_summary(watched_s: float, alerts: int, history: Path) -> str:
    """What `run` prints on a terminal when it stops."""
    noun = "alert" if alerts == 1 else "alerts"
    return (
        f"Stopped after watching for {format_duration(watched_s, 'elapsed')}; {alerts} {noun}. "
        f"History: {history} (see it with `python run.py report`)."
    )
