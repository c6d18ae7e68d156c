"""The week: seven days, their totals, and the week in every output."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest

from posture.report.as_csv import days_csv
from posture.report.as_json import dumps, week_dict
from posture.report.as_text import week_text
from posture.report.figures import week_figures
from posture.report.week import build_week
from tests.support.report_records import BERLIN, DAY, alert, at, scored_day


def test_the_week_has_seven_days_and_their_totals() -> None:
    ivs = scored_day(DAY, 100, 80) + scored_day(DAY - timedelta(days=2), 60, 30)
    alerts = [
        alert(at(DAY, "09:30"), corrected_s=at(DAY, "09:31")),
        alert(at(DAY - timedelta(days=2), "09:30")),
        alert(at(DAY - timedelta(days=7), "09:30")),
    ]  # the day before the week
    week = build_week(DAY, BERLIN, ivs, alerts, [], [], [])
    assert [d.day for d in week.days] == [DAY - timedelta(days=n) for n in range(6, -1, -1)]
    assert week.days_with_data == 2
    assert week.monitored_s == 160 * 60 and week.score == pytest.approx(100 * 110 / 160)
    assert (week.alerts_sent, week.alerts_corrected) == (2, 1)
    figures = week_figures(week)
    assert figures["issue:slouch"] == 50.0 and figures["score"] == 69
    rows = list(csv.reader(io.StringIO(days_csv(week.days))))
    assert len(rows) == 8 and rows[0][:3] == ["day", "has_data", "monitored_min"]
    assert rows[-1][0] == DAY.isoformat() and rows[-1][2] == "100.0"
    assert "issue:slouch" in rows[0]
    data = json.loads(dumps(week_dict(week)))
    assert data["format"] == "posture.report.week" and len(data["days"]) == 7
    assert week_text(week).splitlines()[0].startswith("Posture week 2026-11-19 to 2026-11-25")
