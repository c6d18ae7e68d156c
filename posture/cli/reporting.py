"""The report of a day or a week, printed and written to files, for `report` and the `demo`.

Files are written owner-only and replaced in one step; `open_page` shows the HTML page in the
default browser, writing it into the data folder first when no HTML file was asked for.
"""

from __future__ import annotations

import logging
import sys
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from pathlib import Path

from posture.core.folder_layout import DataFolder
from posture.core.local_calendar import day_bounds
from posture.core.records import (
    AlertRecord,
    BreakRecord,
    IntervalRecord,
    SittingRecord,
    StateChange,
)
from posture.errors import UserError

log = logging.getLogger(__name__)

# Intervals are fetched by their start; one that began this long before the first day may
# still reach into it (stored intervals last about a minute).
INTERVAL_MARGIN_S = 3600.0

Records = tuple[
    list[IntervalRecord],
    list[AlertRecord],
    list[SittingRecord],
    list[BreakRecord],
    list[StateChange],
]


# The file name that stands for standard output.
STDOUT = Path("-")


@dataclass(frozen=True)
class ReportFiles:
    """Which files the report is written to (None: not written), and whether to open the page."""

    html: Path | None = None
    json: Path | None = None
    csv: Path | None = None
    open_page: bool = False

    @property
    def to_stdout(self) -> bool:
        """Whether a report goes to standard output (`--json -` or `--csv -`): then it is the
        only thing printed there, so that it can be piped."""
        return STDOUT in (self.json, self.csv)


def _fetch(folder: Path, first: date, last: date, zone: tzinfo) -> Records:
    """Every record the reports of `first`..`last` read; nothing when there is no history."""
    from posture.adapters.sqlite.store import SqliteStore

    path = DataFolder(folder).history
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


def _write(path: Path, text: str, what: str, *, own: bool = False) -> None:
    """Write a report file; `own` for the page Posture names itself in the data folder.

    A file the user named must have its folder, and a link at its name is refused, not
    replaced: it may stand for something else, as /dev/stdout does.
    """
    from posture.adapters.private_files import write_owner_only

    if path == STDOUT:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        write_owner_only(path, text.encode("utf-8"), make_folders=False, replace_link=own)
    except OSError as exc:
        from posture.adapters.private_files import RefusedPath

        hint = " (`-` writes it to standard output)" if isinstance(exc, RefusedPath) else ""
        raise UserError(f"Cannot write the {what} to {path}: {exc.strerror or exc}{hint}.") from exc
    print(f"Wrote the {what} to {path}")


def _outputs(
    files: ReportFiles,
    folder: Path,
    html: Callable[[], str],
    json_text: Callable[[], str],
    csv_text: Callable[[], str],
) -> int:
    if files.json is not None:
        _write(files.json, json_text(), "JSON report")
    if files.csv is not None:
        _write(files.csv, csv_text(), "CSV report")
    page = files.html
    own = False
    if files.open_page and page is None:
        page, own = DataFolder(folder).report_page, True
    if page is not None:
        _write(page, html(), "HTML report", own=own)
    if files.open_page and page is not None:
        uri = page.resolve().as_uri()
        if not webbrowser.open(uri):
            print(f"No browser could be opened; open {uri} yourself.")
    return 0


def report_day(folder: Path, day: date, zone: tzinfo, files: ReportFiles) -> int:
    """Print the report of `day` from the history in `folder` and write the files asked for."""
    from posture.report.as_csv import days_csv
    from posture.report.as_html import day_page
    from posture.report.as_json import day_dict, dumps
    from posture.report.as_text import day_text
    from posture.report.comparisons import days_needed
    from posture.report.day import build_day
    from posture.report.tips import tips_for

    records = _fetch(folder, *days_needed(day, day), zone)
    titles = _exercise_titles()
    report = build_day(day, zone, *records, exercise_titles=titles)
    tips = tips_for(report)
    if not files.to_stdout:
        print(day_text(report))
    return _outputs(
        files,
        folder,
        lambda: day_page(report, tips, titles),
        lambda: dumps(day_dict(report, tips)),
        lambda: days_csv([report]),
    )


def report_week(folder: Path, last: date, zone: tzinfo, files: ReportFiles) -> int:
    """Print the report of the seven days ending on `last` and write the files asked for."""
    from posture.report.as_csv import days_csv
    from posture.report.as_html import week_page
    from posture.report.as_json import dumps, week_dict
    from posture.report.as_text import week_text
    from posture.report.comparisons import days_needed
    from posture.report.week import build_week

    records = _fetch(folder, *days_needed(last - timedelta(days=6), last), zone)
    week = build_week(last, zone, *records, exercise_titles=_exercise_titles())
    if not files.to_stdout:
        print(week_text(week))
    return _outputs(
        files,
        folder,
        lambda: week_page(week),
        lambda: dumps(week_dict(week)),
        lambda: days_csv(week.days),
    )
