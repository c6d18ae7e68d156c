"""What the monitor loop records: intervals, state changes, alerts, sittings and breaks.

Every value is checked before its transaction starts (`validation`), so a bad one is refused
with a sentence that names it; an interval and its issue seconds are saved together or not at
all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from posture.adapters.sqlite.connection import SqliteConnection
from posture.adapters.sqlite.validation import SLACK_S, finite, known_issue, span
from posture.core.records import ALERT_KINDS, STATE_KINDS, AlertKind, StateKind
from posture.core.vocabulary import Severity


class SqliteHistoryWriter(SqliteConnection):
    """`posture.ports.HistoryWriter` on SQLite: each call is one committed write."""

    def add_interval(
        self,
        *,
        start_s: float,
        end_s: float,
        monitored_s: float,
        good_s: float,
        away_s: float = 0.0,
        unavailable_s: float = 0.0,
        paused_s: float = 0.0,
        drifted_s: float = 0.0,
        issue_s: Mapping[str, float] | None = None,
        score: float | None = None,
        profile: str | None = None,
    ) -> int:
        """Save one interval summary and its seconds per issue; return its id.

        Issues with zero seconds are not stored. Raises ValueError for impossible values.
        """
        start, end = span(start_s, end_s)
        monitored = finite("monitored_s", monitored_s)
        good = finite("good_s", good_s)
        if good > monitored + SLACK_S:
            raise ValueError(f"good_s ({good}) exceeds monitored_s ({monitored})")
        issues = {
            known_issue(name): finite(f"issue_s[{name!r}]", seconds)
            for name, seconds in (issue_s or {}).items()
        }
        for name, seconds in issues.items():
            if seconds > monitored + SLACK_S:
                raise ValueError(f"issue_s[{name!r}] ({seconds}) exceeds monitored_s ({monitored})")
        if score is not None and not 0.0 <= finite("score", score) <= 100.0:
            raise ValueError(f"score must be within 0-100, not {score}")
        with self.transaction():
            interval_id = int(
                cast(
                    int,
                    self._db.execute(
                        "INSERT INTO intervals (start_s, end_s, monitored_s, good_s, away_s,"
                        " unavailable_s, paused_s, score, profile, drifted_s)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            start,
                            end,
                            monitored,
                            good,
                            finite("away_s", away_s),
                            finite("unavailable_s", unavailable_s),
                            finite("paused_s", paused_s),
                            score,
                            profile,
                            finite("drifted_s", drifted_s),
                        ),
                    ).lastrowid,
                )
            )
            self._db.executemany(
                "INSERT INTO interval_issues (interval_id, issue, seconds) VALUES (?, ?, ?)",
                [
                    (interval_id, name, seconds)
                    for name, seconds in sorted(issues.items())
                    if seconds > 0
                ],
            )
        return interval_id

    def add_state_change(
        self, t_s: float, kind: StateKind, value: str, detail: str | None = None
    ) -> int:
        """Save the moment posture, presence, the camera or the monitor changed; return its id."""
        if kind not in STATE_KINDS:
            raise ValueError(f"unknown state kind {kind!r}; known: {', '.join(STATE_KINDS)}")
        return self._insert(
            "INSERT INTO state_changes (t_s, kind, value, detail) VALUES (?, ?, ?, ?)",
            (finite("t_s", t_s, minimum=None), kind, value, detail),
        )

    def add_alert(
        self,
        *,
        t_s: float,
        kind: AlertKind,
        severity: Severity,
        message: str,
        issue: str | None = None,
        exercise: str | None = None,
    ) -> int:
        """Save a notification that was shown; return its id for `mark_alert_corrected`."""
        if kind not in ALERT_KINDS:
            raise ValueError(f"unknown alert kind {kind!r}; known: {', '.join(ALERT_KINDS)}")
        return self._insert(
            "INSERT INTO alerts (t_s, kind, issue, severity, exercise, message)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                finite("t_s", t_s, minimum=None),
                kind,
                None if issue is None else known_issue(issue),
                int(Severity(severity)),
                exercise,
                message,
            ),
        )

    def mark_alert_corrected(self, alert_id: int, t_s: float) -> bool:
        """Note when posture became good after an alert; the first time counts.

        Returns False when it was already marked. Raises KeyError for an unknown alert and
        ValueError for a time before the alert.
        """
        corrected = finite("t_s", t_s, minimum=None)
        with self.transaction():
            row = self._db.execute(
                "SELECT t_s, corrected_at_s FROM alerts WHERE id = ?", (alert_id,)
            ).fetchone()
            if row is None:
                raise KeyError(f"no alert with id {alert_id}")
            if row[1] is not None:
                return False
            if corrected < row[0]:
                raise ValueError(f"t_s ({corrected}) is before the alert ({row[0]})")
            self._db.execute(
                "UPDATE alerts SET corrected_at_s = ? WHERE id = ?", (corrected, alert_id)
            )
        return True

    def mark_exercise_done(self, alert_id: int, t_s: float) -> bool:
        """Note that the user answered alert `alert_id` with "Done"; the first answer counts.

        Returns False when it was already marked. Raises KeyError for an unknown alert.
        """
        done = finite("t_s", t_s, minimum=None)
        with self.transaction():
            row = self._db.execute(
                "SELECT done_at_s FROM alerts WHERE id = ?", (alert_id,)
            ).fetchone()
            if row is None:
                raise KeyError(f"no alert with id {alert_id}")
            if row[0] is not None:
                return False
            self._db.execute("UPDATE alerts SET done_at_s = ? WHERE id = ?", (done, alert_id))
        return True

    def add_sitting(self, start_s: float, end_s: float) -> None:
        """Save a sitting session, or extend the one that began at `start_s`.

        Saving the open sitting again each interval means a crash loses at most one interval.
        """
        self._save_span("sittings", start_s, end_s)

    def add_break(self, start_s: float, end_s: float) -> None:
        """Save a break, or extend the one that began at `start_s`."""
        self._save_span("breaks", start_s, end_s)

    def _save_span(self, table: str, start_s: float, end_s: float) -> None:
        start, end = span(start_s, end_s)
        with self.transaction():
            self._db.execute(
                f"INSERT INTO {table} (start_s, end_s) VALUES (?, ?)"
                " ON CONFLICT (start_s) DO UPDATE SET end_s = excluded.end_s",
                (start, end),
            )
