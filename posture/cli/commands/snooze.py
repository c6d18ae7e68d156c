"""`snooze 30m|1h|today|off`: keep coaching quiet for a while, or end the quiet early.

The snooze is written to the history database, which a running monitor reads before every
look, so it takes effect without a restart. A new snooze replaces the one running, so the
latest command wins. Without an argument it says whether a snooze is on.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from posture.cli.common import data_dir
from posture.core.quiet_hours import parse_snooze, until_phrase
from posture.errors import UserError

HELP = "keep coaching quiet for a while"
DESCRIPTION = (
    "Snooze coaching for a length of time (30m, 1h, 1h30m) or for the rest of the day (today); "
    "`off` ends it. Without an argument, say whether one is on."
)

OFF_WORDS = ("off",)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The duration: 30m, 1h, today or off (none: say whether a snooze is on)."""
    parser.add_argument("duration", nargs="?", metavar="30m|1h|today|off")


def run(args: argparse.Namespace) -> int:
    """Start, end or show a snooze."""
    from posture.adapters.local_zone import user_zone
    from posture.adapters.sqlite.store import SqliteStore
    from posture.core.folder_layout import DataFolder

    text: str | None = getattr(args, "duration", None)
    zone = user_zone(None)
    now = datetime.now(zone)
    now_s = now.timestamp()
    word = None if text is None else text.strip().lower()
    until: datetime | None = None
    if word is not None and word not in OFF_WORDS:
        try:
            until = parse_snooze(text or "", now)
        except ValueError as exc:
            raise UserError(str(exc)) from exc
    with SqliteStore.open(DataFolder(data_dir(args)).history) as store:
        if until is not None:
            with store.transaction():  # the latest snooze wins, shorter or longer
                store.end_snooze(now_s)
                store.add_snooze(now_s, until.timestamp(), reason=f"snooze {word}")
            print(f"Snoozed until {until_phrase(until, now)}.")
        elif word is not None:
            ended = store.end_snooze(now_s)
            print("Snooze ended; coaching is back on." if ended else "No snooze was on.")
        elif (current := store.active_snooze(now_s)) is not None:
            shown = datetime.fromtimestamp(current, zone)
            print(f"Snoozed until {until_phrase(shown, now)}.")
        else:
            print("Not snoozed.")
    return 0
