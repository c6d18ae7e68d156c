"""The charts drawn along the day's clock: presence and posture, sitting and breaks. Pure.

Both show only the hours worth drawing (`view_hours`), as bands across one time axis with the
hours ticked below.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from posture.core.durations import format_duration
from posture.report.day import DayReport, HourFigures
from posture.report.svg_primitives import (
    COLOURS,
    GUTTER,
    PLOT,
    label_every,
    line,
    rect,
    svg,
    text,
)
from posture.report.timeline import Span

HOUR_S = 3600.0

PRESENCE_WORDS = {
    "present": "at the desk",
    "away": "away",
    "unavailable": "camera unavailable",
    "paused": "paused",
    "setup_changed": "setup changed, not judged",
    "unknown": "not yet seen",
}


def _clock(t_s: float, zone: tzinfo) -> str:
    return datetime.fromtimestamp(t_s, zone).strftime("%H:%M")


def view_hours(report: DayReport) -> tuple[HourFigures, ...]:
    """The hours worth drawing: from an hour before anything was recorded to an hour after.

    A day spent at the desk from nine to five is drawn from eight to six, not squeezed into a
    24-hour axis; a day without records shows all of its hours.
    """
    spans = [(seg.start_s, seg.end_s) for seg in report.timeline]
    spans += [(s.start_s, s.end_s) for s in (*report.sittings, *report.breaks)]
    spans += [(h.start_s, h.end_s) for h in report.hours if h.monitored_s > 0]
    if not spans:
        return report.hours
    lo_s = min(lo for lo, _ in spans) - HOUR_S
    hi_s = max(hi for _, hi in spans) + HOUR_S
    return tuple(h for h in report.hours if h.end_s > lo_s and h.start_s < hi_s)


class _Axis:
    """Maps moments within the viewed hours onto the plot's x range."""

    def __init__(self, hours: Sequence[HourFigures]) -> None:
        self.hours = hours
        self.start_s, self.end_s = hours[0].start_s, hours[-1].end_s

    def x(self, t_s: float) -> float:
        share = (t_s - self.start_s) / (self.end_s - self.start_s)
        return GUTTER + PLOT * min(1.0, max(0.0, share))

    def width(self, start_s: float, end_s: float) -> float:
        return max(0.8, self.x(end_s) - self.x(start_s))  # a short stretch stays visible


def _hour_ticks(axis: _Axis, top: float, bottom: float) -> list[str]:
    out = []
    every = label_every(len(axis.hours))
    for i, hour in enumerate(axis.hours):
        x = axis.x(hour.start_s)
        out.append(line(x, top, x, bottom))
        if i % every == 0:
            out.append(text(x, bottom + 14, hour.label.split(" ")[0], "middle", size=11))
    return out


def _band(y: float, label: str, height: float = 26) -> list[str]:
    return [
        text(GUTTER - 10, y + height / 2 + 4, label, "end"),
        rect(GUTTER, y, PLOT, height, COLOURS["band"], mark=False, rounded=False),
    ]


def timeline_chart(report: DayReport) -> str:
    """Two bands across the day: presence at the desk, and posture while there."""
    axis, zone = _Axis(view_hours(report)), report.zone
    body = [*_band(8, "At the desk"), *_band(42, "Posture")]
    runs: list[tuple[float, float, str]] = []  # presence, joined across posture changes
    for seg in report.timeline:
        if runs and runs[-1][2] == seg.presence and abs(runs[-1][1] - seg.start_s) < 1e-9:
            runs[-1] = (runs[-1][0], seg.end_s, seg.presence)
        else:
            runs.append((seg.start_s, seg.end_s, seg.presence))
    for start_s, end_s, presence in runs:
        tip = f"{_clock(start_s, zone)}-{_clock(end_s, zone)}: {PRESENCE_WORDS[presence]}"
        body.append(
            rect(
                axis.x(start_s),
                8,
                axis.width(start_s, end_s),
                26,
                COLOURS[presence],
                tip,
                rounded=False,
            )
        )
    for seg in report.timeline:
        if seg.posture not in ("good", "issues", "unknown"):
            continue
        words = {
            "good": "good posture",
            "unknown": "not yet judged",
            "issues": ", ".join(i.replace("_", " ") for i in seg.issues) or "issues",
        }
        tip = f"{_clock(seg.start_s, zone)}-{_clock(seg.end_s, zone)}: {words[seg.posture]}"
        body.append(
            rect(
                axis.x(seg.start_s),
                42,
                axis.width(seg.start_s, seg.end_s),
                26,
                COLOURS[seg.posture],
                tip,
                rounded=False,
            )
        )
    body += _hour_ticks(axis, 72, 78)
    return svg("timeline", 100, "Timeline of presence and posture", body)


def sitting_chart(report: DayReport) -> str:
    """Sitting sessions and breaks across the day."""
    axis, zone = _Axis(view_hours(report)), report.zone
    body = [*_band(8, "Sitting"), *_band(42, "Breaks")]

    def spans(items: Sequence[Span], y: float, colour: str, what: str) -> None:
        for span in items:
            tip = (
                f"{what} {_clock(span.start_s, zone)}-{_clock(span.end_s, zone)}, "
                f"{format_duration(span.seconds)}"
            )
            body.append(
                rect(axis.x(span.start_s), y, axis.width(span.start_s, span.end_s), 26, colour, tip)
            )

    spans(report.sittings, 8, COLOURS["sitting"], "Sitting")
    spans(report.breaks, 42, COLOURS["break"], "Break")
    body += _hour_ticks(axis, 72, 78)
    return svg("sitting", 100, "Sitting sessions and breaks", body)
