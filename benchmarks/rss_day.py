"""Memory over a working day: RSS of `run` replaying an 8 h video on its own clock.

The replay runs as fast as the machine allows, with every look the live monitor would take
(the model runs on each), so 8 h of looks cost minutes. The video is the real upright frames
of ../shared/data at 640x480, 0.2 frames a second (a look between two frames judges the last
one again, as a live camera's still scene would). RSS (VmRSS) is sampled every half second
together with the replayed clock from the status file; reported are RSS at 10 min and at
8 h of replayed time, and their ratio (target: within 5 %).

    python benchmarks/rss_day.py --hours 8
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import PYTHON, REPO, SESSION, frames
from posture.core.folder_layout import DataFolder
from tests.support.videos import write_video

START = "2026-11-25T09:00:00+00:00"


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def replayed_s(status: Path, start_s: float) -> float | None:
    try:
        return float(json.loads(status.read_text())["updated_s"]) - start_s
    except (OSError, ValueError, KeyError, TypeError):
        return None


def calibration_pictures(work: Path) -> Path:
    """A folder in `work` holding the session's first five upright pictures, to calibrate on."""
    calibration = work / "calibration"
    calibration.mkdir()
    good = sorted(
        (SESSION / "notSlouching").glob("*.jpg"), key=lambda p: int(p.stem.rsplit("-", 1)[-1])
    )
    for path in good[:5]:
        shutil.copy(path, calibration)
    return calibration


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=8.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="posture-rss-"))
    calibration = calibration_pictures(work)
    video = work / "day.avi"
    write_video(video, [(frames("notSlouching")[5:], args.hours * 3600)], fps=0.2)
    config = work / "config.toml"
    config.write_text('[monitor]\nnotifier = "log"\n')
    data = work / "data"
    common = ["--data-dir", str(data), "--config", str(config)]
    subprocess.run(
        [PYTHON, "run.py", "calibrate", "--source", str(calibration), *common],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    from datetime import datetime

    start_s = datetime.fromisoformat(START).timestamp()
    began = time.monotonic()
    proc = subprocess.Popen(
        [PYTHON, "run.py", "run", "--source", str(video), "--replay-start", START, *common],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    samples: list[tuple[float, float]] = []
    status = DataFolder(data).status
    while proc.poll() is None:
        rss, at = rss_mb(proc.pid), replayed_s(status, start_s)
        if rss is not None and at is not None:
            samples.append((at, rss))
        time.sleep(0.5)
    wall = time.monotonic() - began
    if proc.returncode != 0 or not samples:
        raise SystemExit(f"the replay failed (exit {proc.returncode})")

    def at(replay_s: float) -> float:
        return min(samples, key=lambda s: abs(s[0] - replay_s))[1]

    # The last samples are of the process closing down (the model freed): leave out the last
    # replayed minute.
    end_s = samples[-1][0] - 60.0
    print(f"replayed {samples[-1][0] / 3600:.2f} h in {wall:.0f} s of wall time")
    for hour in [10 / 60, 1, 2, 4, 6, end_s / 3600]:
        print(f"RSS at {hour:5.2f} h of replay: {at(hour * 3600):.1f} MB")
    early, late = at(600), at(end_s)
    print(f"RSS at the end / RSS at 10 min: {late / early:.3f} (target at most 1.05)")
    print(f"peak RSS sampled: {max(r for _, r in samples):.1f} MB")


if __name__ == "__main__":
    main()
