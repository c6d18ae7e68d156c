"""The sitting machine, driven by scripted observations on a simulated clock: no waiting."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from posture.config.schema import Sitting
from posture.core.sitting import (
    BreakTaken,
    SittingAlertDue,
    SittingEnded,
    SittingEvent,
    SittingStarted,
    SittingState,
    advance,
    sitting_for_s,
)

MIN = 60.0
STEP_S = 10.0
DEFAULTS = Sitting()  # 50 min limit, 5 min break, repeat every 15 min

Segment = tuple[float, bool | None]  # (how long, what the camera says), sampled every STEP_S


def simulate(
    segments: Sequence[Segment], settings: Sitting = DEFAULTS, step_s: float = STEP_S
) -> tuple[list[SittingEvent], SittingState, float]:
    """Run the machine over the segments; return its events, final state and the next time."""
    state, now_s = SittingState(), 0.0
    seen: list[SittingEvent] = []
    for duration_s, present in segments:
        end_s = now_s + duration_s
        while now_s < end_s:
            state, events = advance(state, now_s, present, settings)
            seen.extend(events)
            now_s += step_s
    return seen, state, now_s


@pytest.mark.parametrize(
    ("segments", "expected"),
    [
        pytest.param([(10 * MIN, True)], [SittingStarted(0.0)], id="sitting-down"),
        pytest.param([(10 * MIN, False)], [], id="nobody-ever-there"),
        pytest.param([(10 * MIN, None)], [], id="camera-never-works"),
        pytest.param(
            [(10 * MIN, True), (200, False), (10 * MIN, True)],
            [SittingStarted(0.0)],
            id="short-absence-is-credited-back",
        ),
        pytest.param(
            [(10 * MIN, True), (5 * MIN - STEP_S, False), (MIN, True)],
            [SittingStarted(0.0)],
            id="absence-just-under-the-break",
        ),
        pytest.param(
            [(10 * MIN, True), (5 * MIN, False), (MIN, True)],
            [
                SittingStarted(0.0),
                SittingEnded(0.0, 600.0),
                BreakTaken(600.0, 900.0),
                SittingStarted(900.0),
            ],
            id="absence-of-exactly-the-break",
        ),
        pytest.param(
            [(10 * MIN, True), (20 * MIN, False)],
            [SittingStarted(0.0), SittingEnded(0.0, 600.0)],
            id="session-ends-when-the-absence-began",
        ),
        pytest.param(
            [(10 * MIN, True), (20 * MIN, False), (MIN, True)],
            [
                SittingStarted(0.0),
                SittingEnded(0.0, 600.0),
                BreakTaken(600.0, 1800.0),
                SittingStarted(1800.0),
            ],
            id="long-absence-is-a-break",
        ),
        pytest.param(
            [(10 * MIN, True), (3 * MIN, False), (10 * MIN, None), (3 * MIN, False), (MIN, True)],
            [SittingStarted(0.0)],
            id="unknown-time-does-not-complete-an-absence",
        ),
        pytest.param(
            [(10 * MIN, True), (6 * MIN, False), (30 * MIN, None), (MIN, True)],
            [
                SittingStarted(0.0),
                SittingEnded(0.0, 600.0),
                BreakTaken(600.0, 2760.0),
                SittingStarted(2760.0),
            ],
            id="an-earned-break-survives-unknown-time",
        ),
        pytest.param(
            [(60 * MIN, None), (MIN, True)],
            [SittingStarted(3600.0)],
            id="session-starts-when-first-seen",
        ),
    ],
)
def test_presence_script(segments: list[Segment], expected: list[SittingEvent]) -> None:
    events, _, _ = simulate(segments)
    assert events == expected


@pytest.mark.parametrize(
    ("settings", "minutes", "alert_at_min"),
    [
        (DEFAULTS, 49, []),
        (DEFAULTS, 51, [50]),
        (DEFAULTS, 80, [50, 65]),  # samples run to 79:50, just short of the third
        (DEFAULTS, 80 + 1 / 6, [50, 65, 80]),
        (DEFAULTS, 96, [50, 65, 80, 95]),
        (Sitting(sit_limit_min=30, sit_repeat_min=10), 61, [30, 40, 50, 60]),
        (Sitting(sit_limit_min=45, sit_repeat_min=45), 140, [45, 90, 135]),
    ],
)
def test_alert_after_the_limit_then_repeats(
    settings: Sitting, minutes: float, alert_at_min: list[float]
) -> None:
    events, _, _ = simulate([(minutes * MIN, True)], settings)
    alerts = [e for e in events if isinstance(e, SittingAlertDue)]
    assert [a.sat_for_s / MIN for a in alerts] == alert_at_min
    assert [a.count for a in alerts] == list(range(1, len(alerts) + 1))


def test_alert_waits_for_the_user_to_come_back() -> None:
    events, _, _ = simulate([(49 * MIN, True), (3 * MIN, False), (MIN, True)])
    alerts = [e for e in events if isinstance(e, SittingAlertDue)]
    assert alerts == [SittingAlertDue(52 * MIN, 1)]  # the short absence counted as session time


@pytest.mark.parametrize(
    ("segments", "sat_min"),
    [
        ([(20 * MIN, True)], 20),
        ([(20 * MIN, True), (3 * MIN, False)], 23),
        ([(20 * MIN, True), (30 * MIN, None)], 20),
        ([(20 * MIN, True), (30 * MIN, None), (10 * MIN, True)], 30),
        ([(20 * MIN, True), (10 * MIN, False)], 0),
        ([(20 * MIN, True), (10 * MIN, False), (5 * MIN, True)], 5),
    ],
)
def test_sitting_for(segments: list[Segment], sat_min: float) -> None:
    _, state, now_s = simulate(segments)
    assert sitting_for_s(state, now_s) == pytest.approx(sat_min * MIN)


def test_camera_gap_neither_extends_sitting_nor_breaks_it() -> None:
    events, state, now_s = simulate([(40 * MIN, True), (60 * MIN, None), (11 * MIN, True)])
    assert [type(e) for e in events] == [SittingStarted, SittingAlertDue]
    alert = events[1]
    assert isinstance(alert, SittingAlertDue) and alert.sat_for_s == 50 * MIN
    assert sitting_for_s(state, now_s) == pytest.approx(51 * MIN)


@pytest.mark.parametrize(
    ("gap_s", "expected"),
    [
        (100.0, [SittingStarted(0.0)]),
        (200.0, [SittingStarted(0.0)]),  # the machine slept briefly: a short absence
        (
            3600.0,
            [
                SittingStarted(0.0),
                SittingEnded(0.0, 590.0),
                BreakTaken(590.0, 4190.0),
                SittingStarted(4190.0),
            ],
        ),
    ],
)
def test_a_gap_between_calls_is_an_absence(gap_s: float, expected: list[SittingEvent]) -> None:
    events, state, now_s = simulate([(10 * MIN, True)])
    state, more = advance(state, now_s - STEP_S + gap_s, True, DEFAULTS)
    assert events + list(more) == expected


def test_time_going_backwards_adds_nothing() -> None:
    _, state, now_s = simulate([(10 * MIN, True)])
    before = sitting_for_s(state, now_s - STEP_S)
    state, events = advance(state, now_s - 100 * STEP_S, True, DEFAULTS)
    assert events == ()
    assert state.sat_s == pytest.approx(before)


def test_a_working_day() -> None:
    """Eight simulated hours with real habits: long stretches, coffee runs, lunch, a dead camera."""
    day: list[Segment] = [
        (55 * MIN, True),  # alert at 50
        (2 * MIN, False),  # coffee: credited back
        (20 * MIN, True),  # 77 min in: the repeat at 65
        (10 * MIN, False),  # a real break
        (45 * MIN, True),
        (60 * MIN, False),  # lunch
        (30 * MIN, True),
        (45 * MIN, None),  # camera off: no time added
        (30 * MIN, True),  # 60 min in: alert at 50
        (4 * MIN, False),
        (3 * MIN, True),  # 67 min in: the repeat at 65
        (7 * MIN, None),
        (4 * MIN, False),  # 4 + 4 around unknown time: still the same session
        (MIN, True),
        (100 * MIN, False),  # home time
    ]
    events, state, _ = simulate(day)
    breaks = [e for e in events if isinstance(e, BreakTaken)]
    alerts = [e for e in events if isinstance(e, SittingAlertDue)]
    ended = [e for e in events if isinstance(e, SittingEnded)]
    assert [(b.end_s - b.start_s) / MIN for b in breaks] == [10, 60]
    assert [round(a.sat_for_s / MIN) for a in alerts] == [50, 65, 50, 65]
    assert [a.count for a in alerts] == [1, 2, 1, 2]
    assert len(ended) == 3
    assert state.session_start_s is None and state.on_break
