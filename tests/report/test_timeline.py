"""The day's timeline and its longest good streak, from hand-made state changes and intervals."""

from __future__ import annotations

from datetime import timedelta

import pytest

from posture.core.local_calendar import day_bounds
from posture.core.records import (
    StateChange,
)
from tests.support.report_records import (
    BERLIN,
    DAY,
    T0,
    at,
    at_min,
    change,
    day_of,
    interval,
    minutes_of,
)


@pytest.mark.parametrize(
    ("changes", "watched_min", "streak_min"),
    [
        # good for 20 min, then an issue, then good for 30 min
        (
            [
                change(at_min(0), "posture", "good"),
                change(at_min(20), "posture", "slouch"),
                change(at_min(25), "posture", "good"),
            ],
            55,
            30,
        ),
        # going away breaks a streak even though posture was good before and after
        (
            [
                change(at_min(0), "presence", "present"),
                change(at_min(0), "posture", "good"),
                change(at_min(15), "presence", "away"),
                change(at_min(15), "posture", "away"),
                change(at_min(20), "presence", "present"),
                change(at_min(20), "posture", "good"),
            ],
            40,
            20,
        ),
        # the camera dropping out breaks it too
        (
            [
                change(at_min(0), "posture", "good"),
                change(at_min(10), "camera", "unavailable"),
                change(at_min(12), "camera", "available"),
            ],
            40,
            28,
        ),
        # several issues at once are still not good
        (
            [
                change(at_min(0), "posture", "forward_head,slouch"),
                change(at_min(5), "posture", "good"),
            ],
            30,
            25,
        ),
        # a state recorded yesterday still holds this morning
        (
            [change(at_min(-60 * 24), "posture", "good"), change(at_min(45), "posture", "lean")],
            60,
            45,
        ),
        # after the monitor stopped, nothing carries over into the next run
        (
            [
                change(at_min(-60 * 24), "posture", "good"),
                change(at_min(-60 * 23), "monitor", "stopped"),
                change(at_min(10), "posture", "good"),
            ],
            30,
            20,
        ),
        # no posture ever recorded: nothing is known to be good
        ([change(at_min(0), "presence", "present")], 30, 30),  # falls back to the intervals
    ],
)
def test_longest_good_streak(
    changes: list[StateChange], watched_min: int, streak_min: float
) -> None:
    report = day_of(minutes_of(T0, watched_min), changes=changes)
    assert report.longest_good is not None
    assert report.longest_good.seconds == pytest.approx(streak_min * 60)


def test_a_gap_in_the_intervals_breaks_the_streak() -> None:
    ivs = minutes_of(T0, 10) + minutes_of(at_min(30), 15)  # the monitor was off from 09:10 to 09:30
    report = day_of(ivs, changes=[change(T0, "posture", "good")])
    assert report.longest_good is not None and report.longest_good.seconds == 15 * 60
    assert [s.start_s for s in report.timeline] == [T0, at_min(30)]


def test_a_streak_across_midnight_is_cut_at_midnight() -> None:
    start = at(DAY - timedelta(days=1), "23:30")
    report = day_of(minutes_of(start, 50), changes=[change(start, "posture", "good")])
    assert report.longest_good is not None
    assert report.longest_good.start_s == day_bounds(DAY, BERLIN)[0]
    assert report.longest_good.seconds == 20 * 60


def test_the_fallback_streak_needs_wholly_good_touching_intervals() -> None:
    ivs = [
        *minutes_of(T0, 5),
        interval(at_min(5), good=50.0, issues={"lean": 10.0}),
        *minutes_of(at_min(6), 8),
    ]
    report = day_of(ivs)
    assert report.longest_good is not None and report.longest_good.seconds == 8 * 60


def test_the_timeline_shows_presence_posture_and_pauses() -> None:
    ivs = (
        minutes_of(T0, 10)
        + minutes_of(at_min(10), 5, away=60.0)
        + minutes_of(at_min(15), 5, paused=60.0)
        + minutes_of(at_min(20), 5)
    )
    changes = [
        change(T0, "presence", "present"),
        change(T0, "posture", "good"),
        change(at_min(4), "posture", "head_down,slouch"),
        change(at_min(10), "posture", "away"),
        change(at_min(10), "presence", "away"),
        change(at_min(20), "presence", "present"),
        change(at_min(20), "posture", "good"),
    ]
    report = day_of(ivs, changes=changes)
    seen = [((s.end_s - s.start_s) / 60, s.presence, s.posture, s.issues) for s in report.timeline]
    assert seen == [
        (4, "present", "good", ()),
        (6, "present", "issues", ("head_down", "slouch")),
        (5, "away", "none", ()),
        (5, "paused", "none", ()),
        (5, "present", "good", ()),
    ]
