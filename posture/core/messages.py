"""The words of a notification: a short, kind title and a body that names what was seen and
gives one exercise.

Plain text only. A title stays within `TITLE_MAX_CHARS` and a body within `BODY_MAX_CHARS`:
the body takes as many of the exercise's steps as fit, and always the first.
"""

from __future__ import annotations

from posture.core.durations import format_duration
from posture.core.exercises import Exercise
from posture.core.vocabulary import BY_NAME

TITLE_MAX_CHARS = 40
BODY_MAX_CHARS = 200


def posture_words(issue: str, exercise: Exercise, firm: bool) -> tuple[str, str]:
    """Title and body for a posture issue; `firm` once the issue keeps coming back."""
    seen = BY_NAME[issue].seen
    if firm:
        return _fit(f"Reset time: {exercise.title}", TITLE_MAX_CHARS), _body(
            f"Still noticing {seen}. A short pause will help:", exercise
        )
    return _fit(f"Posture tip: {exercise.title}", TITLE_MAX_CHARS), _body(
        f"I noticed {seen}.", exercise
    )


def sitting_words(sat_for_s: float, count: int, exercise: Exercise) -> tuple[str, str]:
    """Title and body for a sitting alert; `count` above 1 means the user kept sitting."""
    sat = format_duration(sat_for_s, "minutes")
    if count > 1:
        return _fit(f"Still sitting: {exercise.title}", TITLE_MAX_CHARS), _body(
            f"Still sitting after {sat}. Please stand up:", exercise
        )
    return _fit(f"Time to move: {exercise.title}", TITLE_MAX_CHARS), _body(
        f"You've sat for {sat}. A little movement helps:",
        exercise,
    )


def _body(lead: str, exercise: Exercise) -> str:
    body = f"{lead} {exercise.steps[0]}"
    for step in exercise.steps[1:]:
        longer = f"{body} {step}"
        if len(longer) > BODY_MAX_CHARS:
            break
        body = longer
    return _fit(body, BODY_MAX_CHARS)


def _fit(text: str, max_chars: int) -> str:
    # The library's limits make this a no-op; it guards the promise if the vocabulary grows.
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1].rsplit(" ", 1)[0]
    return cut + "\u2026"
