"""The history's writes and reads, as round trips through a real SQLite file."""

from __future__ import annotations

import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.core.records import AlertRecord, BreakRecord, SittingRecord, StateChange
from posture.core.vocabulary import Severity
from tests.support.history_db import T0, add_minute


def test_intervals_round_trip_with_their_issue_seconds(store: SqliteStore) -> None:
    first = store.add_interval(
        start_s=T0,
        end_s=T0 + 60,
        monitored_s=50.0,
        good_s=20.0,
        away_s=4.0,
        unavailable_s=3.0,
        paused_s=2.0,
        issue_s={"slouch": 25.0, "head_tilt": 20.0, "lean": 0.0},
        score=61.5,
        profile="desk",
    )
    second = store.add_interval(
        start_s=T0 + 60, end_s=T0 + 120, monitored_s=0.0, good_s=0.0, away_s=60.0
    )
    got = store.intervals_between(T0, T0 + 120)
    assert [r.id for r in got] == [first, second]
    one, two = got
    assert (one.start_s, one.end_s, one.monitored_s, one.good_s) == (T0, T0 + 60, 50.0, 20.0)
    assert (one.away_s, one.unavailable_s, one.paused_s) == (4.0, 3.0, 2.0)
    # Overlapping issues add up to more than monitored - good; zero seconds are not kept.
    assert one.issue_s == {"slouch": 25.0, "head_tilt": 20.0}
    assert (one.score, one.profile) == (61.5, "desk")
    assert (two.issue_s, two.score, two.profile, two.away_s) == ({}, None, None, 60.0)


def test_intervals_belong_to_the_range_their_start_falls_in(store: SqliteStore) -> None:
    for i in range(3):
        add_minute(store, i)
    assert len(store.intervals_between(T0, T0 + 180)) == 3
    assert [r.start_s for r in store.intervals_between(T0 + 30, T0 + 120)] == [T0 + 60]
    assert store.intervals_between(T0 + 180, T0 + 999) == []


def test_state_changes_round_trip(store: SqliteStore) -> None:
    a = store.add_state_change(T0, "monitor", "started")
    b = store.add_state_change(T0 + 5, "posture", "slouch", "neck 24 deg")
    c = store.add_state_change(T0 + 9, "presence", "away")
    d = store.add_state_change(T0 + 12, "camera", "unavailable", "device busy")
    assert store.state_changes_between(T0, T0 + 12) == [
        StateChange(a, T0, "monitor", "started", None),
        StateChange(b, T0 + 5, "posture", "slouch", "neck 24 deg"),
        StateChange(c, T0 + 9, "presence", "away", None),
    ]
    assert [s.id for s in store.state_changes_between(T0, T0 + 13)][-1] == d


def test_alerts_round_trip_and_the_first_correction_counts(store: SqliteStore) -> None:
    posture = store.add_alert(
        t_s=T0,
        kind="posture",
        severity=Severity.MODERATE,
        issue="forward_head",
        exercise="chin_tuck",
        message="Your head drifted forward.",
    )
    sitting = store.add_alert(
        t_s=T0 + 10, kind="sitting", severity=Severity.MILD, message="Time to stand up."
    )
    assert store.mark_alert_corrected(posture, T0 + 40) is True
    assert store.mark_alert_corrected(posture, T0 + 90) is False
    got = store.alerts_between(T0, T0 + 60)
    assert got == [
        AlertRecord(
            posture,
            T0,
            "posture",
            "forward_head",
            Severity.MODERATE,
            "chin_tuck",
            "Your head drifted forward.",
            T0 + 40,
        ),
        AlertRecord(
            sitting, T0 + 10, "sitting", None, Severity.MILD, None, "Time to stand up.", None
        ),
    ]
    assert isinstance(got[0].severity, Severity)
    with pytest.raises(KeyError):
        store.mark_alert_corrected(9999, T0)
    with pytest.raises(ValueError, match="before the alert"):
        store.mark_alert_corrected(sitting, T0)


def test_sittings_and_breaks_overlapping_a_range_and_extended_in_place(store: SqliteStore) -> None:
    store.add_sitting(T0, T0 + 600)
    store.add_sitting(T0, T0 + 1800)  # the open sitting, saved again later: extended
    store.add_break(T0 + 1800, T0 + 2100)
    store.add_sitting(T0 + 2100, T0 + 4000)
    sittings = store.sittings_between(T0 + 1000, T0 + 3000)
    assert [(s.start_s, s.end_s) for s in sittings] == [(T0, T0 + 1800), (T0 + 2100, T0 + 4000)]
    assert all(isinstance(s, SittingRecord) for s in sittings)
    assert store.sittings_between(T0 + 1800, T0 + 2100) == []  # touching is not overlapping
    breaks = store.breaks_between(T0, T0 + 1801)
    assert breaks == [BreakRecord(breaks[0].id, T0 + 1800, T0 + 2100)]
