"""The report as JSON (`report --json FILE`): every figure, in a stable, documented shape. Pure.

Times are local ISO 8601 with their UTC offset ("2026-11-25T09:30:00+01:00"), days are
"YYYY-MM-DD", durations are minutes to one decimal (`*_min`) unless the key says seconds.
Keys are a public contract: new ones may be added, none renamed or removed.

One day (`"format": "posture.report.day"`):

    {"format", "version": 1, "day", "timezone", "start", "end", "hours_in_day", "has_data",
     "figures": {key: number or null},        # see posture.report.figures; the HTML marks
                                              # the same values with data-figure="key"
     "seconds": {"monitored", "good", "bad", "away", "unavailable", "paused", "sitting",
                 "break", "setup_changed"},   # unrounded; setup_changed: present, not judged
     "issues": [{"issue", "seen", "minutes"}],    # every known issue, vocabulary order
     "dominant_issue": name or null,
     "longest_good": {"start", "end", "minutes"} or null,
     "alerts": [{"time", "kind", "issue", "severity", "exercise", "message", "corrected_at",
                 "done_at"}],                 # done_at: answered "Done" (the exercise done)
     "top_exercise": {"name", "title", "count"} or null,
     "sittings": [{"start", "end", "minutes"}], "breaks": [{"start", "end", "minutes"}],
     "hours": [{"label", "start", "monitored_min", "good_min"}],    # 23, 24 or 25 of them
     "timeline": [{"start", "end", "presence", "posture", "issues"}],  # watched time only;
                                 # presence: present, away, unavailable, paused, setup_changed,
                                 # unknown
     "trend": [{"day", "has_data", "monitored_min", "score"}],   # 7 days ending on the day
     "previous_day": {"day", "has_data", "monitored_min", "score"},
     "week_average": {"days_with_data", "monitored_min_per_day", "score"},
     "profiles": [name], "tips": [text]}

Seven days (`"format": "posture.report.week"`):

    {"format", "version": 1, "start_day", "end_day", "timezone", "has_data",
     "figures": {key: number or null},        # the week's totals
     "days": [{"day", "has_data", "figures", "dominant_issue", "top_exercise"}]}
"""

from __future__ import annotations

import json
from datetime import datetime, tzinfo
from typing import Any

from posture.core.durations import rounded_minutes
from posture.core.vocabulary import BY_NAME
from posture.report.comparisons import DayTotals
from posture.report.day import DayReport
from posture.report.figures import day_figures, week_figures, whole_score
from posture.report.timeline import Span
from posture.report.week import WeekReport

# Public names of the two shapes (a contract for other tools), not module paths.
FORMAT_DAY = "posture.report.day"
FORMAT_WEEK = "posture.report.week"
VERSION = 1


def iso(t_s: float, zone: tzinfo) -> str:
    """A moment as local ISO 8601 with its offset, to the second."""
    return datetime.fromtimestamp(t_s, zone).isoformat(timespec="seconds")


def _span(span: Span, zone: tzinfo) -> dict[str, Any]:
    return {
        "start": iso(span.start_s, zone),
        "end": iso(span.end_s, zone),
        "minutes": rounded_minutes(span.seconds),
    }


def _totals(totals: DayTotals) -> dict[str, Any]:
    return {
        "day": totals.day.isoformat(),
        "has_data": totals.has_data,
        "monitored_min": rounded_minutes(totals.monitored_s),
        "score": whole_score(totals.score),
    }


def day_dict(
    report: DayReport, tips: tuple[str, ...] = (), demo_notice: str = ""
) -> dict[str, Any]:
    """The day report as plain JSON values (see the module docstring).

    With a `demo_notice` (the demo's report) it carries `"demo": true` and that notice, so
    a reader of the file alone knows that the data is not anyone's.
    """
    zone = report.zone
    top = report.top_exercise
    week = report.week_average
    demo: dict[str, Any] = {"demo": True, "notice": demo_notice} if demo_notice else {}
    return {
        "format": FORMAT_DAY,
        "version": VERSION,
        **demo,
        "day": report.day.isoformat(),
        "timezone": report.zone_name,
        "start": iso(report.start_s, zone),
        "end": iso(report.end_s, zone),
        "hours_in_day": round(report.hours_in_day, 2),
        "has_data": report.has_data,
        "figures": day_figures(report),
        "seconds": {
            "monitored": report.monitored_s,
            "good": report.good_s,
            "bad": report.bad_s,
            "away": report.away_s,
            "unavailable": report.unavailable_s,
            "paused": report.paused_s,
            "setup_changed": report.setup_changed_s,
            "sitting": report.sitting_s,
            "break": report.break_s,
        },
        "issues": [
            {
                "issue": name,
                "seen": BY_NAME[name].seen if name in BY_NAME else name,
                "minutes": rounded_minutes(seconds),
            }
            for name, seconds in report.issue_s.items()
        ],
        "dominant_issue": report.dominant_issue,
        "longest_good": _span(report.longest_good, zone) if report.longest_good else None,
        "alerts": [
            {
                "time": iso(a.t_s, zone),
                "kind": a.kind,
                "issue": a.issue,
                "severity": a.severity.name.lower(),
                "exercise": a.exercise,
                "message": a.message,
                "corrected_at": None if a.corrected_at_s is None else iso(a.corrected_at_s, zone),
                "done_at": None if a.done_at_s is None else iso(a.done_at_s, zone),
            }
            for a in report.alerts
        ],
        "top_exercise": None
        if top is None
        else {"name": top.name, "title": top.title, "count": top.count},
        "sittings": [_span(s, zone) for s in report.sittings],
        "breaks": [_span(b, zone) for b in report.breaks],
        "hours": [
            {
                "label": h.label,
                "start": iso(h.start_s, zone),
                "monitored_min": rounded_minutes(h.monitored_s),
                "good_min": rounded_minutes(h.good_s),
            }
            for h in report.hours
        ],
        "timeline": [
            {
                "start": iso(s.start_s, zone),
                "end": iso(s.end_s, zone),
                "presence": s.presence,
                "posture": s.posture,
                "issues": list(s.issues),
            }
            for s in report.timeline
        ],
        "trend": [_totals(t) for t in report.trend],
        "previous_day": _totals(report.previous_day),
        "week_average": {
            "days_with_data": week.days_with_data,
            "monitored_min_per_day": (
                None
                if week.monitored_s_per_day is None
                else rounded_minutes(week.monitored_s_per_day)
            ),
            "score": whole_score(week.score),
        },
        "profiles": list(report.profiles),
        "tips": list(tips),
    }


def week_dict(week: WeekReport) -> dict[str, Any]:
    """The week report as plain JSON values (see the module docstring)."""
    return {
        "format": FORMAT_WEEK,
        "version": VERSION,
        "start_day": week.start_day.isoformat(),
        "end_day": week.end_day.isoformat(),
        "timezone": week.zone_name,
        "has_data": week.has_data,
        "figures": week_figures(week),
        "days": [
            {
                "day": d.day.isoformat(),
                "has_data": d.has_data,
                "figures": day_figures(d),
                "dominant_issue": d.dominant_issue,
                "top_exercise": None if d.top_exercise is None else d.top_exercise.name,
            }
            for d in week.days
        ],
    }


def dumps(data: dict[str, Any]) -> str:
    """JSON text: indented, UTF-8 kept readable, ending with a newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
