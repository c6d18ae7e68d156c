"""The report's charts as inline SVG text, drawn in Python: no library, no network. Pure.

Each chart is one `<svg data-chart="...">` that scales with the page (viewBox). Shapes that
stand for data carry `class="mark"` and a `<title>` tooltip. Every piece of text is escaped,
even our own, so stored text can never become markup.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date, datetime, tzinfo

from posture.core.durations import format_duration
from posture.report.build import DayReport, DayTotals, HourFigures
from posture.report.figures import whole_score
from posture.report.timeline import Span

HOUR_S = 3600.0
WIDTH = 960
GUTTER = 96  # room for band labels on the left
PLOT = WIDTH - GUTTER - 16

COLOURS = {
    "present": "#5b8def",
    "away": "#f2c14e",
    "unavailable": "#a1887f",
    "paused": "#b39ddb",
    "unknown": "#cfd5de",
    "good": "#43a673",
    "issues": "#e5604f",
    "sitting": "#7986cb",
    "break": "#43a673",
    "monitored": "#c5d6f7",
    "score": "#e5604f",
    "band": "#eef1f5",
    "grid": "#d9dee7",
    "ink": "#4a5568",
}
PRESENCE_WORDS = {
    "present": "at the desk",
    "away": "away",
    "unavailable": "camera unavailable",
    "paused": "paused",
    "unknown": "not yet seen",
}


def esc(text: object) -> str:
    """Text made safe for HTML and SVG, quotes included."""
    return html.escape(str(text), quote=True)


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _svg(chart: str, height: float, label: str, body: list[str]) -> str:
    return (
        f'<svg data-chart="{esc(chart)}" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'width="100%" role="img" aria-label="{esc(label)}" '
        f'font-family="system-ui, sans-serif" '
        f'font-size="12">' + "".join(body) + "</svg>"
    )


def _rect(
    x: float,
    y: float,
    w: float,
    h: float,
    fill: str,
    title: str = "",
    mark: bool = True,
    rounded: bool = True,
) -> str:
    cls = ' class="mark"' if mark else ""
    tip = f"<title>{esc(title)}</title>" if title else ""
    corner = ' rx="3"' if rounded else ""
    return (
        f'<rect{cls} x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
        f'fill="{fill}"{corner}>{tip}</rect>'
    )


def _text(
    x: float, y: float, text: str, anchor: str = "start", fill: str = "", size: int = 12
) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" '
        f'fill="{fill or COLOURS["ink"]}" font-size="{size}">{esc(text)}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
        f'stroke="{COLOURS["grid"]}" stroke-width="1"/>'
    )


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


def _label_every(count: int) -> int:
    return 1 if count <= 12 else 2 if count <= 18 else 3


def _hour_ticks(axis: _Axis, top: float, bottom: float) -> list[str]:
    out = []
    every = _label_every(len(axis.hours))
    for i, hour in enumerate(axis.hours):
        x = axis.x(hour.start_s)
        out.append(_line(x, top, x, bottom))
        if i % every == 0:
            out.append(_text(x, bottom + 14, hour.label.split(" ")[0], "middle", size=11))
    return out


def _band(y: float, label: str, height: float = 26) -> list[str]:
    return [
        _text(GUTTER - 10, y + height / 2 + 4, label, "end"),
        _rect(GUTTER, y, PLOT, height, COLOURS["band"], mark=False, rounded=False),
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
            _rect(
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
            _rect(
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
    return _svg("timeline", 100, "Timeline of presence and posture", body)


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
                _rect(
                    axis.x(span.start_s), y, axis.width(span.start_s, span.end_s), 26, colour, tip
                )
            )

    spans(report.sittings, 8, COLOURS["sitting"], "Sitting")
    spans(report.breaks, 42, COLOURS["break"], "Break")
    body += _hour_ticks(axis, 72, 78)
    return _svg("sitting", 100, "Sitting sessions and breaks", body)


def issues_chart(issue_s: Mapping[str, float]) -> str:
    """Minutes per issue, longest first; issues never seen are left out."""
    rows = sorted(((s, n) for n, s in issue_s.items() if s > 0), reverse=True)
    if not rows:
        return _svg(
            "issues",
            40,
            "Minutes per posture issue",
            [_text(GUTTER, 24, "No posture issues were noticed.")],
        )
    longest = rows[0][0]
    body = []
    for i, (seconds, name) in enumerate(rows):
        y = 8 + i * 32
        w = max(2.0, (PLOT - 90) * seconds / longest)
        label = name.replace("_", " ")
        body.append(_text(GUTTER + 20 - 10, y + 17, label, "end"))
        body.append(
            _rect(GUTTER + 20, y, w, 24, COLOURS["issues"], f"{label}: {format_duration(seconds)}")
        )
        body.append(_text(GUTTER + 26 + w, y + 17, format_duration(seconds)))
    return _svg("issues", 16 + 32 * len(rows), "Minutes per posture issue", body)


def hourly_chart(hours: Sequence[HourFigures]) -> str:
    """For each local hour, the minutes watched and, within them, the minutes in good posture."""
    top, plot_h = 10.0, 150.0
    base = top + plot_h
    slot = PLOT / max(1, len(hours))
    body = []
    for minutes in (0, 30, 60):
        y = base - plot_h * minutes / 60
        body.append(_line(GUTTER, y, GUTTER + PLOT, y))
        body.append(_text(GUTTER - 10, y + 4, f"{minutes} min", "end", size=11))
    for i, hour in enumerate(hours):
        x = GUTTER + i * slot + slot * 0.15
        w = slot * 0.7
        watched = min(60.0, hour.monitored_s / 60)
        good = min(watched, hour.good_s / 60)
        tip = (
            f"{hour.label}: watched {format_duration(hour.monitored_s)}, "
            f"good {format_duration(hour.good_s)}"
        )
        if watched > 0:
            body.append(
                _rect(
                    x,
                    base - plot_h * watched / 60,
                    w,
                    plot_h * watched / 60,
                    COLOURS["monitored"],
                    tip,
                )
            )
        if good > 0:
            body.append(
                _rect(x, base - plot_h * good / 60, w, plot_h * good / 60, COLOURS["good"], tip)
            )
        if i % _label_every(len(hours)) == 0:
            body.append(_text(x + w / 2, base + 16, hour.label.split(" ")[0], "middle", size=11))
    return _svg("hourly", base + 26, "Minutes watched and in good posture, hour by hour", body)


def trend_chart(days: Sequence[DayTotals], highlight: date | None = None) -> str:
    """Per day: the score (0-100) as dots on a line above, minutes watched as bars below."""
    score_top, score_h = 22.0, 70.0
    bar_top, bar_h = score_top + score_h + 34, 120.0
    base = bar_top + bar_h
    slot = PLOT / max(1, len(days))
    most = max([60.0, *(d.monitored_s / 60 for d in days)])
    body = [
        _text(GUTTER - 10, score_top + score_h / 2 + 4, "Score", "end"),
        _line(GUTTER, score_top, GUTTER + PLOT, score_top),
        _line(GUTTER, score_top + score_h, GUTTER + PLOT, score_top + score_h),
        _text(GUTTER - 10, bar_top + bar_h / 2 + 4, "Watched", "end"),
        _line(GUTTER, base, GUTTER + PLOT, base),
    ]
    points: list[tuple[float, float, int]] = []
    for i, day in enumerate(days):
        x = GUTTER + i * slot + slot * 0.2
        w = slot * 0.6
        centre = x + w / 2
        if day.monitored_s > 0:
            h = max(2.0, bar_h * day.monitored_s / 60 / most)
            fill = COLOURS["present"] if day.day == highlight else COLOURS["monitored"]
            body.append(
                _rect(
                    x,
                    base - h,
                    w,
                    h,
                    fill,
                    f"{day.day.isoformat()}: watched {format_duration(day.monitored_s)}",
                )
            )
            body.append(
                _text(centre, base - h - 5, format_duration(day.monitored_s), "middle", size=11)
            )
        else:
            body.append(_text(centre, base - 6, "no data", "middle", size=11))
        weight = ' font-weight="700"' if day.day == highlight else ""
        body.append(
            _text(centre, base + 18, f"{day.day:%a %d}", "middle", size=12).replace(
                "<text ", f"<text{weight} ", 1
            )
        )
        score = whole_score(day.score)
        if score is not None:
            points.append((centre, score_top + score_h * (1 - score / 100), score))
    if len(points) > 1:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y, _ in points)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{COLOURS["score"]}" stroke-width="2"/>'
        )
    for x, y, score in points:
        body.append(
            f'<circle class="mark" cx="{_n(x)}" cy="{_n(y)}" r="5" '
            f'fill="{COLOURS["score"]}"><title>score {score}</title></circle>'
        )
        body.append(_text(x, y - 9, str(score), "middle", size=12, fill=COLOURS["score"]))
    return _svg("trend", base + 30, "Seven-day trend of score and minutes watched", body)


def legend(items: Sequence[tuple[str, str]]) -> str:
    """A small HTML legend: (colour key, words) pairs."""
    return (
        '<p class="legend">'
        + "".join(
            f'<span><i style="background:{COLOURS[key]}"></i>{esc(words)}</span>'
            for key, words in items
        )
        + "</p>"
    )
