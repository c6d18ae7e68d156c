"""What the monitor is doing right now, as one word from a fixed vocabulary. Pure.

`status --json` gives it as `activity`, beside the `state` sentence (which stays free text for
people); the tray and scripts branch on the word. The words never change meaning; new ones may
be added at the end.
"""

from __future__ import annotations

from typing import Literal

Activity = Literal[
    "starting",
    "watching",
    "away",
    "paused",
    "snoozed",
    "quiet_hours",
    "camera_unavailable",
    "setup_changed",
    "stopped",
]

# Each word and what it means, in the order the README lists them.
ACTIVITIES: dict[Activity, str] = {
    "starting": "started, no look at the camera yet",
    "watching": "someone is in view and their posture is judged",
    "away": "the seat is empty",
    "paused": "not looking: a pause app runs or the screen is locked",
    "snoozed": "not looking until the snooze ends (`snooze`)",
    "quiet_hours": "watching, but no notification during quiet hours",
    "camera_unavailable": "the camera gives no picture (unplugged, busy, or a bad frame)",
    "setup_changed": "the desk setup changed since calibrating: posture is not judged",
    "stopped": "the monitor has stopped",
}

# The sentence `state` gives while the setup has changed.
SETUP_CHANGED_STATE = "setup changed, not judged"


def activity_of(kind: str, *, snoozed: bool = False, quiet: bool = False) -> Activity:
    """The word for a look whose time `posture.core.time_ledger` files under `kind`."""
    if kind == "paused":
        return "snoozed" if snoozed else "paused"
    if kind == "unavailable":
        return "camera_unavailable"
    if kind == "drifted":
        return "setup_changed"
    if kind == "away":
        return "away"
    return "quiet_hours" if quiet else "watching"
