"""`demo`: a replayed day for a newcomer without a camera, into its own demo data folder.

It builds a video from the picture the project ships (or replays one the user names),
calibrates a demo profile, replays the video through the whole assistant on the video's own
clock (as if it were this morning), then writes and prints the day's report. Nothing touches
the user's real history.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path

from posture.cli.common import data_dir
from posture.errors import UserError

DEMO_FOLDER = "demo"
BANNER = "DEMO DATA: this report comes from a generated video, not from you."


def run(args: argparse.Namespace) -> int:
    """Generate or take the video, replay it into the demo folder, report on it."""
    from posture.adapters.local_zone import user_zone
    from posture.cli.commands import calibrate, report
    from posture.cli.commands import run as watch
    from posture.operations.demo_day import write_calibration, write_day

    real = data_dir(args)
    demo = Path(args.demo_dir) if args.demo_dir else real / DEMO_FOLDER
    if demo.resolve() == real.resolve():
        raise UserError("the demo needs its own folder, apart from your real history")
    demo.mkdir(parents=True, exist_ok=True)
    demo.chmod(0o700)
    history = demo / "history.sqlite3"
    for stale in (history, demo / "history.sqlite3-wal", demo / "history.sqlite3-shm"):
        stale.unlink(missing_ok=True)  # each demo starts from an empty history
    print(f"{BANNER}\nDemo folder: {demo}", file=sys.stderr)
    if args.video is not None:
        video = Path(args.video)
        if not video.is_file():
            raise UserError(f"{video}: no such video")
        calibration_source = str(video)
    else:
        video = demo / "demo-day.avi"
        print("Making the demo video from the picture that ships with Posture...", file=sys.stderr)
        write_day(video)
        calibration_source = str(write_calibration(demo / "calibration"))
    zone = user_zone(None)
    start = datetime.combine(datetime.now(zone).date(), clock_time(9, 0), tzinfo=zone)
    shared = {
        "data_dir": str(demo),
        "config": getattr(args, "config", None),
        "model": getattr(args, "model", None),
        "verbose": getattr(args, "verbose", False),
    }
    calibrate.run(
        argparse.Namespace(
            **shared,
            source=calibration_source,
            profile="demo",
            preview=None,
            seconds=5.0,
            countdown=0,
        )
    )
    # A demo day must not pop up a morning's notifications in a minute: they go to the log.
    watch.run(
        argparse.Namespace(
            **shared,
            source=str(video),
            profile="demo",
            replay_start=start.isoformat(),
            notifier="log",
        )
    )
    html = demo / "report.html"
    json_file = demo / "report.json"
    print(f"\n{BANNER}")
    report.run(
        argparse.Namespace(
            **shared,
            date=start.date().isoformat(),
            week=False,
            html=html,
            json=json_file,
            csv=None,
            open=bool(args.open),
            timezone=None,
        )
    )
    print(f"\nThe demo report is in {html} (JSON: {json_file}). {BANNER}")
    return 0
