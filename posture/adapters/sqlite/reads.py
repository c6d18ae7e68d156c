"""What the report reads back: every record of a span of time, oldest first."""

from __future__ import annotations

from typing import Any

from posture.adapters.sqlite.connection import SqliteConnection
from posture.core.records import (
    AlertRecord,
    BreakRecord,
    IntervalRecord,
    SittingRecord,
    StateChange,
)
from posture.core.vocabulary import Severity


class SqliteHistoryReader(SqliteConnection):
    """`posture.ports.HistoryReader` on SQLite."""

    def intervals_between(self, start_s: float, end_s: float) -> list[IntervalRecord]:
        """Intervals that start in [start_s, end_s), oldest first.

        Each interval belongs to the range its start falls in, so adjacent ranges (days) never
        count one twice.
        """
        where = "FROM intervals WHERE start_s >= ? AND start_s < ?"
        issues: dict[int, dict[str, float]] = {}
        rows = self._rows(
            "SELECT id, start_s, end_s, monitored_s, good_s, away_s, unavailable_s, paused_s,"
            f" score, profile, drifted_s {where} ORDER BY start_s, id",
            (start_s, end_s),
        )
        for interval_id, issue, seconds in self._rows(
            f"SELECT interval_id, issue, seconds FROM interval_issues WHERE interval_id IN"
            f" (SELECT id {where})",
            (start_s, end_s),
        ):
            issues.setdefault(interval_id, {})[issue] = seconds
        return [
            IntervalRecord(
                id=i,
                start_s=start,
                end_s=end,
                monitored_s=monitored,
                good_s=good,
                away_s=away,
                unavailable_s=unavailable,
                paused_s=paused,
                issue_s=issues.get(i, {}),
                score=score,
                profile=profile,
                drifted_s=drifted,
            )
            for (
                i,
                start,
                end,
                monitored,
                good,
                away,
                unavailable,
                paused,
                score,
                profile,
                drifted,
            ) in rows
        ]

    def state_changes_between(self, start_s: float, end_s: float) -> list[StateChange]:
        """State changes at times in [start_s, end_s), oldest first."""
        return [
            StateChange(*row)
            for row in self._rows(
                "SELECT id, t_s, kind, value, detail FROM state_changes"
                " WHERE t_s >= ? AND t_s < ? ORDER BY t_s, id",
                (start_s, end_s),
            )
        ]

    def alerts_between(self, start_s: float, end_s: float) -> list[AlertRecord]:
        """Alerts shown at times in [start_s, end_s), oldest first."""
        return [
            AlertRecord(i, t, kind, issue, Severity(severity), exercise, message, corrected, done)
            for i, t, kind, issue, severity, exercise, message, corrected, done in self._rows(
                "SELECT id, t_s, kind, issue, severity, exercise, message, corrected_at_s,"
                " done_at_s"
                " FROM alerts WHERE t_s >= ? AND t_s < ? ORDER BY t_s, id",
                (start_s, end_s),
            )
        ]

    def sittings_between(self, start_s: float, end_s: float) -> list[SittingRecord]:
        """Sittings that overlap [start_s, end_s), unclipped, oldest first."""
        return [SittingRecord(*row) for row in self._overlapping("sittings", start_s, end_s)]

    def breaks_between(self, start_s: float, end_s: float) -> list[BreakRecord]:
        """Breaks that overlap [start_s, end_s), unclipped, oldest first."""
        return [BreakRecord(*row) for row in self._overlapping("breaks", start_s, end_s)]

    def _overlapping(self, table: str, start_s: float, end_s: float) -> list[tuple[Any, ...]]:
        return self._rows(
            f"SELECT id, start_s, end_s FROM {table}"
            " WHERE start_s < ? AND end_s > ? ORDER BY start_s",
            (end_s, start_s),
        )
