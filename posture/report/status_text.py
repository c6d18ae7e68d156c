"""What `status` says about a running monitor, from its status file: pure text rendering.

Times in the status file are on the monitor's own clock (the wall clock live, the video's clock
in a replay), so "how long ago" is measured against the file's own `updated_s`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

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
