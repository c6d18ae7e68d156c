"""The command line: parses what the user typed, builds the real adapters, and runs a command.

This is the only place that prints for the user and turns mistakes into one sentence and exit
status 2. Commands and flags are a public contract; extend them, never rename them.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from posture import __version__
from posture.errors import UserError

log = logging.getLogger("posture")

MODEL_VARIANTS = ("lite", "full", "heavy")


def _common_options() -> argparse.ArgumentParser:
    """Options accepted both before and after the command name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="show debug logs, including the pose model's own log lines")
    common.add_argument("--model", metavar="VARIANT", default=argparse.SUPPRESS,
                        help="pose model variant: lite, full or heavy (default: lite)")
    return common


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="posture",
        description="Posture watches how you sit through your webcam and coaches you kindly.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"posture {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    setup = commands.add_parser("setup", parents=[common], help="provision the pose model")
    setup.add_argument("--offline", action="store_true",
                       help="skip Google's model storage and use the package index only")

    commands.add_parser("models", parents=[common], help="list the pose models present")

    analyze = commands.add_parser(
        "analyze", parents=[common], help="analyse images, folders and videos",
        description="Run the pose model over images, folders of images and videos.",
    )
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="image, folder or video")
    analyze.add_argument("--json", action="store_true",
                         help="print one JSON object per frame instead of a table")
    analyze.add_argument("--annotate", metavar="DIR", type=Path,
                         help="write each frame with its skeleton drawn into DIR")
    return parser


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s" if verbose else "posture: %(message)s",
        stream=sys.stderr,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for `python run.py` and the `posture` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    verbose = bool(getattr(args, "verbose", False))
    if not verbose:
        from posture.quiet import silence_native_logs

        silence_native_logs()
    _configure_logging(verbose)
    command = args.command or "run"
    try:
        from posture import commands

        return commands.dispatch(command, args)
    except UserError as exc:
        print(f"posture: {exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("posture: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
