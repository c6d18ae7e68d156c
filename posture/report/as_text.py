"""The report for the terminal: a short summary of a day or a week, about fifteen lines. Pure.

Durations read as '6 h 12 min', the score as a whole number; the full figures are in the JSON,
CSV and HTML exports.
"""

from __future__ import annotations

from datetime import datetime

from posture.core.durations import format_duration
from posture.report.day import DayReport
from posture.report.figures import day_figures, show, signed, week_figures, whole_score
from posture.report.week import WeekReport

# At most this many issues are named on the summary's issue line.
ISSUES_SHOWN = 3


def issue_label(name: str) -> str:
    """An issue name for people: 'forward_head' -> 'forward head'."""
    return name.replace("_", " ")


def _clock(t_s: float, report: DayReport) -> str:
    return datetime.fromtimestamp(t_s, report.zone).strftime("%H:%M")


def _long_date(report: DayReport) -> str:
    return f"{report.day:%A} {report.day.day} {report.day:%B %Y}"


def day_text(report: DayReport) -> str:
    """The day's summary; a day without data says so in one line."""
    if not report.has_data:
        return f"No posture data for {report.day.isoformat()}."
    f = day_figures(report)
    lines = [f"Posture report for {_long_date(report)} ({report.zone_name})"]
    away = f", away {format_duration(report.away_s)}" if report.away_s >= 60 else ""
    lines.append(f"Monitored      {format_duration(report.monitored_s)}{away}")
    if f["score"] is not None:
        lines.append(
            f"Good posture   {show(f['good_share_pct'])}% of the time, score {show(f['score'])}/100"
        )
    compared = []
    if f["previous_day_score"] is not None:
        compared.append(
            f"yesterday {show(f['previous_day_score'])} "
            f"({signed(_int(f['score_vs_previous_day']))})"
        )
    if f["week_average_score"] is not None:
        compared.append(
            f"previous 7 days {show(f['week_average_score'])} ({signed(_int(f['score_vs_week']))})"
        )
    if compared:
        lines.append(f"Compared with  {', '.join(compared)}")
    if report.longest_good is not None:
        span = report.longest_good
        lines.append(
            f"Longest good   {format_duration(span.seconds)}, "
            f"{_clock(span.start_s, report)}-{_clock(span.end_s, report)}"
        )
    worst = sorted(((s, n) for n, s in report.issue_s.items() if s >= 30), reverse=True)
    if worst:
        named = ", ".join(f"{issue_label(n)} {format_duration(s)}" for s, n in worst[:ISSUES_SHOWN])
        lines.append(f"Issues         {named}")
    else:
        lines.append("Issues         none worth mentioning")
    lines.append(
        f"Alerts         {report.alerts_sent} sent, {report.alerts_corrected} "
        "followed by a correction"
    )
    if report.sittings:
        lines.append(
            f"Sitting        {len(report.sittings)} session{_s(len(report.sittings))}, longest "
            f"{format_duration(report.longest_sitting_s)}"
        )
    lines.append(f"Breaks         {report.breaks_taken} taken ({format_duration(report.break_s)})")
    if report.top_exercise is not None:
        top = report.top_exercise
        times = "once" if top.count == 1 else f"{top.count} times"
        lines.append(f"Exercise       {top.title}, suggested {times}")
    return "\n".join(lines)


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def week_text(week: WeekReport) -> str:
    """The week's summary: one line per day and a total."""
    first, last = week.start_day, week.end_day
    if not week.has_data:
        return f"No posture data for {first.isoformat()} to {last.isoformat()}."
    lines = [
        f"Posture week {first.isoformat()} to {last.isoformat()} ({week.zone_name})",
        (
            f"{'Day':<12}{'Monitored':>12}{'Score':>7}{'Alerts':>8}{'Breaks':>8}"
            f"{'Longest sitting':>17}"
        ),
    ]
    for day in week.days:
        score = whole_score(day.score)
        lines.append(
            f"{day.day:%a %d %b}  {format_duration(day.monitored_s):>12}"
            f"{'-' if score is None else score:>7}{day.alerts_sent:>8}{day.breaks_taken:>8}"
            f"{format_duration(day.longest_sitting_s):>17}"
        )
    f = week_figures(week)
    lines.append(
        f"{'Week':<12}{format_duration(week.monitored_s):>12}{show(f['score']):>7}"
        f"{week.alerts_sent:>8}{week.breaks_taken:>8}{format_duration(week.longest_sitting_s):>17}"
    )
    lines.append(
        f"{week.alerts_corrected} of {week.alerts_sent} alerts were followed by a "
        f"correction; {week.days_with_data} of 7 days have data."
    )
    return "\n".join(lines)
