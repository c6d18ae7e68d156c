"""The command line: parses what the user typed and runs a command.

This builds the top-level parser with the options every command takes, lets each command module
(see `posture.cli.commands`) add its own subcommand's options, and turns a mistake into one
sentence and exit status 2. Commands and flags are a public contract; extend them, never rename
them.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from posture import __version__
from posture.cli.commands import COMMANDS
from posture.config.model_variants import DEFAULT_MODEL_VARIANT, variant_choices
from posture.errors import UserError

log = logging.getLogger("posture")

DEFAULT_COMMAND = "run"
# Commands that read a broken config themselves and say so as part of their work.
READ_CONFIG_THEMSELVES = frozenset({"setup", "doctor"})


def _common_options() -> argparse.ArgumentParser:
    """Options accepted both before and after the command name."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS keeps an option given before the command from being reset by the subparser.
    common.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show debug logs, including the pose model's own log lines",
    )
    common.add_argument(
        "--model",
        metavar="VARIANT",
        default=argparse.SUPPRESS,
        help=f"pose model variant: {variant_choices()} (default: {DEFAULT_MODEL_VARIANT})",
    )
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where history and profiles live (default: $POSTURE_DATA_DIR or "
        "the per-user data folder)",
    )
    common.add_argument(
        "--config",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="configuration file (default: $POSTURE_CONFIG or the per-user config file)",
    )
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
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in COMMANDS.items():
        command.add_arguments(
            subparsers.add_parser(
                name, parents=[common], help=command.HELP, description=command.DESCRIPTION
            )
        )
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
        from posture.adapters.native_logs import silence_native_logs

        silence_native_logs()
    _configure_logging(verbose)
    if args.command is None:
        # `python run.py` alone is `python run.py run` with its defaults.
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), DEFAULT_COMMAND])
    try:
        if getattr(args, "config", None) is not None and args.command not in READ_CONFIG_THEMSELVES:
            from posture.cli.common import config

            config(args)  # every command refuses a missing or broken --config, `report` too
        return COMMANDS[args.command].run(args)
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
