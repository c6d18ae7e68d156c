"""How long the user has sat without a real break: a pure state machine over `(now_s, present)`.

Each call to `advance` reports one observation: `True` (a person is in frame), `False` (the seat
is empty) or `None` (the camera is unavailable, which says nothing either way). The time since
the previous observation is judged by that previous observation.

- A session starts when someone is seen and no session is running.
- An absence shorter than `break_min` is credited back: the session goes on and the away time
  still counts as session time, since a quick trip to the printer is no rest.
- An absence that lasts `break_min` ends the session at the moment the absence began
  (`SittingEnded`); when the user is seen again the break is reported (`BreakTaken`) and a new
  session starts.
- Unknown time (`None`) neither adds to the session nor counts toward an absence: an absence
  interrupted by unknown time starts over. A break already earned stays earned.
- A gap between calls longer than `max_gap_s` means the assistant was not watching at all (the
  machine slept, the program was restarted); the user is taken to have left at the last
  observation, because nobody works at a sleeping computer.
- A restart does not reset the timer: `resumed` continues a stored session that ended less
  than `break_min` ago, the gap taken as a short absence (credited when the user is seen
  again, ending the session at the stop when it grows into a break).
- The first `SittingAlertDue` comes after `sit_limit_min` of session time, then every
  `sit_repeat_min`, and only while the user is in frame: nobody is told off in an empty chair.

Times are seconds on one monotonic clock chosen by the caller.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from posture.config.schema import Sitting

# The loop observes every few seconds; two minutes without a call means it was not running.
DEFAULT_MAX_GAP_S = 120.0


@dataclass(frozen=True)
class SittingStarted:
    """The user sat down (was seen) with no session running."""

    at_s: float


@dataclass(frozen=True)
class SittingEnded:
    """A session ended at `end_s`, the moment an absence began that grew into a break."""

    start_s: float
    end_s: float


@dataclass(frozen=True)
class BreakTaken:
    """The user was away from `start_s` until seen again at `end_s`, long enough to count."""

    start_s: float
    end_s: float


@dataclass(frozen=True)
class SittingAlertDue:
    """Time to suggest moving after `sat_for_s` of session time.

    `count` numbers the alert's slot in the session: 1 at the limit, 2 one repeat later, and so on.
    """

    sat_for_s: float
    count: int


SittingEvent = SittingStarted | SittingEnded | BreakTaken | SittingAlertDue


@dataclass(frozen=True)
class SittingState:
    """Everything the machine remembers; start from `SittingState()`."""

    last_s: float | None = None  # time of the previous observation
    last_present: bool | None = None  # the previous observation
    session_start_s: float | None = None  # None: no session running
    sat_s: float = 0.0  # session time up to `last_s`, unknown time left out
    away_since_s: float | None = None  # start of the current known absence
    on_break: bool = False  # the absence has lasted `break_min`; the session is over
    alerts: int = 0  # sitting alerts given in this session


def advance(
    state: SittingState,
    now_s: float,
    present: bool | None,
    settings: Sitting,
    *,
    max_gap_s: float = DEFAULT_MAX_GAP_S,
) -> tuple[SittingState, tuple[SittingEvent, ...]]:
    """The state after observing `present` at `now_s`, and the events that observation caused.

    A timestamp earlier than the previous one is treated as no time passing.
    """
    events: list[SittingEvent] = []
    state = _account(state, now_s, max_gap_s)
    state = _end_session_if_break(state, now_s, settings, events)
    if present is True:
        state = _seen(state, now_s, settings, events)
    elif present is False:
        if state.away_since_s is None and (state.session_start_s is not None or state.on_break):
            state = replace(state, away_since_s=now_s)
    elif not state.on_break:
        state = replace(state, away_since_s=None)  # an absence cannot be completed blind
    return replace(state, last_s=now_s, last_present=present), tuple(events)


def resumed(start_s: float, end_s: float, now_s: float, settings: Sitting) -> SittingState:
    """The state that continues the session [start_s, end_s) at `now_s`, or a fresh state when
    it ended a break or more ago (or is not over by `now_s`).

    The time from `end_s` is an absence that began at `end_s`; alerts already due in the
    session count as given, so a restart repeats none of them.
    """
    if not start_s <= end_s <= now_s or now_s - end_s >= settings.break_min * 60.0:
        return SittingState()
    sat_s = end_s - start_s
    limit_s = settings.sit_limit_min * 60.0
    alerts = math.floor((sat_s - limit_s) / (settings.sit_repeat_min * 60.0)) + 1
    return SittingState(
        last_s=end_s,
        last_present=False,
        session_start_s=start_s,
        sat_s=sat_s,
        away_since_s=end_s,
        alerts=max(0, alerts) if sat_s >= limit_s else 0,
    )


def sitting_for_s(state: SittingState, now_s: float) -> float:
    """Session time at `now_s`, taking the last observation to hold until then; 0 outside one."""
    if state.session_start_s is None:
        return 0.0
    if state.last_s is None or state.last_present is None:
        return state.sat_s
    return state.sat_s + max(0.0, now_s - state.last_s)


def _account(state: SittingState, now_s: float, max_gap_s: float) -> SittingState:
    """Credit the time since the last observation to the session, as that observation says."""
    if state.last_s is None:
        return state
    elapsed_s = max(0.0, now_s - state.last_s)
    held = state.last_present
    if elapsed_s > max_gap_s:
        held = False
        if state.away_since_s is None and (state.session_start_s is not None or state.on_break):
            state = replace(state, away_since_s=state.last_s)
    if state.session_start_s is not None and held is not None:
        state = replace(state, sat_s=state.sat_s + elapsed_s)
    return state


def _end_session_if_break(
    state: SittingState, now_s: float, settings: Sitting, events: list[SittingEvent]
) -> SittingState:
    if state.session_start_s is None or state.away_since_s is None:
        return state
    if now_s - state.away_since_s < settings.break_min * 60.0:
        return state
    events.append(SittingEnded(state.session_start_s, state.away_since_s))
    return replace(state, session_start_s=None, sat_s=0.0, alerts=0, on_break=True)


def _seen(
    state: SittingState, now_s: float, settings: Sitting, events: list[SittingEvent]
) -> SittingState:
    if state.on_break and state.away_since_s is not None:
        events.append(BreakTaken(state.away_since_s, now_s))
    state = replace(state, away_since_s=None, on_break=False)
    if state.session_start_s is None:
        events.append(SittingStarted(now_s))
        state = replace(state, session_start_s=now_s, sat_s=0.0, alerts=0)
    limit_s = settings.sit_limit_min * 60.0
    repeat_s = settings.sit_repeat_min * 60.0
    if state.sat_s >= limit_s + state.alerts * repeat_s:
        # After a long unseen stretch several repeats may be due at once: one alert, not a burst.
        alerts = max(math.floor((state.sat_s - limit_s) / repeat_s) + 1, state.alerts + 1)
        events.append(SittingAlertDue(state.sat_s, alerts))
        state = replace(state, alerts=alerts)
    return state
