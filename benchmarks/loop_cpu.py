"""CPU and memory of the monitor at its default settings on a live-like camera, against the
peers' plain loop, in the same run.

A 30 fps 640x480 MJPEG stream served by ffmpeg on 127.0.0.1 stands in for a webcam. Three
scenes are measured: present and upright, present and slouching, and away (the empty office).
Each run of `python run.py run` is given `--warmup` seconds to start, then its CPU time is read
from /proc over `--seconds`; its peak RSS is VmHWM. The naive loop (every frame decoded, pose at
10 fps, lite model) is measured on the upright scene, and so is the floor: MediaPipe's own
`detect_for_video` once a second on a frame decoded beforehand (`benchmarks/raw_loop.py`).
Every figure is also given as a ratio to those two in the same run, so the comparison holds
on a machine shared with other work.

    python benchmarks/loop_cpu.py --runs 3 --seconds 60
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import cv2

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import (
    PYTHON,
    REPO,
    SESSION,
    Usage,
    empty_frames,
    frames,
    measure,
    summary,
    write_loop_video,
)
from posture.core.folder_layout import DataFolder
from tests.support.stream_server import stream_server

MODEL = Path(os.environ.get("POSTURE_MODEL_DIR", REPO / "models")) / "pose_landmarker_lite.task"
RAW = "raw MediaPipe, one look a second"
NAIVE = "naive loop (peers), upright"


def seen(db: Path) -> str:
    """What the monitor recorded, to show the figures are of real work."""
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT SUM(monitored_s), SUM(good_s), SUM(away_s), SUM(unavailable_s) FROM intervals"
        ).fetchone()
    return "monitored {:.0f} s, good {:.0f} s, away {:.0f} s, unavailable {:.0f} s".format(
        *(v or 0 for v in row)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=10.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="posture-bench-"))
    scenes = {
        "present, upright": write_loop_video(work / "upright.avi", frames("notSlouching")),
        "present, slouching": write_loop_video(work / "slouch.avi", frames("isSlouching")),
        "away": write_loop_video(work / "away.avi", empty_frames()),
    }
    calibration = work / "calibration"
    calibration.mkdir()
    # Calibrated on the camera's own pictures (the first five upright frames at 640x480, as the
    # stream shows them), as a user calibrates with the camera they watch with.
    for i, image in enumerate(frames("notSlouching")[:5]):
        cv2.imwrite(str(calibration / f"upright-{i}.png"), image)
    config = work / "config.toml"
    config.write_text('[monitor]\nnotifier = "log"\n')
    results: dict[str, list[Usage]] = {}
    for run in range(args.runs):
        data = work / f"data{run}"
        subprocess.run(
            [
                PYTHON,
                "run.py",
                "calibrate",
                "--source",
                str(calibration),
                "--data-dir",
                str(data),
                "--config",
                str(config),
            ],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        for name, video in scenes.items():
            with stream_server(video, fps=30, size="640:480") as camera:
                usage = measure(
                    [
                        PYTHON,
                        "run.py",
                        "run",
                        "--source",
                        camera.url,
                        "--data-dir",
                        str(data),
                        "--config",
                        str(config),
                    ],
                    args.warmup,
                    args.seconds,
                )
            results.setdefault(name, []).append(usage)
            print(
                f"run {run + 1}: {name}: {usage.core_pct:.2f} % of a core, "
                f"{usage.peak_rss_mb:.0f} MB peak",
                flush=True,
            )
        with stream_server(scenes["present, upright"], fps=30, size="640:480") as camera:
            usage = measure(
                [
                    PYTHON,
                    "benchmarks/naive_loop.py",
                    camera.url,
                    str(MODEL),
                ],
                args.warmup,
                args.seconds,
            )
        results.setdefault(NAIVE, []).append(usage)
        print(
            f"run {run + 1}: naive: {usage.core_pct:.2f} % of a core, "
            f"{usage.peak_rss_mb:.0f} MB peak",
            flush=True,
        )
        usage = measure(
            [
                PYTHON,
                "benchmarks/raw_loop.py",
                str(sorted((SESSION / "notSlouching").glob("*.jpg"))[0]),
                str(MODEL),
            ],
            args.warmup,
            args.seconds,
        )
        results.setdefault(RAW, []).append(usage)
        print(
            f"run {run + 1}: raw MediaPipe: {usage.core_pct:.2f} % of a core, "
            f"{usage.peak_rss_mb:.0f} MB peak",
            flush=True,
        )
        print(
            f"  recorded by the monitor in run {run + 1}: {seen(DataFolder(data).history)}",
            flush=True,
        )
    print()
    print(
        "| scene | % of one core | CPU / raw MediaPipe | CPU / peers' loop | peak RSS (MB) "
        "| RSS / raw MediaPipe | RSS / peers' loop |"
    )
    print("|---|---|---|---|---|---|---|")
    raw, naive = results[RAW], results[NAIVE]
    for name, usages in results.items():
        cpu_raw = [u.cpu_s / r.cpu_s for u, r in zip(usages, raw, strict=True)]
        cpu_naive = [u.cpu_s / n.cpu_s for u, n in zip(usages, naive, strict=True)]
        rss_raw = [u.peak_rss_mb / r.peak_rss_mb for u, r in zip(usages, raw, strict=True)]
        rss_naive = [u.peak_rss_mb / n.peak_rss_mb for u, n in zip(usages, naive, strict=True)]
        print(
            f"| {name} | {summary([u.core_pct for u in usages])} | {summary(cpu_raw)} | "
            f"{summary(cpu_naive)} | {summary([u.peak_rss_mb for u in usages])} | "
            f"{summary(rss_raw)} | {summary(rss_naive)} |"
        )


if __name__ == "__main__":
    main()
