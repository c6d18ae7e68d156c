"""The day as a timeline of posture and presence, and its longest stretch of good posture. Pure.

Two sources are combined. State changes say *what* held: the monitor writes one whenever the
posture ('good', a comma-joined list of issues, or 'away'), presence ('present'/'away'), camera
('unavailable'/'available') or the monitor itself ('started'/'stopped') changes, so each value
holds until the next change of its kind. Stored intervals say *when* anything was watched: they
tile every run without gaps, so time they do not cover was not monitored (the monitor was off or
had crashed) and shows as a gap, however long ago the last state change was. An interval mostly
spent paused shows as 'paused' (its state inside is not known finer than the interval).

After 'stopped' or 'started' every earlier value is forgotten, because a new run starts afresh.
After the monitor's 'drift' (the desk setup changed) the time shows as 'setup_changed', not
judged, until 'drift cleared' or the run ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from posture.core.records import IntervalRecord, StateChange

Presence = Literal["present", "away", "unavailable", "paused", "setup_changed", "unknown"]
Posture = Literal["good", "issues", "unknown", "none"]

# The monitor's own changes that mark a drifted desk setup and its end (posture.monitor.step).
DRIFT_VALUES = ("drift", "drift cleared")

# Intervals closer than this are one continuous run (they normally touch exactly).
JOIN_S = 1.0


@dataclass(frozen=True)
class Span:
    """[start_s, end_s) in epoch seconds."""

    start_s: float
    end_s: float

    @property
    def seconds(self) -> float:
        """Its length."""
        return max(0.0, self.end_s - self.start_s)


@dataclass(frozen=True)
class Segment:
    """A stretch of the day in one state.

    `presence` is what the camera saw; `posture` is 'good', 'issues' (then `issues` names
    them), 'unknown' (present but not yet judged) or 'none' (nobody there to judge).
    """

    start_s: float
    end_s: float
    presence: Presence
    posture: Posture
    issues: tuple[str, ...] = ()

    @property
    def good(self) -> bool:
        """Present and in good posture."""
        return self.presence == "present" and self.posture == "good"


_Status = tuple[Presence, Posture, tuple[str, ...]]


def _status(state: dict[str, str]) -> _Status:
    if state.get("camera") == "unavailable":
        return "unavailable", "none", ()
    posture, presence = state.get("posture"), state.get("presence")
    if presence == "away" or posture == "away":
        return "away", "none", ()
    if state.get("setup") == "changed":
        return "setup_changed", "none", ()
    if posture is None:
        return ("unknown" if presence is None else "present"), "unknown", ()
    if posture == "good":
        return "present", "good", ()
    return "present", "issues", tuple(sorted(name for name in posture.split(",") if name))


def _apply(state: dict[str, str], change: StateChange) -> None:
    if change.kind == "monitor" and change.value in DRIFT_VALUES:
        # The setup changed (or was set right again): posture is not judged meanwhile.
        state.clear()
        if change.value == "drift":
            state["setup"] = "changed"
    elif change.kind == "monitor":
        state.clear()  # a new or ended run: nothing before it still holds
    else:
        state[change.kind] = change.value


def _steps(changes: Sequence[StateChange], start_s: float) -> list[tuple[float, _Status]]:
    """(from_s, status) breakpoints: the status at `start_s`, then one per later change."""
    state: dict[str, str] = {}
    ordered = sorted(changes, key=lambda c: (c.t_s, c.id))
    steps: list[tuple[float, _Status]] = []
    for change in ordered:
        if change.t_s > start_s and not steps:
            steps.append((start_s, _status(state)))
        _apply(state, change)
        if change.t_s > start_s:
            steps.append((change.t_s, _status(state)))
    if not steps:
        steps.append((start_s, _status(state)))
    return steps


def coverage(
    intervals: Iterable[IntervalRecord], start_s: float, end_s: float
) -> list[tuple[Span, bool]]:
    """The watched spans within [start_s, end_s), merged, each with whether it was paused."""
    spans: list[tuple[Span, bool]] = []
    for iv in sorted(intervals, key=lambda i: (i.start_s, i.id)):
        lo, hi = max(iv.start_s, start_s), min(iv.end_s, end_s)
        if hi <= lo:
            continue
        paused = iv.paused_s > 0.5 * (iv.end_s - iv.start_s)
        if spans and spans[-1][1] == paused and lo - spans[-1][0].end_s <= JOIN_S:
            last = spans[-1][0]
            spans[-1] = (Span(last.start_s, max(last.end_s, hi)), paused)
        else:
            spans.append((Span(lo, hi), paused))
    return spans


def timeline(
    changes: Sequence[StateChange],
    intervals: Iterable[IntervalRecord],
    start_s: float,
    end_s: float,
) -> tuple[Segment, ...]:
    """The segments of [start_s, end_s) that were watched, oldest first.

    `changes` should include those before `start_s`, so the state at the start is known.
    """
    steps = _steps(changes, start_s)
    segments: list[Segment] = []
    for span, paused in coverage(intervals, start_s, end_s):
        if paused:
            _add(segments, Segment(span.start_s, span.end_s, "paused", "none"))
            continue
        for i, (from_s, (presence, posture, issues)) in enumerate(steps):
            until_s = steps[i + 1][0] if i + 1 < len(steps) else end_s
            lo, hi = max(from_s, span.start_s), min(until_s, span.end_s)
            if hi > lo:
                _add(segments, Segment(lo, hi, presence, posture, issues))
    return tuple(segments)


def _add(segments: list[Segment], new: Segment) -> None:
    """Append, joining with the previous segment when it touches and is in the same state."""
    if segments:
        last = segments[-1]
        same = (last.presence, last.posture, last.issues) == (new.presence, new.posture, new.issues)
        if same and abs(last.end_s - new.start_s) <= 1e-9:
            segments[-1] = Segment(
                last.start_s, new.end_s, last.presence, last.posture, last.issues
            )
            return
    segments.append(new)


def longest_good(segments: Sequence[Segment]) -> Span | None:
    """The longest unbroken stretch of good segments (touching ones join); None if none."""
    best: Span | None = None
    run: Span | None = None
    for seg in segments:
        if not seg.good:
            run = None
            continue
        if run is not None and seg.start_s - run.end_s <= 1e-9:
            run = Span(run.start_s, seg.end_s)
        else:
            run = Span(seg.start_s, seg.end_s)
        if best is None or run.seconds > best.seconds:
            best = run
    return best


def longest_good_from_intervals(
    intervals: Iterable[IntervalRecord], start_s: float, end_s: float
) -> Span | None:
    """The fallback when no posture was ever recorded: the longest run of touching intervals
    that were wholly watched and good, clipped to [start_s, end_s)."""
    best: Span | None = None
    run: Span | None = None
    for iv in sorted(intervals, key=lambda i: (i.start_s, i.id)):
        lo, hi = max(iv.start_s, start_s), min(iv.end_s, end_s)
        whole = iv.end_s - iv.start_s
        if hi <= lo or whole <= 0 or iv.good_s < whole - JOIN_S:
            run = None
            continue
        if run is not None and lo - run.end_s <= JOIN_S:
            run = Span(run.start_s, hi)
        else:
            run = Span(lo, hi)
        if best is None or run.seconds > best.seconds:
            best = run
    return best
