"""The report as one self-contained HTML page (`report --html FILE`). Pure.

Everything is inline: the style sheet (`html_page`), and charts drawn as SVG (`svg_timelines`,
`svg_bars`). The page runs no script, and its Content-Security-Policy forbids loading anything,
so it works offline and never reaches the network. Any text that comes from the history
(profile names, exercise names, alert messages) is escaped. Key numbers carry
`data-figure="key"` with exactly the value of the JSON export's `figures[key]`, so tools (and
the tests) can check one against the other.
"""

from __future__ import annotations

from collections.abc import Mapping

from posture.report.comparisons import DayTotals
from posture.report.day import DayReport
from posture.report.html_page import health, long_date, page, section
from posture.report.html_sections import (
    alerts_table,
    comparison,
    day_cards,
    days_table,
    issues_table,
    sessions_table,
    week_cards,
)
from posture.report.svg_bars import hourly_chart, issues_chart, trend_chart
from posture.report.svg_primitives import esc, legend
from posture.report.svg_timelines import sitting_chart, timeline_chart, view_hours
from posture.report.week import WeekReport


def day_page(
    report: DayReport,
    tips: tuple[str, ...] = (),
    titles: Mapping[str, str] | None = None,
    demo_notice: str = "",
) -> str:
    """The day's page; a day without data says so plainly.

    `titles` maps exercise names, as alerts store them, to the library's titles; a
    `demo_notice` (the demo's report) heads the page, so a shared page cannot pass for a person's.
    """
    title = f"Posture report, {report.day.isoformat()}"
    profiles = ", ".join(report.profiles)
    sub = f"Times in {esc(report.zone_name)}"
    if profiles:
        sub += f" · calibration profile {esc(profiles)}"
    notice = f'<p class="notice" data-demo="true">{esc(demo_notice)}</p>' if demo_notice else ""
    header = (
        f"<header>{notice}<h1>Your posture on {esc(long_date(report))}</h1>"
        f'<p class="sub">{sub}</p></header>'
    )
    trend = section(
        "The last seven days",
        trend_chart(report.trend, report.day)
        + legend([("monitored", "minutes watched"), ("score", "score")]),
    )
    if not report.has_data:
        empty = (
            f'<section class="empty">No posture data for {esc(report.day.isoformat())}.</section>'
        )
        return page(title, header + empty + trend + health())
    top = report.top_exercise
    top_line = (
        ""
        if top is None
        else f"<p>Exercise suggested most often: <b>{esc(top.title)}</b> "
        f"({top.count} time{'s' if top.count != 1 else ''}).</p>"
    )
    tip_list = (
        ""
        if not tips
        else section(
            "Tips for tomorrow",
            '<ul class="tips">' + "".join(f"<li>{esc(tip)}</li>" for tip in tips) + "</ul>",
        )
    )
    body = "".join(
        [
            header,
            day_cards(report),
            comparison(report),
            section(
                "Your day at a glance",
                timeline_chart(report)
                + legend(
                    [
                        ("present", "at the desk"),
                        ("away", "away"),
                        ("unavailable", "camera unavailable"),
                        ("paused", "paused"),
                        ("setup_changed", "setup changed, not judged"),
                        ("good", "good posture"),
                        ("issues", "posture issue"),
                    ]
                ),
            ),
            section("Posture issues", issues_chart(report.issue_s) + issues_table(report)),
            section(
                "Hour by hour",
                hourly_chart(view_hours(report))
                + legend([("monitored", "minutes watched"), ("good", "minutes in good posture")]),
            ),
            section(
                "Sitting and breaks",
                sitting_chart(report)
                + legend([("sitting", "sitting"), ("break", "break")])
                + sessions_table(report),
            ),
            trend,
            section("Alerts", top_line + alerts_table(report, titles or {})),
            tip_list,
            health(),
        ]
    )
    return page(title, body)


def _week_totals(week: WeekReport) -> list[DayTotals]:
    return [
        DayTotals(
            d.day, d.monitored_s, d.good_s, d.monitored_s + d.away_s + d.unavailable_s + d.paused_s
        )
        for d in week.days
    ]


def week_page(week: WeekReport) -> str:
    """The seven days' page: totals, the trend, the issues and one row per day."""
    first, last = week.start_day.isoformat(), week.end_day.isoformat()
    title = f"Posture week, {first} to {last}"
    header = (
        f"<header><h1>Your posture from {esc(first)} to {esc(last)}</h1>"
        f'<p class="sub">Times in {esc(week.zone_name)}</p></header>'
    )
    trend = section(
        "Day by day",
        trend_chart(_week_totals(week), week.end_day)
        + legend([("monitored", "minutes watched"), ("score", "score")]),
    )
    if not week.has_data:
        empty = f'<section class="empty">No posture data for {esc(first)} to {esc(last)}.</section>'
        return page(title, header + empty + health())
    body = "".join(
        [
            header,
            week_cards(week),
            trend,
            section("Posture issues", issues_chart(week.issue_s)),
            section("The days", days_table(week)),
            health(),
        ]
    )
    return page(title, body)
