"""The report command's small parts outside the report package: --date, the zone, and
files written owner-only."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from posture.adapters.private_files import write_owner_only
from posture.cli.commands.report import parse_day
from posture.errors import UserError
from tests.support.report_records import DAY


@pytest.mark.parametrize("text", ["2026-13-01", "yesterday", "25.11.2026", "2026-02-30"])
def test_a_bad_date_is_a_user_error(text: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_day(text, DAY)
    assert caught.value.exit_status == 2
    assert "YYYY-MM-DD" in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "day"), [(None, DAY), ("", DAY), ("2026-03-29", date(2026, 3, 29))]
)
def test_a_date_or_today(text: str | None, day: date) -> None:
    assert parse_day(text, DAY) == day


def test_files_are_written_owner_only_and_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(0o644)
    write_owner_only(target, b"new\r\n", make_folders=False)
    assert target.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["report.json"]
    with pytest.raises(OSError):
        write_owner_only(tmp_path / "missing" / "x.html", b"text", make_folders=False)
