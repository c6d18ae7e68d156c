"""The tray's state from the monitor's published status: one table of cases."""

from __future__ import annotations

from typing import Any

import pytest

from posture.desktop import states
from posture.desktop.states import status_line, tray_state


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ({}, states.STARTING),
        ({"state": "watching", "posture": "good"}, states.GOOD),
        ({"state": "watching", "posture": "good", "building": True}, states.BUILDING),
        ({"state": "watching", "posture": "slouch"}, states.ISSUE),
        ({"state": "watching", "posture": "forward_head, slouch", "building": True}, states.ISSUE),
        ({"state": "away", "posture": "-"}, states.AWAY),
        ({"state": "snoozed until 14:30", "posture": "-"}, states.PAUSED),
        ({"state": "paused while zoom is running", "posture": "-"}, states.PAUSED),
        ({"state": "paused while the screen is locked"}, states.PAUSED),
        ({"state": "camera unavailable", "posture": "-"}, states.CAMERA),
        ({"state": "watching", "posture": "good", "setup_changed": True}, states.SETUP),
        ({"state": "stopped", "posture": "good"}, states.STOPPED),
    ],
)
def test_each_published_status_maps_to_one_tray_state(
    status: dict[str, Any], expected: states.TrayState
) -> None:
    assert tray_state(status) is expected


def test_every_state_has_its_own_colour() -> None:
    colours = [state.colour for state in states.ALL]
    assert len(set(colours)) == len(colours)


@pytest.mark.parametrize(
    ("status", "line"),
    [
        (
            {"state": "watching", "posture": "good", "sitting_for_s": 1500},
            "Good posture · sitting 25 min",
        ),
        (
            {"state": "watching", "posture": "slouch", "sitting_for_s": 4000},
            "Posture issue: slouch · sitting 1 h 06 min",
        ),
        (
            {"state": "snoozed until 14:30", "posture": "-", "sitting_for_s": 0},
            "Snoozed until 14:30 · sitting under a minute",
        ),
        ({}, "Starting"),
    ],
)
def test_the_status_line_says_the_state_and_the_sitting_time(
    status: dict[str, Any], line: str
) -> None:
    assert status_line(status) == line
