"""Start-up time to the first assessment, and model load time per variant.

Start-up: `python run.py run` on a replayed video, from process start until the first look has
been judged and its status written (the status file appears right after the first step). Model
load: creating MediaPipe's PoseLandmarker from each provisioned variant, in-process.

    python benchmarks/startup.py --runs 5
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import PYTHON, REPO, SESSION, frames, summary, write_loop_video
from posture.config.model_variants import MODEL_VARIANTS
from posture.core.folder_layout import DataFolder


def startup_s(video: Path, data: Path, config: Path) -> float:
    status = DataFolder(data).status
    status.unlink(missing_ok=True)
    start = time.monotonic()
    proc = subprocess.Popen(
        [
            PYTHON,
            "run.py",
            "run",
            "--source",
            str(video),
            "--data-dir",
            str(data),
            "--config",
            str(config),
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while not status.exists():
            if proc.poll() is not None:
                raise RuntimeError("the monitor exited before its first assessment")
            time.sleep(0.005)
        return time.monotonic() - start
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def load_s(variant: str) -> float | None:
    code = (
        "import time, sys\n"
        "from posture.adapters.private_files import replacing_own\n"
        "from posture.pose_models.provision import ensure_model\n"
        "from mediapipe.tasks.python import BaseOptions, vision\n"
        f"path = ensure_model('{variant}', offline=True, replace=replacing_own)\n"
        "start = time.perf_counter()\n"
        "lm = vision.PoseLandmarker.create_from_options(vision.PoseLandmarkerOptions("
        "base_options=BaseOptions(model_asset_path=str(path)), "
        "running_mode=vision.RunningMode.VIDEO))\n"
        "print(time.perf_counter() - start)\n"
        "lm.close()\n"
    )
    done = subprocess.run([PYTHON, "-c", code], cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        return None
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="posture-startup-"))
    video = write_loop_video(work / "upright.avi", frames("notSlouching"), seconds=600, fps=2)
    calibration = work / "calibration"
    calibration.mkdir()
    for path in sorted((SESSION / "notSlouching").glob("*.jpg"))[:5]:
        shutil.copy(path, calibration)
    config = work / "config.toml"
    config.write_text('[monitor]\nnotifier = "log"\n')
    data = work / "data"
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
    startup_s(video, data, config)  # the first start also warms the disk cache
    starts = [startup_s(video, data, config) for _ in range(args.runs)]
    print("| measure | seconds: median (min, max, n) |")
    print("|---|---|")
    print(f"| start-up to the first assessment (lite, model provisioned) | {summary(starts)} |")
    for variant in MODEL_VARIANTS:
        loads = [load_s(variant) for _ in range(args.runs)]
        if any(value is None for value in loads):
            print(f"| model load, {variant} | not provisioned here (needs internet once) |")
        else:
            print(f"| model load, {variant} | {summary([v for v in loads if v is not None])} |")


if __name__ == "__main__":
    main()
