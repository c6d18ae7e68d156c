"""The report as CSV (`report --csv FILE`): one row per day, for a spreadsheet. Pure.

The shape is the same for a day and for a week: a header, then one row per day (one row, or
seven with `--week`, oldest first). The columns are `day` (YYYY-MM-DD) and `has_data` (1/0),
then every key of the JSON export's `figures` in its order (see `posture.report.figures`),
issues included as `issue:<name>` in minutes. A figure that does not apply is an empty cell.
Only numbers and dates are written, so no cell can be read as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from posture.report.day import DayReport
from posture.report.figures import Figure, day_figures


def _cell(value: Figure) -> str:
    return "" if value is None else str(value)


def days_csv(days: Sequence[DayReport]) -> str:
    """A header and one row per day."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header: list[str] | None = None
    for day in days:
        figures = day_figures(day)
        if header is None:
            header = ["day", "has_data", *figures]
            writer.writerow(header)
        writer.writerow(
            [
                day.day.isoformat(),
                "1" if day.has_data else "0",
                *(_cell(v) for v in figures.values()),
            ]
        )
    return out.getvalue()
