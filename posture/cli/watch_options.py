"""What to watch: the options `run` and `start` share, defined once.

`start` passes them on to the `run` it launches in the background; it reads them from the same
table, so an option added here reaches the background monitor too.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import datetime

from posture.errors import UserError, shown

# The years whose days a report can cut (see `report --date`): a replay outside them is a typo.
REPLAY_YEARS = (1971, 9998)


@dataclass(frozen=True)
class WatchOption:
    """One option of `run` that `start` passes on: its flag, metavar and help text."""

    flag: str
    metavar: str
    help: str

    @property
    def dest(self) -> str:
        """The attribute argparse stores the value in ("--replay-start" -> "replay_start")."""
        return self.flag.removeprefix("--").replace("-", "_")


WATCH_OPTIONS = (
    WatchOption(
        "--source",
        "SOURCE",
        "camera index, video, folder or stream URL (default: from the config, else 0)",
    ),
    WatchOption(
        "--profile", "NAME", "calibration profile to judge against (default: the active one)"
    ),
    WatchOption(
        "--replay-start",
        "ISO_TIME",
        "for a replayed file: the local time its first frame stands for (default: now)",
    ),
)


def add_watch_arguments(parser: argparse.ArgumentParser) -> None:
    """Add every watch option (--source, --profile, --replay-start) to `parser`."""
    for option in WATCH_OPTIONS:
        parser.add_argument(option.flag, dest=option.dest, metavar=option.metavar, help=option.help)


def watch_arguments(args: argparse.Namespace) -> list[str]:
    """The watch options given in `args`, as flags for another command line."""
    out: list[str] = []
    for option in WATCH_OPTIONS:
        value = getattr(args, option.dest, None)
        if value is not None:
            out += [option.flag, str(value)]
    return out


def parse_replay_start(text: str | None) -> float | None:
    """The moment `--replay-start` names (local time unless it says otherwise), or None."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(f"'{shown(text)}' is not a date and time like 2026-11-25T09:00") from None
    if not REPLAY_YEARS[0] <= moment.year <= REPLAY_YEARS[1]:
        raise UserError(
            f"--replay-start {shown(text)} is outside the years a history can hold "
            f"({REPLAY_YEARS[0]} to {REPLAY_YEARS[1]})"
        )
    if moment.tzinfo is None:
        from posture.adapters.local_zone import user_zone

        moment = moment.replace(tzinfo=user_zone(None))  # a time without an offset is the user's
    return moment.timestamp()
