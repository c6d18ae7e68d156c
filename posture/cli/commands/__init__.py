"""The commands of the command line, one module each, in the order `--help` lists them.

Each module owns its part of the command line: `HELP` (its line in `posture --help`),
`DESCRIPTION` (the top of `posture COMMAND --help`, or None), `add_arguments(parser)` (its own
options; the common ones are added by `posture.cli.main`) and `run(args) -> int` (the work, given
the parsed options, returning the exit status). `posture.cli.main` imports them all to build
the parser, so importing one loads no OpenCV or MediaPipe: `--help` and `status` stay quick,
and those libraries load only after `silence_native_logs` has set the log levels they read
when they load (see `posture.adapters.native_logs`).
"""

from __future__ import annotations

import argparse
from typing import Protocol

from posture.cli.commands import (
    analyze,
    autostart,
    calibrate,
    demo,
    desktop,
    doctor,
    evaluate,
    models,
    profiles,
    report,
    run,
    setup,
    snooze,
    start,
    status,
    stop,
)


class Command(Protocol):
    """What `posture.cli.main` needs of a command module."""

    @property
    def HELP(self) -> str: ...  # noqa: N802 (a module constant seen through the protocol)

    @property
    def DESCRIPTION(self) -> str | None: ...  # noqa: N802

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


# Command name -> its module, in the order `posture --help` lists them.
COMMANDS: dict[str, Command] = {
    "run": run,
    "setup": setup,
    "doctor": doctor,
    "models": models,
    "analyze": analyze,
    "calibrate": calibrate,
    "evaluate": evaluate,
    "start": start,
    "desktop": desktop,
    "stop": stop,
    "status": status,
    "autostart": autostart,
    "snooze": snooze,
    "demo": demo,
    "report": report,
    "profiles": profiles,
}
