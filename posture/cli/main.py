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
        help="pose model variant: lite, full or heavy (default: lite)",
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


def _watch_options() -> argparse.ArgumentParser:
    """What to watch: shared by `run` and `start`, which passes them on to `run`."""
    watching = argparse.ArgumentParser(add_help=False)
    watching.add_argument(
        "--source",
        metavar="SOURCE",
        help="camera index, video, folder or stream URL (default: from the config, else 0)",
    )
    watching.add_argument(
        "--profile",
        metavar="NAME",
        help="calibration profile to judge against (default: the active one)",
    )
    watching.add_argument(
        "--replay-start",
        metavar="ISO_TIME",
        help="for a replayed file: the local time its first frame stands for (default: now)",
    )
    return watching


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

    watching = _watch_options()
    commands.add_parser(
        "run",
        parents=[common, watching],
        help="watch your posture until stopped (the default command)",
        description="Watch the configured source (default: webcam 0) until stopped. A video "
        "file or folder replays on its own clock as fast as the machine allows.",
    )

    setup = commands.add_parser(
        "setup",
        parents=[common],
        help="guided first run: model, camera, calibration, settings",
        description="Walk through seven steps: provision the pose model, pick the camera (a "
        "snapshot with the skeleton drawn is saved in the data folder), check "
        "framing and light, calibrate, test a notification, choose the sitting "
        "limit, quiet hours and login autostart, and save the config file. Run it "
        "again any time; any step can be skipped.",
    )
    setup.add_argument(
        "--offline",
        action="store_true",
        help="skip Google's model storage and use the package index only",
    )
    setup.add_argument(
        "-y", "--yes", action="store_true", help="take every default without asking (for scripts)"
    )
    setup.add_argument(
        "--source",
        metavar="SOURCE",
        help="camera index, video, picture, folder or stream URL to use instead "
        "of searching for cameras",
    )
    setup.add_argument(
        "--profile",
        default="default",
        metavar="NAME",
        help="the calibration profile's suggested name (default: default)",
    )
    setup.add_argument(
        "--model-only",
        action="store_true",
        help="only provision the pose model, asking nothing (the old setup)",
    )

    commands.add_parser(
        "doctor",
        parents=[common],
        help="check the model, camera, notifications, files",
        description="Check the pose model, the camera, notifications, the data folder, the "
        "config file and the login autostart; one line each (ok, warn or FAIL) "
        "with a fix for each failure. Exit 0 when nothing failed, 1 otherwise.",
    )

    commands.add_parser("models", parents=[common], help="list the pose models present")

    analyze = commands.add_parser(
        "analyze",
        parents=[common],
        help="analyse images, folders and videos",
        description="Run the pose model over images, folders of images and videos.",
    )
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="image, folder or video")
    analyze.add_argument(
        "--json", action="store_true", help="print one JSON object per frame instead of a table"
    )
    analyze.add_argument(
        "--annotate",
        metavar="DIR",
        type=Path,
        help="write each frame with its skeleton drawn into DIR",
    )
    analyze.add_argument(
        "--calibrate-with",
        nargs="+",
        metavar="PATH",
        help="compute a baseline from these frames first and judge against it",
    )
    analyze.add_argument(
        "--profile", metavar="NAME", help="judge against a stored calibration profile"
    )

    calibrate = commands.add_parser(
        "calibrate",
        parents=[common],
        help="capture your good posture as a baseline",
        description="Count down, sample your good posture for a few seconds, and store it as "
        "a named profile (one per desk setup).",
    )
    calibrate.add_argument(
        "--source",
        default="0",
        metavar="SOURCE",
        help="camera index, video, picture, folder or stream URL (default: 0)",
    )
    calibrate.add_argument(
        "--profile",
        default="default",
        metavar="NAME",
        help="profile name, e.g. desk or laptop (default: default)",
    )
    calibrate.add_argument(
        "--preview", type=Path, metavar="FILE", help="save the annotated frame used for calibration"
    )
    calibrate.add_argument(
        "--seconds",
        type=_positive_float,
        default=5.0,
        metavar="S",
        help="how long to sample (default: 5)",
    )
    calibrate.add_argument(
        "--countdown",
        type=int,
        default=3,
        metavar="S",
        help="seconds to get ready before a live camera samples (default: 3)",
    )

    evaluate = commands.add_parser(
        "evaluate",
        parents=[common],
        help="measure the rules on a labelled set",
        description="Judge a labelled set (CSV with path, label, subject, role; session and "
        "view optional) and print per-label figures for the posture rules and for the "
        "nose-height rule, then both rules per session and subject with calibrations of 1, 3 "
        "and 5 frames, and with one session left out where a subject has several. "
        "'borderline' and 'unlabelled' rows are counted apart, never scored.",
    )
    evaluate.add_argument("labels", type=Path, metavar="LABELS.csv")
    evaluate.add_argument(
        "--root",
        type=Path,
        metavar="DIR",
        help="folder the paths are relative to (default: the CSV's folder)",
    )
    evaluate.add_argument(
        "--calibration-frames",
        type=int,
        metavar="N",
        help="without a role column: each subject's first N good frames calibrate",
    )
    evaluate.add_argument(
        "--only",
        metavar="TEXT",
        help="judge only the rows whose path contains TEXT (one labelled set)",
    )
    # Issue 13: JSON output and benign perturbations of the judged frames. The choices are the
    # names in posture.adapters.opencv_perturb (not imported here: it loads OpenCV).
    evaluate.add_argument(
        "--json", action="store_true", help="print one JSON object instead of the tables"
    )
    evaluate.add_argument(
        "--perturb",
        choices=("mirror", "dark", "jpeg", "noise", "blur", "shift"),
        metavar="CHANGE",
        help="judge the frames after a benign change: mirror (calibration frames too), dark "
        "(x0.55), jpeg (quality 20), noise (Gaussian, sigma 10), blur (sigma = long side / "
        "640) or shift (8%% cut off one side); also shows the share of verdicts kept",
    )

    # Running in the background: start, stop, status, autostart, snooze.
    commands.add_parser(
        "start",
        parents=[common, watching],
        help="run in the background (logs to posture.log)",
        description="Start `run` as a background process that outlives the terminal, and wait "
        "until it watches. Exit 1 when it is already running or fails to start.",
    )
    commands.add_parser(
        "stop",
        parents=[common],
        help="stop the background monitor",
        description="Ask the running monitor to save and stop; wait up to "
        "15 s. Exit 0 also when it was not running.",
    )
    status = commands.add_parser(
        "status",
        parents=[common],
        help="show whether Posture runs and what it sees",
        description="Exit 0 when running, 3 when not (as LSB init scripts do).",
    )
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    autostart = commands.add_parser(
        "autostart",
        parents=[common],
        help="start Posture when you log in",
        description="Install or remove a per-user login entry that runs `start`.",
    )
    autostart.add_argument(
        "action",
        nargs="?",
        choices=("enable", "disable", "status"),
        default="status",
        help="what to do (default: status)",
    )
    snooze = commands.add_parser(
        "snooze",
        parents=[common],
        help="keep coaching quiet for a while",
        description="Snooze coaching for a length of time (30m, 1h, 1h30m) or for the rest of "
        "the day (today); `off` ends it. Without an argument, say whether one is on.",
    )
    snooze.add_argument("duration", nargs="?", metavar="30m|1h|today|off")
    demo = commands.add_parser(
        "demo",
        parents=[common],
        help="replay a generated day and show its report",
        description="For a first look without a camera: replay a video (generated from the "
        "picture that ships with Posture, or one you name) into a separate demo "
        "folder, then write and print that day's report. Your own history is not "
        "touched.",
    )
    demo.add_argument(
        "--video", metavar="FILE", help="replay this video instead of the generated one"
    )
    demo.add_argument(
        "--demo-dir",
        metavar="DIR",
        help="where the demo history goes (default: demo/ in the data folder)",
    )
    demo.add_argument("--open", action="store_true", help="open the HTML report in a browser")

    report = commands.add_parser(
        "report",
        parents=[common],
        help="show the daily posture report",
        description="Summarise a day (or, with --week, the seven days ending on it) of posture "
        "history, and optionally write it as HTML, JSON or CSV.",
    )
    report.add_argument(
        "--date", metavar="YYYY-MM-DD", help="the day to report on (default: today, local time)"
    )
    report.add_argument(
        "--week",
        action="store_true",
        help="report the seven days ending on --date instead of one day",
    )
    report.add_argument(
        "--html",
        type=Path,
        metavar="FILE",
        help="write a self-contained HTML page (no network needed)",
    )
    report.add_argument("--json", type=Path, metavar="FILE", help="write every figure as JSON")
    report.add_argument("--csv", type=Path, metavar="FILE", help="write one row per day as CSV")
    report.add_argument(
        "--open", action="store_true", help="open the HTML report in the default browser"
    )
    report.add_argument(
        "--timezone",
        metavar="ZONE",
        help="IANA time zone that days are cut in, e.g. Europe/Berlin (default: the system's)",
    )

    return parser


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' must be more than 0")
    return value


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
    command = args.command or "run"
    if args.command is None:
        # `python run.py` alone is `python run.py run` with its defaults.
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "run"])
    try:
        from posture.cli import commands

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
