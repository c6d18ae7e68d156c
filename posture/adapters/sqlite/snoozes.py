"""Stretches of time the user asked to keep quiet, and when the current one ends."""

from __future__ import annotations

from posture.adapters.sqlite.connection import SqliteConnection
from posture.adapters.sqlite.validation import finite, span


class SqliteSnoozes(SqliteConnection):
    """`posture.ports.Snoozes` on SQLite."""

    def add_snooze(self, start_s: float, until_s: float, reason: str = "") -> int:
        """Save a pause of the coaching from `start_s` until `until_s`; return its id."""
        start, until = span(start_s, until_s)
        return self._insert(
            "INSERT INTO snoozes (start_s, until_s, reason) VALUES (?, ?, ?)",
            (start, until, reason),
        )

    def active_snooze(self, now_s: float) -> float | None:
        """When the latest snooze covering `now_s` ends, or None when none does."""
        rows = self._rows(
            "SELECT max(until_s) FROM snoozes WHERE start_s <= ? AND until_s > ?", (now_s, now_s)
        )
        return None if rows[0][0] is None else float(rows[0][0])

    def end_snooze(self, now_s: float) -> int:
        """End every snooze covering `now_s` at `now_s`; return how many were on."""
        now = finite("now_s", now_s, minimum=None)
        with self.transaction():
            ended = self._db.execute(
                "UPDATE snoozes SET until_s = ? WHERE start_s <= ? AND until_s > ?",
                (now, now, now),
            ).rowcount
        return int(ended)
