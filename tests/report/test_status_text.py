"""The `Storage:` line of `status`: shown only while the history cannot be saved."""

from __future__ import annotations

from pathlib import Path

from posture.report.status_text import status_lines

LOG = Path("/d/posture.log")
BASE = {"state": "watching", "posture": "good", "updated_s": 100.0, "sitting_for_s": 30.0}


def test_no_storage_line_while_saving_works() -> None:
    lines = status_lines({**BASE, "storage": "ok", "unsaved_records": 0}, 7, LOG)
    assert not any(line.strip().startswith("Storage:") for line in lines)
    assert status_lines(BASE, 7, LOG) == lines  # a monitor from before the field: the same


def test_the_storage_line_names_the_problem_and_what_is_held() -> None:
    status = {
        **BASE,
        "storage": "failing",
        "storage_problem": "/d cannot be written now",
        "unsaved_records": 12,
    }
    lines = status_lines(status, 7, LOG)
    assert "  Storage:    /d cannot be written now; 12 records held in memory until it works" in (
        lines
    )
    assert lines[-1] == f"  Log:        {LOG}"
