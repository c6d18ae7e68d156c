"""The daily report's figures, from hand-made records: day cuts in real zones, DST days,
splitting across midnight, overlapping issues, streaks, alerts, exercises and comparisons."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from posture.adapters.private_report import write_private
from posture.cli.commands.report import parse_day
from posture.core.local_calendar import day_bounds, local_hours
from posture.core.records import (
    AlertRecord,
    BreakRecord,
    IntervalRecord,
    SittingRecord,
    StateChange,
)
from posture.core.vocabulary import ISSUE_NAMES, Severity
from posture.errors import UserError
from posture.report.as_csv import days_csv
from posture.report.as_json import day_dict, dumps, week_dict
from posture.report.as_text import day_text, week_text
from posture.report.build import DayReport, build_day, build_week, top_exercise
from posture.report.figures import day_figures, show, week_figures
from posture.report.tips import ISSUE_TIPS, MOVE_TIP, WATER_TIP, tips_for

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
DAY = date(2026, 11, 25)


def at(day: date, hh_mm: str, zone: tzinfo = BERLIN) -> float:
    """Epoch seconds of a local clock time."""
    return datetime.combine(day, time.fromisoformat(hh_mm), tzinfo=zone).timestamp()


def interval(
    start_s: float,
    seconds: float = 60.0,
    *,
    good: float | None = None,
    issues: dict[str, float] | None = None,
    away: float = 0.0,
    paused: float = 0.0,
    unavailable: float = 0.0,
    profile: str | None = None,
    id: int = 0,
) -> IntervalRecord:
    """One stored interval; by default wholly monitored and good."""
    monitored = seconds - away - paused - unavailable
    return IntervalRecord(
        id,
        start_s,
        start_s + seconds,
        monitored,
        monitored if good is None else good,
        away,
        unavailable,
        paused,
        issues or {},
        None,
        profile,
    )


def minutes_of(start_s: float, count: int, **kwargs: object) -> list[IntervalRecord]:
    """`count` touching one-minute intervals from `start_s`."""
    return [interval(start_s + 60.0 * i, **kwargs) for i in range(count)]  # type: ignore[arg-type]


def change(t_s: float, kind: str, value: str) -> StateChange:
    return StateChange(0, t_s, kind, value)  # type: ignore[arg-type]


def alert(
    t_s: float,
    *,
    corrected_s: float | None = None,
    exercise: str | None = "chin_tucks",
    issue: str | None = "slouch",
) -> AlertRecord:
    return AlertRecord(0, t_s, "posture", issue, Severity.MILD, exercise, "Sit tall.", corrected_s)


def day_of(
    intervals: Sequence[IntervalRecord] = (),
    *,
    day: date = DAY,
    zone: tzinfo = BERLIN,
    alerts: Sequence[AlertRecord] = (),
    sittings: Sequence[SittingRecord] = (),
    breaks: Sequence[BreakRecord] = (),
    changes: Sequence[StateChange] = (),
) -> DayReport:
    return build_day(day, zone, intervals, alerts, sittings, breaks, changes)


# --- day boundaries ---------------------------------------------------------------------------


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


# --- splitting at midnight --------------------------------------------------------------------


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


# --- figures ----------------------------------------------------------------------------------


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


# --- the longest good streak ------------------------------------------------------------------

T0 = at(DAY, "09:00")


def _m(minutes: float) -> float:
    return T0 + 60.0 * minutes


@pytest.mark.parametrize(
    ("changes", "watched_min", "streak_min"),
    [
        # good for 20 min, then an issue, then good for 30 min
        (
            [
                change(_m(0), "posture", "good"),
                change(_m(20), "posture", "slouch"),
                change(_m(25), "posture", "good"),
            ],
            55,
            30,
        ),
        # going away breaks a streak even though posture was good before and after
        (
            [
                change(_m(0), "presence", "present"),
                change(_m(0), "posture", "good"),
                change(_m(15), "presence", "away"),
                change(_m(15), "posture", "away"),
                change(_m(20), "presence", "present"),
                change(_m(20), "posture", "good"),
            ],
            40,
            20,
        ),
        # the camera dropping out breaks it too
        (
            [
                change(_m(0), "posture", "good"),
                change(_m(10), "camera", "unavailable"),
                change(_m(12), "camera", "available"),
            ],
            40,
            28,
        ),
        # several issues at once are still not good
        (
            [change(_m(0), "posture", "forward_head,slouch"), change(_m(5), "posture", "good")],
            30,
            25,
        ),
        # a state recorded yesterday still holds this morning
        ([change(_m(-60 * 24), "posture", "good"), change(_m(45), "posture", "lean")], 60, 45),
        # after the monitor stopped, nothing carries over into the next run
        (
            [
                change(_m(-60 * 24), "posture", "good"),
                change(_m(-60 * 23), "monitor", "stopped"),
                change(_m(10), "posture", "good"),
            ],
            30,
            20,
        ),
        # no posture ever recorded: nothing is known to be good
        ([change(_m(0), "presence", "present")], 30, 30),  # falls back to the intervals
    ],
)
def test_longest_good_streak(
    changes: list[StateChange], watched_min: int, streak_min: float
) -> None:
    report = day_of(minutes_of(T0, watched_min), changes=changes)
    assert report.longest_good is not None
    assert report.longest_good.seconds == pytest.approx(streak_min * 60)


def test_a_gap_in_the_intervals_breaks_the_streak() -> None:
    ivs = minutes_of(T0, 10) + minutes_of(_m(30), 15)  # the monitor was off from 09:10 to 09:30
    report = day_of(ivs, changes=[change(T0, "posture", "good")])
    assert report.longest_good is not None and report.longest_good.seconds == 15 * 60
    assert [s.start_s for s in report.timeline] == [T0, _m(30)]


def test_a_streak_across_midnight_is_cut_at_midnight() -> None:
    start = at(DAY - timedelta(days=1), "23:30")
    report = day_of(minutes_of(start, 50), changes=[change(start, "posture", "good")])
    assert report.longest_good is not None
    assert report.longest_good.start_s == day_bounds(DAY, BERLIN)[0]
    assert report.longest_good.seconds == 20 * 60


def test_the_fallback_streak_needs_wholly_good_touching_intervals() -> None:
    ivs = [
        *minutes_of(T0, 5),
        interval(_m(5), good=50.0, issues={"lean": 10.0}),
        *minutes_of(_m(6), 8),
    ]
    report = day_of(ivs)
    assert report.longest_good is not None and report.longest_good.seconds == 8 * 60


def test_the_timeline_shows_presence_posture_and_pauses() -> None:
    ivs = (
        minutes_of(T0, 10)
        + minutes_of(_m(10), 5, away=60.0)
        + minutes_of(_m(15), 5, paused=60.0)
        + minutes_of(_m(20), 5)
    )
    changes = [
        change(T0, "presence", "present"),
        change(T0, "posture", "good"),
        change(_m(4), "posture", "head_down,slouch"),
        change(_m(10), "posture", "away"),
        change(_m(10), "presence", "away"),
        change(_m(20), "presence", "present"),
        change(_m(20), "posture", "good"),
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


# --- hours, comparisons, the week --------------------------------------------------------------


def test_the_hourly_view_adds_up_to_the_day() -> None:
    ivs = minutes_of(at(DAY, "08:45"), 90, good=45.0, issues={"slouch": 15.0})
    report = day_of(ivs)
    by_label = {h.label: (h.monitored_s / 60, h.good_s / 60) for h in report.hours}
    assert by_label["08:00"] == (15, 11.25)
    assert by_label["09:00"] == (60, 45)
    assert by_label["10:00"] == (15, 11.25)
    assert sum(h.monitored_s for h in report.hours) == pytest.approx(report.monitored_s)


def _scored_day(day: date, monitored_min: int, good_min: int) -> list[IntervalRecord]:
    return minutes_of(at(day, "09:00"), good_min) + minutes_of(
        at(day, "09:00") + 60.0 * good_min,
        monitored_min - good_min,
        good=0.0,
        issues={"slouch": 60.0},
    )


def test_comparison_with_the_previous_day_and_the_week_average() -> None:
    ivs = (
        _scored_day(DAY, 100, 80)
        + _scored_day(DAY - timedelta(days=1), 60, 30)
        + _scored_day(DAY - timedelta(days=3), 120, 108)
        + _scored_day(DAY - timedelta(days=8), 600, 600)
    )  # too old for the average
    report = day_of(ivs)
    assert report.previous_day.score == pytest.approx(50)
    assert report.week_average.days_with_data == 2
    assert report.week_average.monitored_s_per_day == pytest.approx(90 * 60)
    assert report.week_average.score == pytest.approx(100 * 138 / 180)
    figures = day_figures(report)
    assert figures["score_vs_previous_day"] == 30
    assert figures["week_average_score"] == 77 and figures["score_vs_week"] == 3
    assert [t.day for t in report.trend] == [DAY - timedelta(days=n) for n in range(6, -1, -1)]
    assert [round(t.monitored_s / 60) for t in report.trend] == [0, 0, 0, 120, 0, 60, 100]


def test_no_earlier_days_means_no_comparison() -> None:
    report = day_of(_scored_day(DAY, 10, 5))
    assert report.previous_day.score is None and report.week_average.score is None
    assert report.score_vs_previous_day is None and report.score_vs_week is None
    assert day_figures(report)["score_vs_week"] is None


def test_the_week_has_seven_days_and_their_totals() -> None:
    ivs = _scored_day(DAY, 100, 80) + _scored_day(DAY - timedelta(days=2), 60, 30)
    alerts = [
        alert(at(DAY, "09:30"), corrected_s=at(DAY, "09:31")),
        alert(at(DAY - timedelta(days=2), "09:30")),
        alert(at(DAY - timedelta(days=7), "09:30")),
    ]  # the day before the week
    week = build_week(DAY, BERLIN, ivs, alerts, [], [], [])
    assert [d.day for d in week.days] == [DAY - timedelta(days=n) for n in range(6, -1, -1)]
    assert week.days_with_data == 2
    assert week.monitored_s == 160 * 60 and week.score == pytest.approx(100 * 110 / 160)
    assert (week.alerts_sent, week.alerts_corrected) == (2, 1)
    figures = week_figures(week)
    assert figures["issue:slouch"] == 50.0 and figures["score"] == 69
    rows = list(csv.reader(io.StringIO(days_csv(week.days))))
    assert len(rows) == 8 and rows[0][:3] == ["day", "has_data", "monitored_min"]
    assert rows[-1][0] == DAY.isoformat() and rows[-1][2] == "100.0"
    assert "issue:slouch" in rows[0]
    data = json.loads(dumps(week_dict(week)))
    assert data["format"] == "posture.report.build.week" and len(data["days"]) == 7
    assert week_text(week).splitlines()[0].startswith("Posture week 2026-11-19 to 2026-11-25")


def test_the_day_csv_is_one_row_with_the_json_figures() -> None:
    report = day_of(_scored_day(DAY, 100, 80))
    rows = list(csv.reader(io.StringIO(days_csv([report]))))
    figures = day_dict(report)["figures"]
    assert rows[0] == ["day", "has_data", *figures]
    assert rows[1][2:] == ["" if v is None else str(v) for v in figures.values()]


def test_profiles_in_use_are_listed() -> None:
    ivs = minutes_of(T0, 3, profile="desk") + minutes_of(_m(3), 3, profile="laptop")
    assert day_of(ivs).profiles == ("desk", "laptop")


# --- tips, formatting ---------------------------------------------------------------------------


def test_tips_follow_the_dominant_issue_and_the_longest_sitting() -> None:
    ivs = minutes_of(T0, 30, good=20.0, issues={"head_down": 40.0, "slouch": 10.0})
    long_sit = SittingRecord(1, T0, _m(90))
    short_sit = SittingRecord(1, T0, _m(30))
    assert tips_for(day_of(ivs, sittings=[long_sit])) == (
        ISSUE_TIPS["head_down"],
        MOVE_TIP.format(sat="1 h 30 min"),
    )
    assert tips_for(day_of(ivs, sittings=[short_sit])) == (ISSUE_TIPS["head_down"], WATER_TIP)
    assert tips_for(day_of(minutes_of(T0, 10))) == (WATER_TIP,)
    assert set(ISSUE_TIPS) == set(ISSUE_NAMES)


@pytest.mark.parametrize(
    ("value", "text"), [(None, "-"), (3, "3"), (372.5, "372.5"), (372.0, "372"), (0.0, "0")]
)
def test_figures_print_as_numbers(value: float | None, text: str) -> None:
    assert show(value) == text


def test_the_summary_is_short_and_readable() -> None:
    ivs = _scored_day(DAY, 100, 80) + _scored_day(DAY - timedelta(days=1), 60, 30)
    report = day_of(
        ivs,
        alerts=[alert(_m(5), corrected_s=_m(6))],
        changes=[change(T0, "posture", "good"), change(_m(80), "posture", "slouch")],
    )
    text = day_text(report)
    lines = text.splitlines()
    assert len(lines) <= 15
    assert lines[0] == "Posture report for Wednesday 25 November 2026 (Europe/Berlin)"
    assert "score 80/100" in text and "yesterday 50 (+30)" in text
    assert "Longest good   1 h 20 min, 09:00-10:20" in text
    assert "1 sent, 1 followed by a correction" in text


# --- the shell's small parts ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2026-13-01", "yesterday", "25.11.2026", "2026-02-30"])
def test_a_bad_date_is_a_user_error(text: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_day(text, DAY)
    assert caught.value.exit_status == 2
    assert "YYYY-MM-DD" in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "day"), [(None, DAY), ("", DAY), ("2026-03-29", date(2026, 3, 29))]
)
def test_a_date_or_today(text: str | None, day: date) -> None:
    assert parse_day(text, DAY) == day


def test_files_are_written_owner_only_and_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(0o644)
    write_private(target, "new\r\n")
    assert target.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["report.json"]
    with pytest.raises(OSError):
        write_private(tmp_path / "missing" / "x.html", "text")
