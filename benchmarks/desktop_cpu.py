"""CPU and memory of the whole desktop app (`python run.py desktop`: the monitor, Qt and the
tray icon in one process) beside `python run.py run`, on the same loopback camera.

The desktop runs on a private Xvfb display with a session bus and a real XEmbed tray host
(trayer), as in the tests; the camera is the 30 fps 640x480 MJPEG stream of
`benchmarks/loop_cpu.py`, showing the real upright sitter (the user present). Each process is
given `--warmup` seconds, then its CPU time is read from /proc over `--seconds`; peak RSS is
VmHWM. What the monitor recorded is printed after each run, to show it really watched.

    python benchmarks/desktop_cpu.py --runs 3 --seconds 60
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import (
    PYTHON,
    REPO,
    SESSION,
    Usage,
    frames,
    measure,
    summary,
    write_loop_video,
)
from benchmarks.loop_cpu import seen
from posture.core.folder_layout import DataFolder
from tests.support.desktop import tray_host
from tests.support.notify_server import notification_server
from tests.support.stream_server import stream_server


def posture_command(data: Path, config: Path) -> list[str]:
    """`python run.py` with its own data folder and config."""
    return [PYTHON, "run.py", "--data-dir", str(data), "--config", str(config)]


def calibrate(data: Path, config: Path, work: Path) -> None:
    """Calibrate on five upright frames of the sitter, as the user would."""
    folder = work / "calibration"
    if not folder.exists():
        folder.mkdir()
        for path in sorted(
            (SESSION / "notSlouching").glob("*.jpg"),
            key=lambda p: int(p.stem.rsplit("-", 1)[-1]),
        )[:5]:
            shutil.copy(path, folder)
    subprocess.run(
        [*posture_command(data, config), "calibrate", "--source", str(folder)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=15.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="posture-bench-desktop-"))
    video = write_loop_video(work / "upright.avi", frames("notSlouching"))
    config = work / "config.toml"
    config.write_text('[monitor]\nnotifier = "log"\n')
    results: dict[str, list[Usage]] = {}
    with contextlib.ExitStack() as stack:
        server = stack.enter_context(notification_server(work / "desktop", dunst=False))
        stack.enter_context(tray_host(server, work / "desktop"))
        env = {**server.env, "QT_QPA_PLATFORM": "xcb"}
        for run in range(args.runs):
            for name in ("desktop", "run"):
                data = work / f"{name}{run}"
                calibrate(data, config, work)
                with stream_server(video, fps=30, size="640:480") as camera:
                    usage = measure(
                        [*posture_command(data, config), name, "--source", camera.url],
                        args.warmup,
                        args.seconds,
                        env=env,
                    )
                results.setdefault(f"`{name}`, present, upright", []).append(usage)
                print(
                    f"run {run + 1}: {name}: {usage.core_pct:.2f} % of a core, "
                    f"{usage.peak_rss_mb:.0f} MB peak; recorded: "
                    f"{seen(DataFolder(data).history)}",
                    flush=True,
                )
    print()
    print("| process | % of one core | CPU-s per minute | peak RSS (MB) |")
    print("|---|---|---|---|")
    for name, usages in results.items():
        print(
            f"| {name} | {summary([u.core_pct for u in usages])} | "
            f"{summary([u.cpu_s_per_min for u in usages])} | "
            f"{summary([u.peak_rss_mb for u in usages])} |"
        )


if __name__ == "__main__":
    main()
