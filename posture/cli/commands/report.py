"""`report`: the daily posture report in the terminal, and as HTML, JSON or CSV files.

`--date YYYY-MM-DD` picks the day (default: today in the user's zone); `--week` reports the
seven days ending on it. `--html`, `--json` and `--csv` write files (owner-only, replaced in one
step); `--open` shows the HTML page in the default browser, writing it into the data folder
first when no `--html` was given. Days are cut at local midnight in `--timezone` (an IANA name),
else `$TZ`, else the system's zone (see `posture.adapters.local_zone`). The work is
`posture.cli.reporting`, which the `demo` uses too.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

from posture.cli.reporting import ReportFiles, report_day, report_week
from posture.errors import UserError, shown

__all__ = ["DESCRIPTION", "HELP", "add_arguments", "parse_day", "run"]

# A week report looks back further still; outside these days local midnights overflow.
FIRST_DAY = date(1971, 1, 1)
LAST_DAY = date(9998, 12, 31)

HELP = "show the daily posture report"
DESCRIPTION = (
    "Summarise a day (or, with --week, the seven days ending on it) of posture history, and "
    "optionally write it as HTML, JSON or CSV."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--date, --week, --html, --json, --csv, --open and --timezone."""
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="the day to report on (default: today, local time)"
    )
    parser.add_argument(
        "--week",
        action="store_true",
        help="report the seven days ending on --date instead of one day",
    )
    parser.add_argument(
        "--html",
        type=Path,
        metavar="FILE",
        help="write a self-contained HTML page (no network needed)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        metavar="FILE",
        help="write every figure as JSON (`-`: to standard output, instead of the text report)",
    )
    parser.add_argument(
        "--csv",
        type=Path,
        metavar="FILE",
        help="write one row per day as CSV (`-`: to standard output, instead of the text report)",
    )
    parser.add_argument(
        "--open", action="store_true", help="open the HTML report in the default browser"
    )
    parser.add_argument(
        "--timezone",
        metavar="ZONE",
        help="IANA time zone that days are cut in, e.g. Europe/Berlin (default: the system's)",
    )


def parse_day(text: str | None, today: date) -> date:
    """The day the user asked for (YYYY-MM-DD), or `today`; UserError for anything else."""
    if text is None or text == "":
        return today
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            f"'{shown(text)}' is not a date; give it as YYYY-MM-DD, e.g. {today.isoformat()}"
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UserError(
            f"{day.isoformat()} is outside the days a report can cover "
            f"({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})"
        )
    return day


def _path(value: object) -> Path | None:
    return Path(str(value)) if value else None


def run(args: argparse.Namespace) -> int:
    """Build the report of the chosen day or week, print it, and write the files asked for."""
    from posture.adapters.local_zone import user_zone
    from posture.cli.common import data_dir

    zone = user_zone(getattr(args, "timezone", None))
    last = parse_day(getattr(args, "date", None), datetime.now(zone).date())
    files = ReportFiles(
        html=_path(getattr(args, "html", None)),
        json=_path(getattr(args, "json", None)),
        csv=_path(getattr(args, "csv", None)),
        open_page=bool(getattr(args, "open", False)),
    )
    if files.json == files.csv == Path("-"):
        raise UserError("Only one of --json and --csv can go to standard output (`-`).")
    folder = data_dir(args)
    if getattr(args, "week", False):
        return report_week(folder, last, zone, files)
    return report_day(folder, last, zone, files)
