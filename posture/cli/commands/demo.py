"""`demo`: a replayed day for a newcomer without a camera, into its own demo data folder.

It builds a video from the picture the project ships (or replays one the user names),
calibrates a demo profile, replays the video through the whole assistant on the video's own
clock (as if it were this morning), then writes and prints the day's report. Nothing touches
the user's real history, and the user's own config file does not apply: the demo runs on the
default settings (or a `--config` named for it), so it shows the same day to everyone. Its
report says that it is demo data, on the terminal and in the HTML and JSON files. The three
steps are the work behind `calibrate`, `run` and `report`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path

from posture.cli.common import config, data_dir, model_variant
from posture.config.model_variants import checked_variant
from posture.config.schema import Config
from posture.core.folder_layout import DataFolder
from posture.errors import UserError

HELP = "replay a generated day and show its report"
DESCRIPTION = (
    "For a first look without a camera: replay a video (generated from the picture that ships "
    "with Posture, or one you name) into a separate demo folder, then write and print that "
    "day's report. Your own history is not touched, and your config file does not apply "
    "(the demo runs on the defaults, or on a --config you name)."
)

DEMO_PROFILE = "demo"
CALIBRATION_S = 5.0
BANNER = "DEMO DATA: this report comes from a generated video, not from you."


def banner(video: str | None) -> str:
    """What heads every demo output: demo data, from a generated video or the one named."""
    if video is None:
        return BANNER
    return f"DEMO DATA: this report comes from the video {Path(video).name}, not from your history."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--video, --demo-dir and --open."""
    parser.add_argument(
        "--video", metavar="FILE", help="replay this video instead of the generated one"
    )
    parser.add_argument(
        "--demo-dir",
        metavar="DIR",
        help="where the demo history goes (default: demo/ in the data folder)",
    )
    parser.add_argument("--open", action="store_true", help="open the HTML report in a browser")


def run(args: argparse.Namespace) -> int:
    """Generate or take the video, replay it into the demo folder, report on it."""
    from posture.adapters.data_folder import ensure_private_dir
    from posture.adapters.local_zone import user_zone
    from posture.adapters.sqlite.file import remove
    from posture.cli.calibrating import calibrate_profile
    from posture.cli.monitoring import watch
    from posture.cli.reporting import ReportFiles, report_day
    from posture.operations.demo_day import write_calibration, write_day

    real = data_dir(args)
    place = DataFolder(Path(args.demo_dir).expanduser()) if args.demo_dir else DataFolder(real).demo
    demo = place.root
    if demo.resolve() == real.resolve():
        raise UserError("the demo needs its own folder, apart from your real history")
    ensure_private_dir(demo)
    remove(place.history)  # each demo starts from an empty history
    notice = banner(args.video)
    print(f"{notice}\nDemo folder: {demo}", file=sys.stderr)
    if args.video is not None:
        video = Path(args.video)
        if not video.is_file():
            raise UserError(f"{video}: no such video")
        calibration_source = str(video)
    else:
        video = place.demo_video
        print("Making the demo video from the picture that ships with Posture...", file=sys.stderr)
        write_day(video)
        calibration_source = str(write_calibration(place.demo_calibration))
    zone = user_zone(None)
    start = datetime.combine(datetime.now(zone).date(), clock_time(9, 0), tzinfo=zone)
    # The same day for everyone: the user's own config file (quiet hours, pause apps, a broken
    # line) does not apply; a --config named for the demo does.
    settings = config(args) if getattr(args, "config", None) is not None else Config()
    calibrate_profile(
        folder=demo,
        settings=settings,
        variant=model_variant(args),
        source=calibration_source,
        profile=DEMO_PROFILE,
        seconds=CALIBRATION_S,
        countdown_s=0,
    )
    # A demo day must not pop up a morning's notifications in a minute: they go to the log.
    watch(
        folder=demo,
        settings=settings,
        source=str(video),
        variant=checked_variant(getattr(args, "model", None) or settings.monitor.model),
        profile=DEMO_PROFILE,
        notifier="log",
        replay_start_s=start.timestamp(),
    )
    html = place.report_page
    json_file = place.report_json
    print(f"\n{notice}")
    report_day(
        demo,
        start.date(),
        user_zone(None),
        ReportFiles(html=html, json=json_file, open_page=bool(args.open)),
        demo_notice=notice,
    )
    print(f"\nThe demo report is in {html} (JSON: {json_file}). {notice}")
    return 0
