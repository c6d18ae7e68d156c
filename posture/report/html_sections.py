"""The sections of the report's HTML page: headline cards, the comparison line, tables. Pure.

Any text that comes from the history (profile names, exercise names, alert messages) is
escaped, and every number the JSON export has is marked with its key (`html_page.fig`).
"""

from __future__ import annotations

from collections.abc import Mapping

from posture.core.durations import format_duration
from posture.core.vocabulary import BY_NAME
from posture.report.day import DayReport
from posture.report.figures import day_figures, show, week_figures, whole_score
from posture.report.html_page import card, clock, fig, signed_fig
from posture.report.svg_primitives import esc
from posture.report.week import WeekReport


def day_cards(report: DayReport) -> str:
    """The day's six headline cards: score, watched, longest good, alerts, sitting, breaks."""
    f = day_figures(report)
    streak = report.longest_good
    when = (
        f"{clock(streak.start_s, report)} to {clock(streak.end_s, report)}"
        if streak
        else "no good stretch yet"
    )
    return (
        '<div class="cards">'
        + "".join(
            [
                card(
                    "Score",
                    f"{fig('score', f['score'])}<small> / 100</small>",
                    f"{fig('good_share_pct', f['good_share_pct'])}% of watched time in good"
                    " posture",
                ),
                card(
                    "Watched",
                    f"{fig('monitored_min', f['monitored_min'])}<small> min</small>",
                    f"{esc(format_duration(report.monitored_s))}; away "
                    f"{fig('away_min', f['away_min'])} min; setup changed, not judged "
                    f"{fig('setup_changed_min', f['setup_changed_min'])} min",
                ),
                card(
                    "Longest good stretch",
                    f"{fig('longest_good_min', f['longest_good_min'])}<small> min</small>",
                    esc(when),
                ),
                card(
                    "Alerts",
                    f"{fig('alerts_sent', f['alerts_sent'])}<small> sent</small>",
                    f"{fig('alerts_corrected', f['alerts_corrected'])} followed by a correction, "
                    f"{fig('exercises_done', f['exercises_done'])} exercises done",
                ),
                card(
                    "Longest sitting",
                    f"{fig('longest_sitting_min', f['longest_sitting_min'])}<small> min</small>",
                    f"{fig('sittings', f['sittings'])} session{'' if f['sittings'] == 1 else 's'}, "
                    f"{fig('sitting_min', f['sitting_min'])} min in all",
                ),
                card(
                    "Breaks",
                    f"{fig('breaks', f['breaks'])}<small> taken</small>",
                    f"{fig('break_min', f['break_min'])} min away from the chair",
                ),
            ]
        )
        + "</div>"
    )


def comparison(report: DayReport) -> str:
    """One line comparing the score with yesterday's and with the previous seven days'."""
    f = day_figures(report)
    parts = []
    if f["previous_day_score"] is not None:
        parts.append(
            f"Yesterday's score {fig('previous_day_score', f['previous_day_score'])} "
            f"({signed_fig('score_vs_previous_day', f['score_vs_previous_day'])} "
            "today)"
        )
    if f["week_average_score"] is not None:
        days = report.week_average.days_with_data
        parts.append(
            f"the previous seven days averaged "
            f"{fig('week_average_score', f['week_average_score'])} over {days} "
            f"day{'s' if days != 1 else ''} "
            f"({signed_fig('score_vs_week', f['score_vs_week'])} today)"
        )
    if not parts:
        return '<p class="compare">No earlier days to compare with yet.</p>'
    return f'<p class="compare">{"; ".join(parts)}.</p>'


def issues_table(report: DayReport) -> str:
    """The issues seen, longest first, with what each one looks like; empty when none."""
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


def alerts_table(report: DayReport, titles: Mapping[str, str]) -> str:
    """Every alert of the day with its exercise and how soon it was corrected."""
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
            f"<tr><td>{esc(clock(alert.t_s, report))}</td><td>{esc(about)}</td>"
            f"<td>{esc(exercise)}</td><td>{esc(alert.message)}</td>"
            f"<td>{esc(fixed)}</td></tr>"
        )
    return (
        "<table><tr><th>Time</th><th>About</th><th>Exercise</th><th>Message</th>"
        "<th>Corrected</th></tr>" + "".join(rows) + "</table>"
    )


def sessions_table(report: DayReport) -> str:
    """Sitting sessions and breaks in the order they began; empty when there were none."""
    items = [(s, "Sitting") for s in report.sittings] + [(b, "Break") for b in report.breaks]
    if not items:
        return ""
    items.sort(key=lambda item: item[0].start_s)
    rows = "".join(
        f"<tr><td>{what}</td><td>{esc(clock(span.start_s, report))} to "
        f'{esc(clock(span.end_s, report))}</td><td class="num">'
        f"{esc(format_duration(span.seconds))}</td></tr>"
        for span, what in items
    )
    return f'<table><tr><th>What</th><th>When</th><th class="num">How long</th></tr>{rows}</table>'


def week_cards(week: WeekReport) -> str:
    """The week's four headline cards: score, watched, alerts and breaks."""
    f = week_figures(week)
    return (
        '<div class="cards four">'
        + "".join(
            [
                card(
                    "Score",
                    f"{fig('score', f['score'])}<small> / 100</small>",
                    f"{fig('good_share_pct', f['good_share_pct'])}% of watched time in good"
                    " posture",
                ),
                card(
                    "Watched",
                    f"{fig('monitored_min', f['monitored_min'])}<small> min</small>",
                    f"on {fig('days_with_data', f['days_with_data'])} of 7 days",
                ),
                card(
                    "Alerts",
                    f"{fig('alerts_sent', f['alerts_sent'])}<small> sent</small>",
                    f"{fig('alerts_corrected', f['alerts_corrected'])} followed by a correction",
                ),
                card(
                    "Breaks",
                    f"{fig('breaks', f['breaks'])}<small> taken</small>",
                    f"longest sitting {fig('longest_sitting_min', f['longest_sitting_min'])} min",
                ),
            ]
        )
        + "</div>"
    )


def days_table(week: WeekReport) -> str:
    """One row per day of the week: watched, score, alerts, breaks and the main issue."""
    rows = "".join(
        f'<tr><td>{esc(f"{d.day:%a %d %b}")}</td><td class="num">'
        f'{esc(format_duration(d.monitored_s))}</td><td class="num">'
        f'{esc(show(whole_score(d.score)))}</td><td class="num">{d.alerts_sent}</td>'
        f'<td class="num">{d.alerts_corrected}</td><td class="num">{d.breaks_taken}</td>'
        f'<td class="num">{esc(format_duration(d.longest_sitting_s))}</td>'
        f"<td>{esc((d.dominant_issue or '-').replace('_', ' '))}</td></tr>"
        for d in week.days
    )
    return (
        '<table><tr><th>Day</th><th class="num">Watched</th><th class="num">Score</th>'
        '<th class="num">Alerts</th><th class="num">Corrected</th>'
        '<th class="num">Breaks</th><th class="num">Longest sitting</th>'
        f"<th>Main issue</th></tr>{rows}</table>"
    )
