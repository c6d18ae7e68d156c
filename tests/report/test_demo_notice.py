"""The demo's notice on its reports: on the page (escaped) and in the JSON, and only when given."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from posture.report.as_html import day_page
from posture.report.as_json import day_dict
from posture.report.day import DayReport, build_day

NOTICE = "DEMO DATA: this report comes from the video <a&b>.avi, not from your history."


def _empty_day() -> DayReport:
    return build_day(date(2026, 11, 25), ZoneInfo("Europe/Berlin"), [], [], [], [], [])


def test_the_notice_heads_the_page_escaped_and_marks_the_json() -> None:
    report = _empty_day()
    page = day_page(report, demo_notice=NOTICE)
    assert (
        '<header><p class="notice" data-demo="true">DEMO DATA: this report comes from the video '
        "&lt;a&amp;b&gt;.avi, not from your history.</p><h1>"
    ) in page
    data = day_dict(report, demo_notice=NOTICE)
    assert (data["demo"], data["notice"]) == (True, NOTICE)


def test_a_users_report_carries_no_notice() -> None:
    report = _empty_day()
    assert 'data-demo="true"' not in day_page(report)
    assert {"demo", "notice"}.isdisjoint(day_dict(report))
