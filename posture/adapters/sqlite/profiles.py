"""Named calibration profiles, one per desk setup; the database keeps at most one active."""

from __future__ import annotations

import json

from posture.adapters.sqlite.connection import SqliteConnection
from posture.core.records import ProfileRecord


class SqliteProfiles(SqliteConnection):
    """`posture.ports.Profiles` on SQLite."""

    def save_profile(self, name: str, baseline_json: str, activate: bool = True) -> None:
        """Create or replace the named calibration; with `activate`, make it the one in use.

        Raises ValueError for an empty name or a baseline that is not JSON.
        """
        if not name.strip():
            raise ValueError("a profile needs a name")
        try:
            json.loads(baseline_json)
        except ValueError as exc:
            raise ValueError(f"the baseline of profile {name!r} is not JSON: {exc}") from exc
        now_s = self._clock()
        with self.transaction():
            if activate:
                self._db.execute(
                    "UPDATE profiles SET active = 0 WHERE active = 1 AND name != ?", (name,)
                )
            self._db.execute(
                "INSERT INTO profiles (name, created_s, updated_s, baseline, active)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
                " updated_s = excluded.updated_s, baseline = excluded.baseline,"
                " active = max(active, excluded.active)",
                (name, now_s, now_s, baseline_json, int(activate)),
            )

    def load_profile(self, name: str | None = None) -> tuple[str, str] | None:
        """(name, baseline JSON) of the named profile, or of the active one when `name` is None."""
        if name is None:
            rows = self._rows("SELECT name, baseline FROM profiles WHERE active = 1")
        else:
            rows = self._rows("SELECT name, baseline FROM profiles WHERE name = ?", (name,))
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    def list_profiles(self) -> list[ProfileRecord]:
        """Every profile, by name."""
        return [
            ProfileRecord(name, created, updated, bool(active), baseline)
            for name, created, updated, active, baseline in self._rows(
                "SELECT name, created_s, updated_s, active, baseline FROM profiles ORDER BY name"
            )
        ]

    def activate_profile(self, name: str) -> bool:
        """Make the named profile the one in use; False (nothing changed) when there is none."""
        with self.transaction():
            found = self._db.execute("SELECT 1 FROM profiles WHERE name = ?", (name,)).fetchone()
            if found is None:
                return False
            # Two steps: at most one row may be active at any moment (a unique index).
            self._db.execute(
                "UPDATE profiles SET active = 0 WHERE active = 1 AND name != ?", (name,)
            )
            self._db.execute("UPDATE profiles SET active = 1 WHERE name = ?", (name,))
        return True

    def delete_profile(self, name: str) -> bool:
        """Remove the named profile; False when there was none. History keeps its name."""
        with self.transaction():
            deleted = self._db.execute("DELETE FROM profiles WHERE name = ?", (name,)).rowcount
        return deleted > 0
