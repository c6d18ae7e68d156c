"""The commands behind the CLI, one module each; `dispatch` runs one by name."""

from __future__ import annotations

import argparse
import importlib

from posture.errors import UserError

# Command name -> module in this package with a `run(args) -> int` function.
COMMANDS: dict[str, str] = {
    "setup": "setup",
    "doctor": "doctor",
    "models": "models",
    "analyze": "analyze",
    "calibrate": "calibrate",
    "evaluate": "evaluate",
    "run": "run",
    "report": "report",
    "demo": "demo",
    "start": "start",
    "stop": "stop",
    "status": "status",
    "autostart": "autostart",
    "snooze": "snooze",
}


def dispatch(command: str, args: argparse.Namespace) -> int:
    """Run one command by name."""
    if command not in COMMANDS:
        raise UserError(f"the '{command}' command is not available yet")
    module = importlib.import_module(f"posture.cli.commands.{COMMANDS[command]}")
    status: int = module.run(args)
    return status
