"""The report as one self-contained HTML page (`report --html FILE`). Pure.

Everything is inline: the style sheet, and charts drawn as SVG by `svg_charts`. The page
runs no script, and its Content-Security-Policy forbids loading anything, so it works offline
and never reaches the network. Any text that comes from the history (profile names, exercise
names, alert messages) is escaped. Key numbers carry `data-figure="key"` with exactly the value
of the JSON export's `figures[key]`, so tools (and the tests) can check one against the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from posture.core.durations import format_duration
from posture.core.health import WARNING_SIGNS
from posture.core.vocabulary import BY_NAME
from posture.report.build import DayReport, DayTotals, WeekReport
from posture.report.figures import (
    Figure,
    day_figures,
    show,
    signed,
    week_figures,
    whole_score,
)
from posture.report.svg_charts import (
    esc,
    hourly_chart,
    issues_chart,
    legend,
    sitting_chart,
    timeline_chart,
    trend_chart,
    view_hours,
)

CSS = """
:root { color-scheme: light; --ink: #2d3748; --soft: #718096; --card: #fff; --line: #e2e8f0;
  --accent: #5b8def; --good: #43a673; --bad: #e5604f; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f6fb; color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 24px 48px; }
header h1 { margin: 0 0 4px; font-size: 28px; }
.sub { margin: 0; color: var(--soft); }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 14px;
  margin: 24px 0 12px; }
.card { background: var(--card); border-radius: 14px; padding: 14px 16px;
  box-shadow: 0 1px 3px rgba(0,0,0,.06); border: 1px solid var(--line); }
.card .label { color: var(--soft); font-size: 13px; text-transform: uppercase;
  letter-spacing: .04em; }
.card .value { font-size: 30px; font-weight: 650; line-height: 1.25; }
.card .value small { font-size: 15px; font-weight: 500; color: var(--soft); }
.card .note { font-size: 14px; color: var(--soft); }
.compare { margin: 0 0 8px; color: var(--soft); }
section { background: var(--card); border-radius: 14px; padding: 18px 20px; margin: 16px 0;
  border: 1px solid var(--line); box-shadow: 0 1px 3px rgba(0,0,0,.05); }
