"""`report`: the daily posture report in the terminal, and as HTML, JSON or CSV files.

`--date YYYY-MM-DD` picks the day (default: today in the user's zone); `--week` reports the
seven days ending on it. `--html`, `--json` and `--csv` write files (owner-only, replaced in one
step); `--open` shows the HTML page in the default browser, writing it into the data folder
first when no `--html` was given. Days are cut at local midnight in `--timezone` (an IANA name),
else `$TZ`, else the system's zone (see `posture.adapters.local_zone`).
"""

from __future__ import annotations

import argparse
import logging
import webbrowser
from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from posture.adapters.local_zone import user_zone
from posture.core.local_calendar import day_bounds
from posture.core.records import (
    AlertRecord,
    BreakRecord,
    IntervalRecord,
    SittingRecord,
    StateChange,
)
from posture.errors import UserError
from posture.report.build import DayReport, WeekReport, build_day, build_week, days_needed

log = logging.getLogger(__name__)

# Intervals are fetched by their start; one that began this long before the first day may
# still reach into it (stored intervals last about a minute).
INTERVAL_MARGIN_S = 3600.0
OPENED_HTML = "report.html"

Records = tuple[
    list[IntervalRecord],
    list[AlertRecord],
    list[SittingRecord],
    list[BreakRecord],
    list[StateChange],
]


def parse_day(text: str | None, today: date) -> date:
    """The day the user asked for (YYYY-MM-DD), or `today`; UserError for anything else."""
    if text is None or text == "":
        return today
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            f"'{text}' is not a date; give it as YYYY-MM-DD, e.g. {today.isoformat()}"
        ) from None


def _fetch(folder: Path, first: date, last: date, zone: tzinfo) -> Records:
    """Every record the reports of `first`..`last` read; nothing when there is no history."""
    from posture.adapters.data_folder import history_path
    from posture.adapters.sqlite.store import SqliteStore

    path = history_path(folder)
    if not path.exists():  # a report never creates the history
        return [], [], [], [], []
    start_s = day_bounds(first, zone)[0]
    end_s = day_bounds(last, zone)[1]
    store = SqliteStore.open(path)
    try:
        return (
            store.intervals_between(start_s - INTERVAL_MARGIN_S, end_s),
            store.alerts_between(start_s, end_s),
            store.sittings_between(start_s, end_s),
            store.breaks_between(start_s, end_s),
            store.state_changes_between(start_s, end_s),
        )
    finally:
        store.close()


def _exercise_titles() -> dict[str, str]:
    """Exercise names -> titles from the library; names stay as they are if it cannot load."""
    from posture.config.schema import ConfigError
    from posture.core.exercises import load_exercises

    try:
        return {ex.name: ex.title for ex in load_exercises().exercises}
    except ConfigError as exc:
        log.warning("exercise names are shown as stored: %s", exc)
        return {}


def _write(path: Path, text: str, what: str) -> None:
    from posture.adapters.private_report import write_private

    try:
        write_private(path, text)
    except OSError as exc:
        raise UserError(f"Cannot write the {what} to {path}: {exc.strerror or exc}.") from exc
    print(f"Wrote the {what} to {path}")


def _outputs(
    args: argparse.Namespace,
    folder: Path,
    html: Callable[[], str],
    json_text: Callable[[], str],
    csv_text: Callable[[], str],
) -> int:
    if getattr(args, "json", None):
        _write(Path(args.json), json_text(), "JSON report")
    if getattr(args, "csv", None):
        _write(Path(args.csv), csv_text(), "CSV report")
    page: Path | None = Path(args.html) if getattr(args, "html", None) else None
    if getattr(args, "open", False) and page is None:
        page = folder / OPENED_HTML
    if page is not None:
        _write(page, html(), "HTML report")
    if getattr(args, "open", False) and page is not None:
        uri = page.resolve().as_uri()
        if not webbrowser.open(uri):
            print(f"No browser could be opened; open {uri} yourself.")
    return 0


def _day(args: argparse.Namespace, folder: Path, report: DayReport, titles: dict[str, str]) -> int:
    from posture.report.as_csv import days_csv
    from posture.report.as_html import day_page
    from posture.report.as_json import day_dict, dumps
    from posture.report.as_text import day_text
    from posture.report.tips import tips_for

    tips = tips_for(report)
    print(day_text(report))
    return _outputs(
        args,
        folder,
        lambda: day_page(report, tips, titles),
        lambda: dumps(day_dict(report, tips)),
        lambda: days_csv([report]),
    )


def _week(args: argparse.Namespace, folder: Path, week: WeekReport) -> int:
    from posture.report.as_csv import days_csv
    from posture.report.as_html import week_page
    from posture.report.as_json import dumps, week_dict
    from posture.report.as_text import week_text

    print(week_text(week))
    return _outputs(
        args,
        folder,
        lambda: week_page(week),
        lambda: dumps(week_dict(week)),
        lambda: days_csv(week.days),
    )


def run(args: argparse.Namespace) -> int:
    """Build the report of the chosen day or week, print it, and write the files asked for."""
    from posture.cli.common import data_dir

    zone = user_zone(getattr(args, "timezone", None))
    last = parse_day(getattr(args, "date", None), datetime.now(zone).date())
    week = bool(getattr(args, "week", False))
    first = last - timedelta(days=6) if week else last
    folder = data_dir(args)
    records = _fetch(folder, *days_needed(first, last), zone)
    titles = _exercise_titles()
    if week:
        return _week(args, folder, build_week(last, zone, *records, exercise_titles=titles))
    return _day(args, folder, build_day(last, zone, *records, exercise_titles=titles), titles)
