"""The report's bar charts: minutes per issue, hour by hour, and the seven-day trend. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from posture.core.durations import format_duration
from posture.report.comparisons import DayTotals
from posture.report.day import HourFigures
from posture.report.figures import whole_score
from posture.report.svg_primitives import (
    COLOURS,
    GUTTER,
    PLOT,
    label_every,
    line,
    num,
    rect,
    svg,
    text,
)


def issues_chart(issue_s: Mapping[str, float]) -> str:
    """Minutes per issue, longest first; issues never seen are left out."""
    rows = sorted(((s, n) for n, s in issue_s.items() if s > 0), reverse=True)
    if not rows:
        return svg(
            "issues",
            40,
            "Minutes per posture issue",
            [text(GUTTER, 24, "No posture issues were noticed.")],
        )
    longest = rows[0][0]
    body = []
    for i, (seconds, name) in enumerate(rows):
        y = 8 + i * 32
        w = max(2.0, (PLOT - 90) * seconds / longest)
        label = name.replace("_", " ")
        body.append(text(GUTTER + 20 - 10, y + 17, label, "end"))
        body.append(
            rect(GUTTER + 20, y, w, 24, COLOURS["issues"], f"{label}: {format_duration(seconds)}")
        )
        body.append(text(GUTTER + 26 + w, y + 17, format_duration(seconds)))
    return svg("issues", 16 + 32 * len(rows), "Minutes per posture issue", body)


def hourly_chart(hours: Sequence[HourFigures]) -> str:
    """For each local hour, the minutes watched and, within them, the minutes in good posture."""
    top, plot_h = 10.0, 150.0
    base = top + plot_h
    slot = PLOT / max(1, len(hours))
    body = []
    for minutes in (0, 30, 60):
        y = base - plot_h * minutes / 60
        body.append(line(GUTTER, y, GUTTER + PLOT, y))
        body.append(text(GUTTER - 10, y + 4, f"{minutes} min", "end", size=11))
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
                rect(
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
                rect(x, base - plot_h * good / 60, w, plot_h * good / 60, COLOURS["good"], tip)
            )
        if i % label_every(len(hours)) == 0:
            body.append(text(x + w / 2, base + 16, hour.label.split(" ")[0], "middle", size=11))
    return svg("hourly", base + 26, "Minutes watched and in good posture, hour by hour", body)


def trend_chart(days: Sequence[DayTotals], highlight: date | None = None) -> str:
    """Per day: the score (0-100) as dots on a line above, minutes watched as bars below."""
    score_top, score_h = 22.0, 70.0
    bar_top, bar_h = score_top + score_h + 34, 120.0
    base = bar_top + bar_h
    slot = PLOT / max(1, len(days))
    most = max([60.0, *(d.monitored_s / 60 for d in days)])
    body = [
        text(GUTTER - 10, score_top + score_h / 2 + 4, "Score", "end"),
        line(GUTTER, score_top, GUTTER + PLOT, score_top),
        line(GUTTER, score_top + score_h, GUTTER + PLOT, score_top + score_h),
        text(GUTTER - 10, bar_top + bar_h / 2 + 4, "Watched", "end"),
        line(GUTTER, base, GUTTER + PLOT, base),
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
                rect(
                    x,
                    base - h,
                    w,
                    h,
                    fill,
                    f"{day.day.isoformat()}: watched {format_duration(day.monitored_s)}",
                )
            )
            body.append(
                text(centre, base - h - 5, format_duration(day.monitored_s), "middle", size=11)
            )
        else:
            body.append(text(centre, base - 6, "no data", "middle", size=11))
        weight = ' font-weight="700"' if day.day == highlight else ""
        body.append(
            text(centre, base + 18, f"{day.day:%a %d}", "middle", size=12).replace(
                "<text ", f"<text{weight} ", 1
            )
        )
        score = whole_score(day.score)
        if score is not None:
            points.append((centre, score_top + score_h * (1 - score / 100), score))
    if len(points) > 1:
        path = " ".join(f"{num(x)},{num(y)}" for x, y, _ in points)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{COLOURS["score"]}" stroke-width="2"/>'
        )
    for x, y, score in points:
        body.append(
            f'<circle class="mark" cx="{num(x)}" cy="{num(y)}" r="5" '
            f'fill="{COLOURS["score"]}"><title>score {score}</title></circle>'
        )
        body.append(text(x, y - 9, str(score), "middle", size=12, fill=COLOURS["score"]))
    return svg("trend", base + 30, "Seven-day trend of score and minutes watched", body)
