"""The CSV export: one row per day with the JSON export's figures."""

from __future__ import annotations

import csv
import io

from posture.report.as_csv import days_csv
from posture.report.as_json import day_dict
from tests.support.report_records import DAY, day_of, scored_day


def test_the_day_csv_is_one_row_with_the_json_figures() -> None:
    report = day_of(scored_day(DAY, 100, 80))
    rows = list(csv.reader(io.StringIO(days_csv([report]))))
    figures = day_dict(report)["figures"]
    assert rows[0] == ["day", "has_data", *figures]
    assert rows[1][2:] == ["" if v is None else str(v) for v in figures.values()]
