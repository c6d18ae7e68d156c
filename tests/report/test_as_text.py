"""The terminal summary of a day."""

from __future__ import annotations

from datetime import timedelta

from posture.report.as_text import day_text
from tests.support.report_records import DAY, T0, alert, at_min, change, day_of, scored_day


def test_the_summary_is_short_and_readable() -> None:
    ivs = scored_day(DAY, 100, 80) + scored_day(DAY - timedelta(days=1), 60, 30)
    report = day_of(
        ivs,
        alerts=[alert(at_min(5), corrected_s=at_min(6))],
        changes=[change(T0, "posture", "good"), change(at_min(80), "posture", "slouch")],
    )
    text = day_text(report)
    lines = text.splitlines()
    assert len(lines) <= 15
    assert lines[0] == "Posture report for Wednesday 25 November 2026 (Europe/Berlin)"
    assert "score 80/100" in text and "yesterday 50 (+30)" in text
    assert "Longest good   1 h 20 min, 09:00-10:20" in text
    assert "1 sent, 1 followed by a correction" in text
