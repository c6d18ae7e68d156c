"""Detection latency: from a posture change in a replayed video to the notification.

The video (real frames from ../shared/data/slouching-or-not) shows the user upright for
`--upright` seconds, then slouching. At the default settings the alert should come no later
than the dwell time plus 3 s after the change (looks slow to one every `steady_interval_s`
while posture is good and steady, posture/core/sampling.py).

    python benchmarks/latency.py
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import PYTHON, REPO, SESSION
from posture.config.schema import Config
from posture.core.folder_layout import DataFolder
from tests.support.videos import frames_of, load, write_video


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upright", type=float, default=63.3)
    parser.add_argument("--fps", type=float, default=5.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="posture-latency-"))
    shared = SESSION.parents[1]
    good = frames_of(shared, "notSlouching")
    calibration = work / "calibration"
    calibration.mkdir()
    for path in good[:5]:
        shutil.copy(path, calibration)
    video = work / "change.avi"
    write_video(
        video,
        [(load(good[5:]), args.upright), (load(frames_of(shared, "isSlouching")), 120)],
        fps=args.fps,
    )
    config = work / "config.toml"
    config.write_text('[monitor]\nnotifier = "log"\n')
    common = ["--data-dir", str(work / "data"), "--config", str(config)]
    subprocess.run(
        [PYTHON, "run.py", "calibrate", "--source", str(calibration), *common],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    start = "2026-11-25T09:00:00+00:00"
    subprocess.run(
        [PYTHON, "run.py", "run", "--source", str(video), "--replay-start", start, *common],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    with sqlite3.connect(DataFolder(work / "data").history) as db:
        alert_s = db.execute("SELECT MIN(t_s) FROM alerts WHERE issue = 'slouch'").fetchone()[0]
    change_s = datetime.fromisoformat(start).timestamp() + round(args.upright * args.fps) / args.fps
    config_defaults = Config()
    budget = config_defaults.timing.dwell_s + 3.0
    latency = alert_s - change_s
    print(
        f"posture change at {round(args.upright * args.fps) / args.fps:.1f} s of the video; "
        f"slouch alert {latency:.2f} s later; budget (dwell {config_defaults.timing.dwell_s:g} s "
        f"+ 3 s; steady looks every {config_defaults.monitor.steady_interval_s:g} s) = "
        f"{budget:.1f} s; {'met' if latency <= budget else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