section h2 { margin: 0 0 10px; font-size: 19px; }
svg { display: block; max-width: 100%; height: auto; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 8px 0 0; font-size: 13px;
  color: var(--soft); }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 3px;
  margin-right: 6px; vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { color: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.tips li { margin: 6px 0; }
.cards.four { grid-template-columns: repeat(4, 1fr); }
.aside { font-size: 13px; color: var(--soft); margin: 8px 0 0; }
@media (max-width: 640px) { .cards, .cards.four { grid-template-columns: 1fr 1fr; } }
.empty { font-size: 20px; text-align: center; padding: 40px 20px; }
.health { background: #fff8e6; border-color: #f6e0a8; }
.health h2 { font-size: 17px; }
footer { color: var(--soft); font-size: 13px; text-align: center; margin-top: 24px; }
"""

# Nothing may load: no script, no image, no font, no connection; inline styles only.
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        f"{body}\n<footer>Made by Posture from the history kept on this computer. "
        "Nothing on this page comes from or goes to the internet.</footer>\n"
        "</main>\n</body>\n</html>\n"
    )


def fig(key: str, value: Figure) -> str:
    """A figure marked for tools: `<span data-figure="key">value</span>`."""
    return f'<span data-figure="{esc(key)}">{esc(show(value))}</span>'


def _signed_fig(key: str, value: Figure) -> str:
    text = signed(value if isinstance(value, int) else None)
    return f'<span data-figure="{esc(key)}">{esc(text)}</span>'


def _card(label: str, value: str, note: str = "") -> str:
    return (
        f'<div class="card"><div class="label">{esc(label)}</div>'
        f'<div class="value">{value}</div><div class="note">{note}</div></div>'
    )


def _clock(t_s: float, report: DayReport) -> str:
    return datetime.fromtimestamp(t_s, report.zone).strftime("%H:%M")


def _health() -> str:
    signs = "".join(f"<li>{esc(sign)}</li>" for sign in WARNING_SIGNS)
    return (
        '<section class="health"><h2>Not medical advice</h2>'
        "<p>This report describes sitting habits seen through your webcam. It is not a "
        "medical assessment and cannot tell what causes any pain. See a doctor promptly if "
        "back or leg pain comes with any of these warning signs:</p>"
        f"<ul>{signs}</ul><p>Stop any exercise that causes sharp pain.</p></section>"
    )


def _long_date(day: DayReport) -> str:
    return f"{day.day:%A}, {day.day.day} {day.day:%B %Y}"


def _cards(report: DayReport) -> str:
    f = day_figures(report)
    streak = report.longest_good
    when = (
        f"{_clock(streak.start_s, report)} to {_clock(streak.end_s, report)}"
        if streak
        else "no good stretch yet"
    )
    return (
        '<div class="cards">'
        + "".join(
            [
                _card(
                    "Score",
                    f"{fig('score', f['score'])}<small> / 100</small>",
                    f"{fig('good_share_pct', f['good_share_pct'])}% of watched time in good"
                    " posture",
                ),
                _card(
                    "Watched",
                    f"{fig('monitored_min', f['monitored_min'])}<small> min</small>",
                    f"{esc(format_duration(report.monitored_s))}; away "
                    f"{fig('away_min', f['away_min'])} min",
                ),
                _card(
                    "Longest good stretch",
                    f"{fig('longest_good_min', f['longest_good_min'])}<small> min</small>",
                    esc(when),
                ),
                _card(
                    "Alerts",
                    f"{fig('alerts_sent', f['alerts_sent'])}<small> sent</small>",
                    f"{fig('alerts_corrected', f['alerts_corrected'])} followed by a correction",
                ),
                _card(
                    "Longest sitting",
                    f"{fig('longest_sitting_min', f['longest_sitting_min'])}<small> min</small>",
                    f"{fig('sittings', f['sittings'])} session{'' if f['sittings'] == 1 else 's'}, "
                    f"{fig('sitting_min', f['sitting_min'])} min in all",
                ),
                _card(
                    "Breaks",
                    f"{fig('breaks', f['breaks'])}<small> taken</small>",
                    f"{fig('break_min', f['break_min'])} min away from the chair",
                ),
            ]
        )
        + "</div>"
    )


def _comparison(report: DayReport) -> str:
    f = day_figures(report)
    parts = []
    if f["previous_day_score"] is not None:
        parts.append(
            f"Yesterday's score {fig('previous_day_score', f['previous_day_score'])} "
            f"({_signed_fig('score_vs_previous_day', f['score_vs_previous_day'])} "
            "today)"
        )
    if f["week_average_score"] is not None:
        days = report.week_average.days_with_data
        parts.append(
            f"the previous seven days averaged "
            f"{fig('week_average_score', f['week_average_score'])} over {days} "
            f"day{'s' if days != 1 else ''} "
            f"({_signed_fig('score_vs_week', f['score_vs_week'])} today)"
        )
    if not parts:
        return '<p class="compare">No earlier days to compare with yet.</p>'
    return f'<p class="compare">{"; ".join(parts)}.</p>'


def _issues_table(report: DayReport) -> str:
    f = day_figures(report)
    rows = sorted(((s, n) for n, s in report.issue_s.items() if s > 0), reverse=True)
    if not rows:
        return ""
    body = "".join(
        f"<tr><td>{esc(n.replace('_', ' '))}</td>"
        f'<td class="num">{fig("issue:" + n, f["issue:" + n])} min</td>'
        f"<td>{esc(BY_NAME[n].seen if n in BY_NAME else '')}</td></tr>"
        for _, n in rows
    )
    return (
        '<table><tr><th>Issue</th><th class="num">Time</th><th>What was seen</th></tr>'
        f"{body}</table>"
        '<p class="aside">Issues can overlap, so their minutes may add up to more '
        f"than the {fig('bad_min', f['bad_min'])} minutes with any issue.</p>"
    )


def _alerts_table(report: DayReport, titles: Mapping[str, str]) -> str:
    if not report.alerts:
        return "<p>No alerts were needed.</p>"
    rows = []
    for alert in report.alerts:
        about = (alert.issue or alert.kind).replace("_", " ")
        exercise = titles.get(alert.exercise, alert.exercise) if alert.exercise else ""
        fixed = (
            "-"
            if alert.corrected_at_s is None
            else f"after {format_duration(alert.corrected_at_s - alert.t_s)}"
        )
        rows.append(
            f"<tr><td>{esc(_clock(alert.t_s, report))}</td><td>{esc(about)}</td>"
            f"<td>{esc(exercise)}</td><td>{esc(alert.message)}</td>"
            f"<td>{esc(fixed)}</td></tr>"
        )
    return (
        "<table><tr><th>Time</th><th>About</th><th>Exercise</th><th>Message</th>"
        "<th>Corrected</th></tr>" + "".join(rows) + "</table>"
    )


def _sessions(report: DayReport) -> str:
    items = [(s, "Sitting") for s in report.sittings] + [(b, "Break") for b in report.breaks]
    if not items:
        return ""
    items.sort(key=lambda item: item[0].start_s)
    rows = "".join(
        f"<tr><td>{what}</td><td>{esc(_clock(span.start_s, report))} to "
        f'{esc(_clock(span.end_s, report))}</td><td class="num">'
        f"{esc(format_duration(span.seconds))}</td></tr>"
        for span, what in items
    )
    return f'<table><tr><th>What</th><th>When</th><th class="num">How long</th></tr>{rows}</table>'


def _section(title: str, content: str) -> str:
    return f"<section><h2>{esc(title)}</h2>{content}</section>"


def day_page(
    report: DayReport, tips: tuple[str, ...] = (), titles: Mapping[str, str] | None = None
) -> str:
    """The day's page; a day without data says so plainly.

    `titles` maps exercise names, as alerts store them, to the library's titles.
    """
    title = f"Posture report, {report.day.isoformat()}"
    profiles = ", ".join(report.profiles)
    sub = f"Times in {esc(report.zone_name)}"
    if profiles:
        sub += f" · calibration profile {esc(profiles)}"
    header = (
        f"<header><h1>Your posture on {esc(_long_date(report))}</h1>"
        f'<p class="sub">{sub}</p></header>'
    )
    trend = _section(
        "The last seven days",
        trend_chart(report.trend, report.day)
        + legend([("monitored", "minutes watched"), ("score", "score")]),
    )
    if not report.has_data:
        empty = (
            f'<section class="empty">No posture data for {esc(report.day.isoformat())}.</section>'
        )
        return _page(title, header + empty + trend + _health())
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
        else _section(
            "Tips for tomorrow",
            '<ul class="tips">' + "".join(f"<li>{esc(tip)}</li>" for tip in tips) + "</ul>",
        )
    )
    body = "".join(
        [
            header,
            _cards(report),
            _comparison(report),
            _section(
                "Your day at a glance",
                timeline_chart(report)
                + legend(
                    [
                        ("present", "at the desk"),
                        ("away", "away"),
                        ("unavailable", "camera unavailable"),
                        ("paused", "paused"),
                        ("good", "good posture"),
                        ("issues", "posture issue"),
                    ]
                ),
            ),
            _section("Posture issues", issues_chart(report.issue_s) + _issues_table(report)),
            _section(
                "Hour by hour",
                hourly_chart(view_hours(report))
                + legend([("monitored", "minutes watched"), ("good", "minutes in good posture")]),
            ),
            _section(
                "Sitting and breaks",
                sitting_chart(report)
                + legend([("sitting", "sitting"), ("break", "break")])
                + _sessions(report),
            ),
            trend,
            _section("Alerts", top_line + _alerts_table(report, titles or {})),
            tip_list,
            _health(),
        ]
    )
    return _page(title, body)


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
    trend = _section(
        "Day by day",
        trend_chart(_week_totals(week), week.end_day)
        + legend([("monitored", "minutes watched"), ("score", "score")]),
    )
    if not week.has_data:
        empty = f'<section class="empty">No posture data for {esc(first)} to {esc(last)}.</section>'
        return _page(title, header + empty + _health())
    f = week_figures(week)
    cards = (
        '<div class="cards four">'
        + "".join(
            [
                _card(
                    "Score",
                    f"{fig('score', f['score'])}<small> / 100</small>",
                    f"{fig('good_share_pct', f['good_share_pct'])}% of watched time in good"
                    " posture",
                ),
                _card(
                    "Watched",
                    f"{fig('monitored_min', f['monitored_min'])}<small> min</small>",
                    f"on {fig('days_with_data', f['days_with_data'])} of 7 days",
                ),
                _card(
                    "Alerts",
                    f"{fig('alerts_sent', f['alerts_sent'])}<small> sent</small>",
                    f"{fig('alerts_corrected', f['alerts_corrected'])} followed by a correction",
                ),
                _card(
                    "Breaks",
                    f"{fig('breaks', f['breaks'])}<small> taken</small>",
                    f"longest sitting {fig('longest_sitting_min', f['longest_sitting_min'])} min",
                ),
            ]
        )
        + "</div>"
    )
    rows = "".join(
        f'<tr><td>{esc(f"{d.day:%a %d %b}")}</td><td class="num">'
        f'{esc(format_duration(d.monitored_s))}</td><td class="num">'
        f'{esc(show(whole_score(d.score)))}</td><td class="num">{d.alerts_sent}</td>'
        f'<td class="num">{d.alerts_corrected}</td><td class="num">{d.breaks_taken}</td>'
        f'<td class="num">{esc(format_duration(d.longest_sitting_s))}</td>'
        f"<td>{esc((d.dominant_issue or '-').replace('_', ' '))}</td></tr>"
        for d in week.days
    )
    table = (
        '<table><tr><th>Day</th><th class="num">Watched</th><th class="num">Score</th>'
        '<th class="num">Alerts</th><th class="num">Corrected</th>'
        '<th class="num">Breaks</th><th class="num">Longest sitting</th>'
        f"<th>Main issue</th></tr>{rows}</table>"
    )
    body = "".join(
        [
            header,
            cards,
            trend,
            _section("Posture issues", issues_chart(week.issue_s)),
            _section("The days", table),
            _health(),
        ]
    )
    return _page(title, body)
