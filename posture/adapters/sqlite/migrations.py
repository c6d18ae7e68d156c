"""The history database schema, as an ordered list of migrations.

`PRAGMA user_version` counts how many of `MIGRATIONS` a database has had; each new schema
change is a new function appended with `@migration`, never an edit of an old one. The store
runs the missing ones inside its own write transaction, so a migration must not commit (and
so must not use `executescript`, which does).

Times are REAL UTC seconds since the epoch. The CHECK constraints are a backstop for the
store's own validation; they use nothing newer than SQLite 3.24 (UPSERT) needs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]

MIGRATIONS: list[Migration] = []
migration = MIGRATIONS.append


def _run(db: sqlite3.Connection, *statements: str) -> None:
    for statement in statements:
        db.execute(statement)


@migration
def m001_initial(db: sqlite3.Connection) -> None:
    """Intervals with their issue seconds, state changes, alerts, sittings, breaks, profiles,
    snoozes."""
    _run(
        db,
        """CREATE TABLE intervals (
            id INTEGER PRIMARY KEY,
            start_s REAL NOT NULL,
            end_s REAL NOT NULL CHECK (end_s >= start_s),
            monitored_s REAL NOT NULL CHECK (monitored_s >= 0),
            good_s REAL NOT NULL CHECK (good_s >= 0),
            away_s REAL NOT NULL DEFAULT 0 CHECK (away_s >= 0),
            unavailable_s REAL NOT NULL DEFAULT 0 CHECK (unavailable_s >= 0),
            paused_s REAL NOT NULL DEFAULT 0 CHECK (paused_s >= 0),
            score REAL CHECK (score IS NULL OR score BETWEEN 0 AND 100),
            profile TEXT
        )""",
        "CREATE INDEX intervals_by_start ON intervals (start_s)",
        # A child table rather than JSON: issue seconds stay typed, checked and summable in SQL.
        """CREATE TABLE interval_issues (
            interval_id INTEGER NOT NULL REFERENCES intervals (id) ON DELETE CASCADE,
            issue TEXT NOT NULL,
            seconds REAL NOT NULL CHECK (seconds >= 0),
            PRIMARY KEY (interval_id, issue)
        ) WITHOUT ROWID""",
        """CREATE TABLE state_changes (
            id INTEGER PRIMARY KEY,
            t_s REAL NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('posture', 'presence', 'camera', 'monitor')),
            value TEXT NOT NULL,
            detail TEXT
        )""",
        "CREATE INDEX state_changes_by_time ON state_changes (t_s)",
        """CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            t_s REAL NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('posture', 'sitting', 'setup')),
            issue TEXT,
            severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),
            exercise TEXT,
            message TEXT NOT NULL,
            corrected_at_s REAL CHECK (corrected_at_s IS NULL OR corrected_at_s >= t_s)
        )""",
        "CREATE INDEX alerts_by_time ON alerts (t_s)",
        # start_s is unique so that saving an open sitting again extends it (a heartbeat).
        """CREATE TABLE sittings (
            id INTEGER PRIMARY KEY,
            start_s REAL NOT NULL UNIQUE,
            end_s REAL NOT NULL CHECK (end_s >= start_s)
        )""",
        """CREATE TABLE breaks (
            id INTEGER PRIMARY KEY,
            start_s REAL NOT NULL UNIQUE,
            end_s REAL NOT NULL CHECK (end_s >= start_s)
        )""",
        """CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_s REAL NOT NULL,
            updated_s REAL NOT NULL,
            baseline TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
        )""",
        # At most one active profile, enforced by the database itself.
        "CREATE UNIQUE INDEX profiles_one_active ON profiles (active) WHERE active = 1",
        """CREATE TABLE snoozes (
            id INTEGER PRIMARY KEY,
            start_s REAL NOT NULL,
            until_s REAL NOT NULL CHECK (until_s >= start_s),
            reason TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX snoozes_by_until ON snoozes (until_s)",
    )


@migration
def m002_setup_changed(db: sqlite3.Connection) -> None:
    """Seconds judged not at all because the desk setup had changed (older rows: none)."""
    _run(
        db,
        "ALTER TABLE intervals ADD COLUMN drifted_s REAL NOT NULL DEFAULT 0 CHECK (drifted_s >= 0)",
    )


@migration
def m003_exercise_done(db: sqlite3.Connection) -> None:
    """When the user answered a notification with "Done" (the exercise done; older rows: not)."""
    _run(db, "ALTER TABLE alerts ADD COLUMN done_at_s REAL")
