"""Memory on a live stream: RSS of `run` watching the loopback MJPEG camera for `--minutes`.

The camera is the 30 fps 640x480 stream of `loop_cpu.py` (real upright frames). VmRSS is
sampled every 5 s; reported are RSS after 1 and 10 minutes and at the end, and the end over
10 minutes (target: within 5 %). What the monitor recorded (monitored, good, away seconds) is
printed at the end, to show it was watching the stream all along and not waiting for it.

    python benchmarks/rss_live.py --minutes 20
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import PYTHON, REPO, frames, write_loop_video
from benchmarks.loop_cpu import seen
from benchmarks.rss_day import calibration_pictures, rss_mb
from posture.core.folder_layout import DataFolder
from tests.support.stream_server import stream_server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="posture-rss-live-"))
    calibration = calibration_pictures(work)
    config = work / "config.toml"
    config.write_text('[monitor]\nnotifier = "log"\n')
    common = ["--data-dir", str(work / "data"), "--config", str(config)]
    subprocess.run(
        [PYTHON, "run.py", "calibrate", "--source", str(calibration), *common],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    video = write_loop_video(work / "upright.avi", frames("notSlouching"))
    samples: list[tuple[float, float]] = []
    with stream_server(video, fps=30, size="640:480") as camera:
        proc = subprocess.Popen(
            [PYTHON, "run.py", "run", "--source", camera.url, *common],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        began = time.monotonic()
        try:
            while time.monotonic() - began < args.minutes * 60 and proc.poll() is None:
                rss = rss_mb(proc.pid)
                if rss is not None:
                    samples.append((time.monotonic() - began, rss))
                time.sleep(5.0)
        finally:
            proc.terminate()
            proc.wait(timeout=20)

    def at(t_s: float) -> float:
        return min(samples, key=lambda s: abs(s[0] - t_s))[1]

    end_s = samples[-1][0]
    print(f"watched the live stream for {end_s / 60:.1f} min")
    for minute in (1, 10, end_s / 60):
        print(f"RSS after {minute:5.1f} min: {at(minute * 60):.1f} MB")
    print(f"RSS at the end / RSS at 10 min: {at(end_s) / at(600):.3f} (target at most 1.05)")
    print(f"peak RSS sampled: {max(r for _, r in samples):.1f} MB")
    print(f"recorded by the monitor: {seen(DataFolder(work / 'data').history)}")


if __name__ == "__main__":
    main()
