"""The tips: the dominant issue's advice, then moving or drinking water."""

from __future__ import annotations

from posture.core.records import (
    SittingRecord,
)
from posture.core.vocabulary import ISSUE_NAMES
from posture.report.tips import ISSUE_TIPS, MOVE_TIP, WATER_TIP, tips_for
from tests.support.report_records import T0, at_min, day_of, minutes_of


def test_tips_follow_the_dominant_issue_and_the_longest_sitting() -> None:
    ivs = minutes_of(T0, 30, good=20.0, issues={"head_down": 40.0, "slouch": 10.0})
    long_sit = SittingRecord(1, T0, at_min(90))
    short_sit = SittingRecord(1, T0, at_min(30))
    assert tips_for(day_of(ivs, sittings=[long_sit])) == (
        ISSUE_TIPS["head_down"],
        MOVE_TIP.format(sat="1 h 30 min"),
    )
    assert tips_for(day_of(ivs, sittings=[short_sit])) == (ISSUE_TIPS["head_down"], WATER_TIP)
    assert tips_for(day_of(minutes_of(T0, 10))) == (WATER_TIP,)
    assert set(ISSUE_TIPS) == set(ISSUE_NAMES)
