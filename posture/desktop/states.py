"""The tray's state, colour and words from the monitor's published status: pure functions.

Everything the tray shows is decided here, in `tray_state`, from the fields the monitor
already publishes (`state`, `posture`, `building`, `setup_changed`); when the status grows a
fixed vocabulary, only this function changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from posture.core.durations import format_duration


@dataclass(frozen=True)
class TrayState:
    """One state of the tray icon: a name for tests and logs, its colour and its words."""

    name: str
    colour: str  # "#rrggbb"
    label: str


GOOD = TrayState("good", "#2e9d4f", "Good posture")
BUILDING = TrayState("building", "#f0b400", "An issue is building")
ISSUE = TrayState("issue", "#d62828", "Posture issue")
AWAY = TrayState("away", "#8a8a8a", "Away")
PAUSED = TrayState("paused", "#2f6fd6", "Paused")
CAMERA = TrayState("camera", "#6a2c91", "Camera unavailable")
SETUP = TrayState("setup", "#e0529c", "Setup changed: calibrate again or switch profile")
STARTING = TrayState("starting", "#d0d0d0", "Starting")
STOPPED = TrayState("stopped", "#505050", "Stopped")

ALL = (GOOD, BUILDING, ISSUE, AWAY, PAUSED, CAMERA, SETUP, STARTING, STOPPED)


def tray_state(status: Mapping[str, Any]) -> TrayState:
    """The tray state for a published status (an empty one is still starting)."""
    state = str(status.get("state") or "starting")
    posture = str(status.get("posture") or "unknown")
    if state == "stopped":
        return STOPPED
    if state == "starting":
        return STARTING
    if state.startswith(("snoozed", "paused")):
        return PAUSED
    if state == "camera unavailable":
        return CAMERA
    if state == "away":
        return AWAY
    if status.get("setup_changed"):
        return SETUP
    if posture not in ("good", "-", "unknown", ""):
        return ISSUE
    if status.get("building"):
        return BUILDING
    return GOOD


def status_line(status: Mapping[str, Any]) -> str:
    """One line for the menu and the tooltip: the state, its detail, and the sitting time."""
    shown = tray_state(status)
    state = str(status.get("state") or "")
    posture = str(status.get("posture") or "")
    if shown is ISSUE:
        words = f"{shown.label}: {posture}"
    elif shown is PAUSED:
        words = state[:1].upper() + state[1:]
    else:
        words = shown.label
    sitting_s = float(status.get("sitting_for_s") or 0.0)
    if shown in (STARTING, STOPPED):
        return words
    return f"{words} · sitting {format_duration(sitting_s, 'elapsed')}"
