"""The day's figures, from hand-made records: day cuts in real zones, DST days, splitting
across midnight, overlapping issues, the score, alerts, exercises, hours and profiles."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

import pytest

from posture.core.local_calendar import day_bounds, local_hours
from posture.core.records import (
    AlertRecord,
    BreakRecord,
    SittingRecord,
)
from posture.core.vocabulary import ISSUE_NAMES
from posture.report.as_json import day_dict, dumps
from posture.report.as_text import day_text
from posture.report.day import top_exercise
from posture.report.figures import day_figures
from posture.report.tips import tips_for
from tests.support.report_records import (
    BERLIN,
    DAY,
    NEW_YORK,
    T0,
    alert,
    at,
    at_min,
    day_of,
    interval,
    minutes_of,
)


@pytest.mark.parametrize(
    ("day", "zone", "start_utc", "hours"),
    [
        (date(2026, 11, 25), BERLIN, "2026-11-24T23:00:00+00:00", 24),
        (date(2026, 7, 1), BERLIN, "2026-06-30T22:00:00+00:00", 24),
        (date(2026, 11, 25), NEW_YORK, "2026-11-25T05:00:00+00:00", 24),
        (date(2026, 3, 29), BERLIN, "2026-03-28T23:00:00+00:00", 23),  # clocks go forward
        (date(2026, 10, 25), BERLIN, "2026-10-24T22:00:00+00:00", 25),  # clocks go back
        (date(2026, 3, 8), NEW_YORK, "2026-03-08T05:00:00+00:00", 23),
        (date(2026, 11, 1), NEW_YORK, "2026-11-01T04:00:00+00:00", 25),
        (
            date(2026, 11, 25),
            timezone(timedelta(hours=5, minutes=30)),
            "2026-11-24T18:30:00+00:00",
            24,
        ),
    ],
)
def test_days_are_cut_at_local_midnight(
    day: date, zone: tzinfo, start_utc: str, hours: int
) -> None:
    start_s, end_s = day_bounds(day, zone)
    assert datetime.fromtimestamp(start_s, UTC).isoformat() == start_utc
    assert (end_s - start_s) / 3600 == hours
    report = day_of(day=day, zone=zone)
    assert report.hours_in_day == hours
    assert len(report.hours) == hours
    assert report.hours[0].start_s == start_s and report.hours[-1].end_s == end_s


@pytest.mark.parametrize(
    ("day", "labels"),
    [
        (date(2026, 3, 29), ["00:00", "01:00", "03:00", "04:00"]),
        (date(2026, 10, 25), ["00:00", "01:00", "02:00 CEST", "02:00 CET", "03:00"]),
        (date(2026, 11, 25), ["00:00", "01:00", "02:00", "03:00"]),
    ],
)
def test_hours_follow_the_local_clock_on_dst_days(day: date, labels: list[str]) -> None:
    assert [h.label for h in local_hours(day, BERLIN)][: len(labels)] == labels


def test_an_interval_on_the_skipped_hour_lands_in_the_right_hour_and_day() -> None:
    day = date(2026, 3, 29)  # 02:00-03:00 does not exist in Berlin that day
    start = at(day, "01:30")
    report = day_of(minutes_of(start, 60), day=day)  # 01:30 CET .. 03:30 CEST
    assert report.monitored_s == 3600
    by_label = {h.label: h.monitored_s for h in report.hours}
    assert by_label["01:00"] == 1800 and by_label["03:00"] == 1800


@pytest.mark.parametrize(
    ("start", "before_s"),
    [("23:59:30", 30.0), ("23:59:45", 15.0), ("23:59:00", 60.0), ("00:00:00", 0.0)],
)
def test_an_interval_across_midnight_is_split_in_proportion(start: str, before_s: float) -> None:
    day_before = DAY - timedelta(days=1)
    start_s = at(day_before if start.startswith("23") else DAY, start)
    iv = interval(start_s, 60.0, good=40.0, issues={"slouch": 20.0})
    first, second = day_of([iv], day=day_before), day_of([iv], day=DAY)
    share = before_s / 60.0
    assert first.monitored_s == pytest.approx(60.0 * share)
    assert first.good_s == pytest.approx(40.0 * share)
    assert first.issue_s["slouch"] == pytest.approx(20.0 * share)
    assert second.monitored_s == pytest.approx(60.0 * (1 - share))
    assert first.monitored_s + second.monitored_s == pytest.approx(60.0)
    assert second.issue_s["slouch"] == pytest.approx(20.0 * (1 - share))


def test_a_sitting_session_across_midnight_is_split_between_the_days() -> None:
    day_before = DAY - timedelta(days=1)
    sitting = SittingRecord(1, at(day_before, "22:30"), at(DAY, "01:15"))
    short = SittingRecord(2, at(day_before, "20:00"), at(day_before, "21:00"))
    first = day_of(day=day_before, sittings=[short, sitting])
    second = day_of(day=DAY, sittings=[short, sitting])
    assert first.longest_sitting_s == 90 * 60 and first.sitting_s == 150 * 60
    assert second.longest_sitting_s == 75 * 60 and len(second.sittings) == 1
    assert second.sittings[0].start_s == day_bounds(DAY, BERLIN)[0]


def test_breaks_count_on_the_day_they_began_and_their_time_is_clipped() -> None:
    day_before = DAY - timedelta(days=1)
    late = BreakRecord(1, at(day_before, "23:50"), at(DAY, "00:10"))
    noon = BreakRecord(2, at(DAY, "12:00"), at(DAY, "12:30"))
    first = day_of(day=day_before, breaks=[late, noon])
    second = day_of(day=DAY, breaks=[late, noon])
    assert (first.breaks_taken, first.break_s) == (1, 600)
    assert (second.breaks_taken, second.break_s) == (1, 600 + 1800)


def test_overlapping_issues_add_up_to_more_than_the_bad_time() -> None:
    ivs = minutes_of(at(DAY, "09:00"), 10, good=30.0, issues={"slouch": 30.0, "forward_head": 30.0})
    report = day_of(ivs)
    assert report.bad_s == 300
    assert report.issue_s["slouch"] + report.issue_s["forward_head"] == 600
    assert sum(report.issue_s.values()) > report.bad_s
    assert report.score == pytest.approx(50.0)
    assert list(report.issue_s) == list(ISSUE_NAMES)


@pytest.mark.parametrize(
    ("parts", "score"),
    [
        ([(60, 60)], 100),
        ([(60, 0)], 0),
        ([(3000, 3000), (60, 0)], 98),  # time-weighted: a long good stretch outweighs a minute
        ([(60, 30), (60, 30)], 50),
        ([(200, 149)], 75),  # 74.5 rounds half up
    ],
)
def test_the_score_is_weighted_by_time(parts: list[tuple[float, float]], score: int) -> None:
    t = at(DAY, "09:00")
    ivs = []
    for seconds, good in parts:
        ivs.append(interval(t, seconds, good=good))
        t += seconds
    assert day_figures(day_of(ivs))["score"] == score


def test_an_empty_day_says_so_plainly() -> None:
    report = day_of([interval(at(DAY + timedelta(days=1), "09:00"))])
    assert not report.has_data
    assert report.score is None and report.monitored_s == 0
    assert report.dominant_issue is None and report.longest_good is None
    assert day_text(report) == "No posture data for 2026-11-25."
    figures = day_figures(report)
    assert figures["score"] is None and figures["monitored_min"] == 0.0
    assert tips_for(report) == ()
    data = json.loads(dumps(day_dict(report)))
    assert data["has_data"] is False and data["figures"]["good_share_pct"] is None


@pytest.mark.parametrize(
    ("alerts", "sent", "corrected"),
    [
        ([], 0, 0),
        ([alert(1.0)], 1, 0),
        ([alert(1.0, corrected_s=50.0)], 1, 1),
        ([alert(1.0, corrected_s=9.0), alert(2.0), alert(3.0, corrected_s=3.0)], 3, 2),
    ],
)
def test_alerts_sent_and_corrected(alerts: list[AlertRecord], sent: int, corrected: int) -> None:
    base = at(DAY, "10:00")
    moved = [
        AlertRecord(
            i,
            base + a.t_s,
            a.kind,
            a.issue,
            a.severity,
            a.exercise,
            a.message,
            None if a.corrected_at_s is None else base + a.corrected_at_s,
        )
        for i, a in enumerate(alerts)
    ]
    report = day_of(alerts=[*moved, alert(at(DAY - timedelta(days=1), "10:00"))])
    assert (report.alerts_sent, report.alerts_corrected) == (sent, corrected)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ([], None),
        ([None, None], None),
        (["chin_tucks"], ("chin_tucks", 1)),
        (["chin_tucks", "pelvic_tilts", "pelvic_tilts"], ("pelvic_tilts", 2)),
        (["pelvic_tilts", "chin_tucks", "chin_tucks", "pelvic_tilts"], ("pelvic_tilts", 2)),
        (["cat_cow", None, "cat_cow", "chin_tucks"], ("cat_cow", 2)),
    ],
)
def test_the_exercise_suggested_most_often(
    names: list[str | None], expected: tuple[str, int] | None
) -> None:
    alerts = [alert(float(i), exercise=name) for i, name in enumerate(names)]
    found = top_exercise(alerts, {"pelvic_tilts": "Pelvic tilts"})
    assert (None if found is None else (found.name, found.count)) == expected
    if found is not None and found.name == "pelvic_tilts":
        assert found.title == "Pelvic tilts"


def test_the_hourly_view_adds_up_to_the_day() -> None:
    ivs = minutes_of(at(DAY, "08:45"), 90, good=45.0, issues={"slouch": 15.0})
    report = day_of(ivs)
    by_label = {h.label: (h.monitored_s / 60, h.good_s / 60) for h in report.hours}
    assert by_label["08:00"] == (15, 11.25)
    assert by_label["09:00"] == (60, 45)
    assert by_label["10:00"] == (15, 11.25)
    assert sum(h.monitored_s for h in report.hours) == pytest.approx(report.monitored_s)


def test_profiles_in_use_are_listed() -> None:
    ivs = minutes_of(T0, 3, profile="desk") + minutes_of(at_min(3), 3, profile="laptop")
    assert day_of(ivs).profiles == ("desk", "laptop")
