"""The coaching decision on a simulated local clock: cooldowns, escalation, the daily cap, quiet
hours, snoozes, pauses, exercise choice and the words themselves."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from posture.config.clock import parse_clock
from posture.config.schema import Coaching
from posture.core.coaching import CoachState, Notification, decide, resume, silence_reason, snooze
from posture.core.exercises import Exercise, ExerciseLibrary, load_exercises
from posture.core.messages import BODY_MAX_CHARS, TITLE_MAX_CHARS, posture_words, sitting_words
from posture.core.quiet_hours import in_quiet_hours, parse_snooze
from posture.core.sitting import BreakTaken, SittingAlertDue, SittingEvent
from posture.core.vocabulary import BY_NAME, ISSUE_NAMES, Severity

TZ = timezone(timedelta(hours=2))
MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
LIBRARY = load_exercises()
DEFAULTS = Coaching()
MARKUP = re.compile(r"[<>*_`\[\]\\]|&\w+;|\n")
MILD, MODERATE, SEVERE = Severity.MILD, Severity.MODERATE, Severity.SEVERE


def step(
    state: CoachState,
    now: datetime,
    issues: Mapping[str, Severity] | None = None,
    events: Sequence[SittingEvent] = (),
    settings: Coaching = DEFAULTS,
    paused: bool = False,
    library: ExerciseLibrary = LIBRARY,
) -> tuple[CoachState, Notification | None]:
    issues = issues or {}
    persisted = dict.fromkeys(issues, 60.0)
    return decide(
        state, now, issues, persisted, events, settings=settings, library=library, paused=paused
    )


def run(
    minutes: Sequence[float],
    issues: Mapping[str, Severity],
    settings: Coaching = DEFAULTS,
    start: datetime = MONDAY_9,
) -> list[tuple[float, Notification]]:
    """Decide at each minute offset with the same issues active; what was shown, and when."""
    state, shown = CoachState(), []
    for minute in minutes:
        state, note = step(state, start + timedelta(minutes=minute), issues, settings=settings)
        if note is not None:
            shown.append((minute, note))
    return shown


# --- cooldown and spacing ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cooldown_min", "minutes", "shown_at"),
    [
        (5.0, [0, 1, 4.9, 5, 9, 10, 14.99], [0, 5, 10]),
        (5.0, [0, 20, 21, 25], [0, 20, 25]),
        (1.0, [0, 0.5, 1, 1.5, 2], [0, 1, 2]),
        (15.0, [0, 5, 10, 15, 29, 30], [0, 15, 30]),
    ],
)
def test_cooldown_per_issue(
    cooldown_min: float, minutes: list[float], shown_at: list[float]
) -> None:
    shown = run(minutes, {"slouch": MILD}, Coaching(cooldown_min=cooldown_min))
    assert [minute for minute, _ in shown] == shown_at


def test_two_issues_take_turns_a_minute_apart_worst_first() -> None:
    issues = {"lean": MILD, "forward_head": SEVERE}
    shown = run([0, 0.5, 1, 2, 5, 6], issues)
    assert [(minute, note.kind) for minute, note in shown] == [
        (0, "forward_head"),
        (1, "lean"),
        (5, "forward_head"),
        (6, "lean"),
    ]


def test_longest_lasting_goes_first_among_equals() -> None:
    _, note = decide(
        CoachState(),
        MONDAY_9,
        {"lean": MILD, "head_tilt": MILD},
        {"lean": 30.0, "head_tilt": 300.0},
        (),
        settings=Coaching(),
        library=LIBRARY,
        paused=False,
    )
    assert note is not None and note.kind == "head_tilt"


def test_nothing_active_nothing_shown() -> None:
    assert run([0, 10, 20], {}) == []


# --- escalation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issue", "escalate_after", "first_firm"),
    [
        ("forward_head", 3, {"raise_screen"}),
        ("head_down", 3, {"raise_screen"}),
        ("slouch", 3, {"pelvic_tilts", "cat_cow"}),
        ("lean", 1, {"sit_back_evenly", "pelvic_tilts"}),
        ("too_close", 2, {"arms_length"}),
    ],
)
def test_escalation_gets_firmer_and_suggests_a_pause(
    issue: str, escalate_after: int, first_firm: set[str]
) -> None:
    shown = run(range(0, 60, 5), {issue: MODERATE}, Coaching(escalate_after=escalate_after))
    notes = [note for _, note in shown]
    gentle, firm = notes[:escalate_after], notes[escalate_after:]
    assert all(note.title.startswith("Posture tip") for note in gentle)
    assert len(firm) >= 4 and all(note.title.startswith("Reset time") for note in firm)
    assert all("pause" in note.message for note in firm)
    assert firm[0].exercise_name in first_firm
    for note in firm[1::2]:  # every other firm reminder is a plain break exercise
        assert "break" in LIBRARY.by_name(note.exercise_name).serves
    assert all(note.severity is MODERATE for note in notes)
    assert all(a.message != b.message for a, b in itertools.pairwise(notes))


def test_escalation_falls_back_to_a_break_exercise() -> None:
    bare = ExerciseLibrary(
        tuple(
            Exercise(
                ex.name,
                ex.title,
                ex.steps,
                ex.duration_s,
                tuple(tag for tag in ex.serves if not tag.startswith("persistent:")),
            )
            for ex in LIBRARY.exercises
        )
    )
    state = CoachState(day=MONDAY_9.date(), reminders={"head_tilt": 5})
    _, note = step(state, MONDAY_9, {"head_tilt": MILD}, library=bare)
    assert note is not None
    assert "break" in bare.by_name(note.exercise_name).serves


@pytest.mark.parametrize(
    ("events", "later", "firm"),
    [
        ([], timedelta(minutes=10), True),
        ([BreakTaken(0.0, 600.0)], timedelta(minutes=10), False),
        ([], timedelta(days=1), False),  # a new local day starts gentle
    ],
)
def test_escalation_resets_after_a_break_or_at_midnight(
    events: list[SittingEvent], later: timedelta, firm: bool
) -> None:
    state = CoachState(day=MONDAY_9.date(), reminders={"slouch": 3})
    state, note = step(state, MONDAY_9 + later, {"slouch": MILD}, events=events)
    assert note is not None
    assert note.title.startswith("Reset time") is firm


# --- daily cap and the local day -----------------------------------------------------------


def test_daily_cap_holds_until_local_midnight() -> None:
    settings = Coaching(daily_cap=3, cooldown_min=1.0)
    state, shown = CoachState(), []
    evening = datetime(2026, 3, 2, 23, 50, tzinfo=TZ)
    for minute in range(0, 20, 2):  # 23:50 .. 00:08 local
        now = evening + timedelta(minutes=minute)
        state, note = step(state, now, {"slouch": MILD}, settings=settings)
        if note:
            shown.append(now.strftime("%H:%M"))
    assert shown == ["23:50", "23:52", "23:54", "00:00", "00:02", "00:04"]


def test_the_day_follows_the_users_zone_not_utc() -> None:
    settings = Coaching(daily_cap=1)
    late = datetime(2026, 3, 2, 1, 0, tzinfo=TZ)  # still March 1st in UTC
    state, _ = step(
        CoachState(day=datetime(2026, 3, 1).date(), sent_today=1),
        late,
        {"slouch": MILD},
        settings=settings,
    )
    assert state.day == late.date() and state.sent_today == 1


def test_sitting_alerts_ignore_the_cap_and_the_cooldown() -> None:
    state = CoachState(day=MONDAY_9.date(), sent_today=12, last_any_s=MONDAY_9.timestamp())
    state, note = step(state, MONDAY_9, events=[SittingAlertDue(3000.0, 1)])
    assert note is not None and note.kind == "sitting"
    assert "50 minutes" in note.message
    assert state.sent_today == 12


def test_a_cap_of_zero_silences_posture_but_not_sitting() -> None:
    settings = Coaching(daily_cap=0)
    _, note = step(CoachState(), MONDAY_9, {"slouch": SEVERE}, settings=settings)
    assert note is None
    _, note = step(CoachState(), MONDAY_9, events=[SittingAlertDue(3000.0, 1)], settings=settings)
    assert note is not None


# --- quiet hours, snooze, pause -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "clock", "quiet"),
    [
        ("", "", "03:00", False),
        ("22:00", "07:00", "21:59", False),
        ("22:00", "07:00", "22:00", True),
        ("22:00", "07:00", "23:59", True),
        ("22:00", "07:00", "00:00", True),
        ("22:00", "07:00", "06:59", True),
        ("22:00", "07:00", "07:00", False),
        ("12:00", "13:30", "12:45", True),
        ("12:00", "13:30", "13:30", False),
        ("12:00", "13:30", "11:59", False),
        ("00:00", "06:00", "00:00", True),
    ],
)
def test_quiet_hours(start: str, end: str, clock: str, quiet: bool) -> None:
    hour, minute = parse_clock(clock).hour, parse_clock(clock).minute
    local = MONDAY_9.replace(hour=hour, minute=minute)
    assert in_quiet_hours(local, start, end) is quiet
    settings = Coaching(quiet_hours_start=start, quiet_hours_end=end)
    _, note = step(CoachState(), local, {"slouch": SEVERE}, settings=settings)
    assert (note is None) is quiet


@pytest.mark.parametrize("text", ["7:00", "24:00", "12:60", "noon", ""])
def test_bad_clock_times(text: str) -> None:
    with pytest.raises(ValueError):
        parse_clock(text)


@pytest.mark.parametrize(
    ("text", "until"),
    [
        ("30m", datetime(2026, 3, 2, 9, 30, tzinfo=TZ)),
        ("1h", datetime(2026, 3, 2, 10, 0, tzinfo=TZ)),
        (" 1H30M ", datetime(2026, 3, 2, 10, 30, tzinfo=TZ)),
        ("90min", datetime(2026, 3, 2, 10, 30, tzinfo=TZ)),
        ("24h", datetime(2026, 3, 3, 9, 0, tzinfo=TZ)),
        ("today", datetime(2026, 3, 3, 0, 0, tzinfo=TZ)),
        ("tomorrow", datetime(2026, 3, 3, 0, 0, tzinfo=TZ)),
    ],
)
def test_parse_snooze(text: str, until: datetime) -> None:
    assert parse_snooze(text, MONDAY_9) == until


@pytest.mark.parametrize("text", ["", "0m", "soon", "25h", "-5m", "1d", "h", "30s"])
def test_parse_snooze_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_snooze(text, MONDAY_9)


def test_snooze_lasts_real_time_across_a_clock_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    before = datetime(2026, 3, 29, 1, 30, tzinfo=berlin)  # clocks jump from 02:00 to 03:00
    until = parse_snooze("1h", before)
    assert until.timestamp() - before.timestamp() == 3600
    assert (until.hour, until.minute) == (3, 30)
    assert parse_snooze("today", datetime(2026, 3, 29, 23, 59, tzinfo=berlin)).hour == 0


def test_snooze_needs_a_zone() -> None:
    with pytest.raises(ValueError):
        parse_snooze("1h", datetime(2026, 3, 2, 9, 0))


@pytest.mark.parametrize(
    ("minutes_later", "shown"),
    [(0, False), (29, False), (30, True), (45, True)],
)
def test_snooze_holds_notifications_until_it_ends(minutes_later: int, shown: bool) -> None:
    state = snooze(CoachState(), parse_snooze("30m", MONDAY_9))
    now = MONDAY_9 + timedelta(minutes=minutes_later)
    state, note = step(state, now, {"slouch": MILD}, events=[SittingAlertDue(3000.0, 1)])
    assert (note is not None) is shown
    assert (state.snoozed_until_s is None) is shown  # an ended snooze is forgotten


def test_resume_lifts_a_snooze() -> None:
    state = resume(snooze(CoachState(), parse_snooze("today", MONDAY_9)))
    _, note = step(state, MONDAY_9, {"slouch": MILD})
    assert note is not None


@pytest.mark.parametrize(
    ("paused", "snoozed", "quiet", "reason"),
    [
        (False, False, False, ""),
        (True, False, False, "paused"),
        (False, True, False, "snoozed"),
        (False, False, True, "quiet hours"),
        (True, True, True, "paused"),
    ],
)
def test_silence_reason(paused: bool, snoozed: bool, quiet: bool, reason: str) -> None:
    state = snooze(CoachState(), MONDAY_9 + timedelta(hours=1)) if snoozed else CoachState()
    settings = Coaching(quiet_hours_start="08:00", quiet_hours_end="10:00") if quiet else Coaching()
    assert silence_reason(state, MONDAY_9, settings, paused) == reason


def test_pause_shows_nothing_and_spends_nothing() -> None:
    start = CoachState(day=MONDAY_9.date())
    state, note = step(
        start, MONDAY_9, {"slouch": SEVERE}, events=[SittingAlertDue(3000.0, 1)], paused=True
    )
    assert note is None
    assert state == start
    _, note = step(state, MONDAY_9 + timedelta(seconds=1), {"slouch": SEVERE})
    assert note is not None  # the call ended: an issue still there is raised at once


# --- exercises: matching and rotation -------------------------------------------------------


@pytest.mark.parametrize(
    ("issue", "first"),
    [
        ("forward_head", "chin_tucks"),
        ("slouch", "shoulder_rolls"),
        ("shoulder_tilt", "tools_close"),
        ("head_down", "chin_tucks"),
        ("head_up", "chin_tucks"),
        ("head_tilt", "neck_side_stretch"),
        ("lean", "tools_close"),
        ("too_close", "sit_back_zoom"),
    ],
)
def test_exercise_matches_the_issue(issue: str, first: str) -> None:
    _, note = step(CoachState(), MONDAY_9, {issue: MILD})
    assert note is not None
    assert note.exercise_name == first
    assert issue in LIBRARY.by_name(note.exercise_name).serves


@pytest.mark.parametrize("issue", ISSUE_NAMES)
def test_rotation_visits_the_whole_pool_without_repeating(issue: str) -> None:
    pool = [ex.name for ex in LIBRARY.serving(issue)]
    settings = Coaching(escalate_after=50, daily_cap=500)
    shown = run(range(0, 5 * 2 * len(pool), 5), {issue: MILD}, settings)
    names = [note.exercise_name for _, note in shown]
    assert len(names) == 2 * len(pool)
    assert set(names) == set(pool)
    assert all(a != b for a, b in itertools.pairwise(names))


def test_rotation_skips_the_exercise_just_shown_for_another_issue() -> None:
    state, first = step(CoachState(), MONDAY_9, {"slouch": MILD})
    assert first is not None and first.exercise_name == "shoulder_rolls"
    # shoulder_tilt's turn has come to shoulder_rolls as well; the coach moves on to the next.
    state = replace(state, turns={**state.turns, "shoulder_tilt": 1})
    _, note = step(state, MONDAY_9 + timedelta(minutes=2), {"shoulder_tilt": MILD})
    assert note is not None and note.exercise_name == "shoulder_blade_squeeze"


def test_sitting_alerts_rotate_and_mention_the_time() -> None:
    state, names = CoachState(), []
    for count in range(1, 5):
        now = MONDAY_9 + timedelta(minutes=15 * count)
        state, note = step(state, now, events=[SittingAlertDue((35 + 15 * count) * 60.0, count)])
        assert note is not None and note.kind == "sitting"
        assert f"{35 + 15 * count} minutes" in note.message
        assert note.title.startswith("Time to move" if count == 1 else "Still sitting")
        names.append(note.exercise_name)
    assert all(a != b for a, b in itertools.pairwise(names))
    assert all("sitting" in LIBRARY.by_name(name).serves for name in names)


# --- the words -----------------------------------------------------------------------------


@pytest.mark.parametrize("issue", ISSUE_NAMES)
@pytest.mark.parametrize("firm", [False, True])
def test_every_posture_message_is_short_plain_and_names_what_was_seen(
    issue: str, firm: bool
) -> None:
    for exercise in LIBRARY.exercises:
        title, body = posture_words(issue, exercise, firm)
        assert len(title) <= TITLE_MAX_CHARS, title
        assert len(body) <= BODY_MAX_CHARS, body
        assert not MARKUP.search(title + body)
        assert BY_NAME[issue].seen in body
        assert exercise.steps[0] in body
        assert "_" not in body  # no issue ids leak into the text


@pytest.mark.parametrize(("sat_min", "count"), [(50, 1), (65, 2), (480, 30)])
def test_every_sitting_message_is_short_and_plain(sat_min: int, count: int) -> None:
    for exercise in LIBRARY.exercises:
        title, body = sitting_words(sat_min * 60.0, count, exercise)
        assert len(title) <= TITLE_MAX_CHARS and len(body) <= BODY_MAX_CHARS
        assert not MARKUP.search(title + body)


def test_apostrophes_and_accents_pass_through() -> None:
    exercise = Exercise("pause", "Café pause", ("Don't rush; it's fine.",), 30.0, ("lean",))
    title, body = posture_words("lean", exercise, firm=False)
    assert title == "Posture tip: Café pause"
    assert body.endswith("Don't rush; it's fine.")


# --- the caller's mistakes -----------------------------------------------------------------


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        step(CoachState(), datetime(2026, 3, 2, 9, 0), {"slouch": MILD})


def test_an_unknown_issue_is_refused() -> None:
    with pytest.raises(ValueError, match="slumping"):
        step(CoachState(), MONDAY_9, {"slumping": MILD})
