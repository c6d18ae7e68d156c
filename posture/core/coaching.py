"""The coaching decision: whether to notify now, about what, and with which exercise. Pure.

The caller passes the local time as an aware `datetime`, the posture issues already confirmed
elsewhere (name -> severity), how long each has lasted, this step's sitting events, and whether a
listed application is running. Rules, in the order they apply:

1. A new local day resets the day's count and every issue's escalation.
2. A break (`BreakTaken`) also resets escalation: the user moved, so the next reminder starts
   gentle again.
3. Nothing is shown while paused (a call or presentation), snoozed, or in quiet hours. What
   was due is dropped, not queued: a sitting alert comes again at its next repeat, and issues
   still present are raised once the silence ends.
4. A sitting alert goes first. It has its own rhythm (the sitting machine's repeats), so it
   ignores the cooldown, the spacing and the daily cap, which are for posture notifications.
5. A posture notification needs the daily cap not reached, `min_spacing_s` since the last
   notification of any kind (two issues that appear together do not cause two pop-ups a second
   apart), and the issue's own cooldown passed. The most severe issue goes first, then the one
   that has lasted longest.
6. After `escalate_after` reminders about the same issue (since midnight or the last break), the
   wording gets firmer and suggests a short pause. The firm reminders alternate between the
   issue's "persistent:" fix (the monitor-height fix for a head that keeps dropping, pelvic
   tilts or cat-cow for a slouch that keeps returning; a "break" exercise when the library has
   none) and a "break" exercise, so a one-item fix does not repeat word for word.

Exercises that serve the same purpose take turns; the one just shown is skipped when another
can take its place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from posture.config.schema import Coaching
from posture.core.exercises import BREAK, PERSISTENT, SITTING, Exercise, ExerciseLibrary
from posture.core.messages import posture_words, sitting_words
from posture.core.quiet_hours import in_quiet_hours
from posture.core.sitting import BreakTaken, SittingAlertDue, SittingEvent
from posture.core.vocabulary import BY_NAME, ISSUE_NAMES, Severity

DEFAULT_MIN_SPACING_S = 60.0


@dataclass(frozen=True)
class Notification:
    """One desktop notification, plain text."""

    title: str
    message: str
    kind: str  # an issue name, or "sitting"
    severity: Severity
    exercise_name: str


@dataclass(frozen=True)
class CoachState:
    """What the coach remembers between steps; start from `CoachState()`.

    Times are POSIX seconds, so daylight-saving changes do not stretch a cooldown.
    """

    day: date | None = None  # the local date `sent_today` and `reminders` belong to
    sent_today: int = 0  # posture notifications on `day`
    last_alert_s: Mapping[str, float] = field(default_factory=dict)  # per issue, and "sitting"
    last_any_s: float | None = None
    reminders: Mapping[str, int] = field(default_factory=dict)  # escalation level per issue
    turns: Mapping[str, int] = field(default_factory=dict)  # rotation position per purpose
    last_exercise: str = ""
    snoozed_until_s: float | None = None


def snooze(state: CoachState, until: datetime) -> CoachState:
    """The state with notifications held back until `until` (see `silence.parse_snooze`)."""
    _require_aware(until)
    return replace(state, snoozed_until_s=until.timestamp())


def resume(state: CoachState) -> CoachState:
    """The state with any snooze lifted."""
    return replace(state, snoozed_until_s=None)


def silence_reason(state: CoachState, now: datetime, settings: Coaching, paused: bool) -> str:
    """Why nothing may be shown at `now`: "paused", "snoozed", "quiet hours", or "" for nothing."""
    _require_aware(now)
    if paused:
        return "paused"
    if state.snoozed_until_s is not None and now.timestamp() < state.snoozed_until_s:
        return "snoozed"
    if in_quiet_hours(now, settings.quiet_hours_start, settings.quiet_hours_end):
        return "quiet hours"
    return ""


def decide(
    state: CoachState,
    now: datetime,
    issues: Mapping[str, Severity],
    persisted_s: Mapping[str, float],
    sitting_events: Sequence[SittingEvent],
    *,
    settings: Coaching,
    library: ExerciseLibrary,
    paused: bool,
    min_spacing_s: float = DEFAULT_MIN_SPACING_S,
) -> tuple[CoachState, Notification | None]:
    """The new state and the notification to show now, if any (rules in the module docstring)."""
    _require_aware(now)
    unknown = sorted(set(issues) - set(BY_NAME))
    if unknown:
        raise ValueError(f"unknown posture issue '{unknown[0]}'")
    now_s = now.timestamp()
    state = _roll_day(state, now.date())
    if any(isinstance(event, BreakTaken) for event in sitting_events):
        state = replace(state, reminders={})
    if state.snoozed_until_s is not None and now_s >= state.snoozed_until_s:
        state = resume(state)
    if silence_reason(state, now, settings, paused):
        return state, None

    alerts = [event for event in sitting_events if isinstance(event, SittingAlertDue)]
    if alerts:
        return _sitting_notification(state, now_s, alerts[-1], library)

    if state.sent_today >= settings.daily_cap:
        return state, None
    if state.last_any_s is not None and now_s - state.last_any_s < min_spacing_s:
        return state, None
    cooldown_s = settings.cooldown_min * 60.0
    due = [
        name
        for name in issues
        if name not in state.last_alert_s or now_s - state.last_alert_s[name] >= cooldown_s
    ]
    if not due:
        return state, None
    issue = min(
        due,
        key=lambda name: (-issues[name], -persisted_s.get(name, 0.0), ISSUE_NAMES.index(name)),
    )
    return _posture_notification(state, now_s, issue, issues[issue], settings, library)


def _roll_day(state: CoachState, today: date) -> CoachState:
    if state.day == today:
        return state
    return replace(state, day=today, sent_today=0, reminders={})


def _sitting_notification(
    state: CoachState, now_s: float, alert: SittingAlertDue, library: ExerciseLibrary
) -> tuple[CoachState, Notification]:
    state, exercise = _take_turn(state, library, (SITTING,))
    title, message = sitting_words(alert.sat_for_s, alert.count, exercise)
    severity = Severity.MILD if alert.count <= 1 else Severity.MODERATE
    state = replace(state, last_alert_s={**state.last_alert_s, SITTING: now_s}, last_any_s=now_s)
    return state, Notification(title, message, SITTING, severity, exercise.name)


def _posture_notification(
    state: CoachState,
    now_s: float,
    issue: str,
    severity: Severity,
    settings: Coaching,
    library: ExerciseLibrary,
) -> tuple[CoachState, Notification]:
    given = state.reminders.get(issue, 0)
    firm = given >= settings.escalate_after
    if not firm:
        purposes: tuple[str, ...] = (issue,)
    elif (given - settings.escalate_after) % 2 == 0:
        purposes = (PERSISTENT + issue, BREAK)
    else:
        purposes = (BREAK,)
    state, exercise = _take_turn(state, library, purposes)
    title, message = posture_words(issue, exercise, firm)
    state = replace(
        state,
        sent_today=state.sent_today + 1,
        last_alert_s={**state.last_alert_s, issue: now_s},
        last_any_s=now_s,
        reminders={**state.reminders, issue: given + 1},
    )
    return state, Notification(title, message, issue, severity, exercise.name)


def _take_turn(
    state: CoachState, library: ExerciseLibrary, purposes: Sequence[str]
) -> tuple[CoachState, Exercise]:
    """The next exercise for the first purpose the library serves, skipping the one just shown."""
    for purpose in purposes:
        pool = library.serving(purpose)
        if pool:
            break
    else:
        raise ValueError(f"the exercise library serves none of {', '.join(purposes)}")
    turn = state.turns.get(purpose, 0)
    if pool[turn % len(pool)].name == state.last_exercise and len(pool) > 1:
        turn += 1
    exercise = pool[turn % len(pool)]
    turns = {**state.turns, purpose: (turn + 1) % len(pool)}
    return replace(state, turns=turns, last_exercise=exercise.name), exercise


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the local time must carry its time zone")
