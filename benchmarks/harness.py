"""What the benchmarks share: test videos from the real frames, a loopback MJPEG camera, and
CPU and memory readings of a running process from /proc (Linux)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("POSTURE_SHARED_DATA", REPO.parent / "shared" / "data"))
SESSION = SHARED / "slouching-or-not" / "low-isSlouching__middle-notSlouching"
TICKS = os.sysconf("SC_CLK_TCK")


def frames(label_folder: str, size: tuple[int, int] = (640, 480)) -> list[np.ndarray]:
    """The real frames of one label, scaled to a webcam's size."""
    paths = sorted(
        (SESSION / label_folder).glob("*.jpg"), key=lambda p: int(p.stem.rsplit("-", 1)[-1])
    )
    return [cv2.resize(cv2.imread(str(p)), size, interpolation=cv2.INTER_CUBIC) for p in paths]


def empty_frames(size: tuple[int, int] = (640, 480)) -> list[np.ndarray]:
    """The office without anyone: the wall beside the sitter, stretched to a full frame."""
    first = cv2.imread(str(sorted((SESSION / "notSlouching").glob("*.jpg"))[0]))
    return [cv2.resize(first[:, :50], size, interpolation=cv2.INTER_CUBIC)]


def write_loop_video(
    path: Path, images: Sequence[np.ndarray], seconds: float = 20.0, fps: float = 30.0
) -> Path:
    """A video cycling through `images` (each held for half a second)."""
    height, width = images[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (width, height))
    for i in range(int(seconds * fps)):
        writer.write(images[(i // int(fps / 2)) % len(images)])
    writer.release()
    return path


@dataclass(frozen=True)
class Usage:
    """CPU and memory of one process over a measured stretch."""

    wall_s: float
    cpu_s: float
    peak_rss_mb: float

    @property
    def core_pct(self) -> float:
        """Share of one core, in percent."""
        return 100.0 * self.cpu_s / self.wall_s

    @property
    def cpu_s_per_min(self) -> float:
        """CPU-seconds per minute of wall time."""
        return 60.0 * self.cpu_s / self.wall_s


def cpu_s(pid: int) -> float:
    """User plus system CPU time of a process and its finished children."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(
    command: Sequence[str], warmup_s: float, measure_s: float, env: dict[str, str] | None = None
) -> Usage:
    """Start `command`, let it warm up, then read its CPU over `measure_s` of wall time."""
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        cwd=REPO,
    )
    try:
        time.sleep(warmup_s)
        if proc.poll() is not None:
            raise RuntimeError(
                f"{command} exited early: {proc.stderr.read().decode()[-500:]}"
                if proc.stderr
                else "exited early"
            )
        start_cpu, start = cpu_s(proc.pid), time.monotonic()
        time.sleep(measure_s)
        end_cpu, end = cpu_s(proc.pid), time.monotonic()
        peak = peak_rss_mb(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return Usage(end - start, end_cpu - start_cpu, peak)


def summary(values: Sequence[float]) -> str:
    """Median and spread (min-max) of repeated runs."""
    return (
        f"{statistics.median(values):.2f} (min {min(values):.2f}, max {max(values):.2f}, "
        f"n={len(values)})"
    )


PYTHON = sys.executable
