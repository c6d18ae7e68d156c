"""The pose model's own jitter on every rule's measure, beside the floors in posture/core/jitter.

    python benchmarks/jitter_floors.py [--models lite full] [--json]

Runs the real models over ../shared/data (or $POSTURE_SHARED_DATA): the upright burst frames of
each frontal session, the still stretches of pose-reference/pose_squats.mp4 (as video and as
pictures), and every frontal labelled picture under each benign perturbation. Prints one row
per measure (standard deviations in its own unit, per model), the largest, and the constant in
the code with the floors it gives after calibrations of 1, 3 and 5 frames; then, per source,
the sink's measured jitter beside what the constants predict for that framing. Exit status 1
when a constant in the code is below what was measured. docs/accuracy.md holds these tables.
"""

from __future__ import annotations

import argparse
import json
import sys

from benchmarks.harness import SHARED
from posture.adapters.mediapipe_pose import MediaPipePose
from posture.adapters.opencv_perturb import PERTURBATIONS
from posture.adapters.opencv_sources import open_source
from posture.config.schema import Thresholds
from posture.core import jitter as floors
from posture.core.measures import MEASURES
from posture.operations.evaluate_frames import FrameDetector
from posture.operations.evaluate_labels import read_labels
from posture.operations.jitter import Jitter, measure_jitter
from posture.pose_models.provision import ensure_model

VIDEO = SHARED / "pose-reference" / "pose_squats.mp4"


def measure(variant: str) -> Jitter:
    """Every source's jitter for one model variant."""
    model = ensure_model(variant, offline=True)
    rows = read_labels(SHARED / "labels.csv", None, 1)
    estimator = MediaPipePose(model, mode="image", num_poses=2)
    videos = {
        "video": (open_source(str(VIDEO)), MediaPipePose(model, mode="video")),
        "video as pictures": (open_source(str(VIDEO)), MediaPipePose(model, mode="image")),
    }
    try:
        detect = FrameDetector(estimator, lambda path, why: print(f"skipped {path}: {why}"))
        return measure_jitter(rows, detect, videos, Thresholds())
    finally:
        estimator.close()
        for _, video_estimator in videos.values():
            video_estimator.close()


def _pair(found: dict[str, Jitter], name: str, sources: list[str]) -> str:
    """The largest sd over `sources` for each model, "lite / full"."""
    cells = []
    for j in found.values():
        values = [(j.sd[s][name], s) for s in sources if name in j.sd.get(s, {})]
        cells.append(f"{max(values)[0]:.3g}" if values else "-")
    return " / ".join(cells)


def _worst_perturbation(found: dict[str, Jitter], name: str) -> str:
    cells = []
    for j in found.values():
        values = [(j.sd[s][name], s) for s in PERTURBATIONS if name in j.sd.get(s, {})]
        cells.append(f"{max(values)[0]:.3g} ({max(values)[1]})" if values else "-")
    return " / ".join(cells)


def table(found: dict[str, Jitter]) -> tuple[list[str], bool]:
    """The markdown table, and whether every constant covers what was measured."""
    sources = sorted({s for j in found.values() for s in j.sd})
    bursts = [s for s in sources if s.startswith("burst")]
    videos = [s for s in sources if s.startswith("video")]
    models = " / ".join(found)
    lines = [
        f"| measure | bursts ({models}) | video, still ({models}) | worst perturbation "
        f"({models}) | largest | code sd | floor after 1 / 3 / 5 frames |",
        "|---|---|---|---|---|---|---|",
    ]
    covered = True
    for name in MEASURES:
        worst = max(j.worst(name) for j in found.values())
        code = floors.JITTER_SD.get(name)
        if code is None:
            code_text, floor_text = "from the formula below", "from the framing"
        else:
            covered = covered and code >= worst[0]
            code_text = f"{code:g}" + ("" if code >= worst[0] else " **LOW**")
            floor_text = " / ".join(f"{floors.floor(name, n):.3g}" for n in (1, 3, 5))
        lines.append(
            f"| `{name}` | {_pair(found, name, bursts)} | {_pair(found, name, videos)} | "
            f"{_worst_perturbation(found, name)} | {worst[0]:.3g} ({worst[1]}) | {code_text} | "
            f"{floor_text} |"
        )
    lines += ["", "| sink: source | framing gain | measured sd | from the constants |"]
    lines.append("|---|---|---|---|")
    for source in sources:
        for variant, j in found.items():
            gain, measured = j.gain.get(source), j.sd.get(source, {}).get("sink_sw")
            if gain is None or measured is None:
                continue
            predicted = floors.sink_sd_for_gain(gain)
            covered = covered and predicted >= measured
            mark = "" if predicted >= measured else " **LOW**"
            lines.append(
                f"| {source} ({variant}) | {gain:.2f} | {measured:.3g} | {predicted:.3g}{mark} |"
            )
    return lines, covered


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=["lite", "full"])
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    if not (SHARED / "labels.csv").is_file():
        print(f"no labelled data at {SHARED} (set POSTURE_SHARED_DATA)", file=sys.stderr)
        return 2
    found = {variant: measure(variant) for variant in args.models}
    if args.json:
        print(json.dumps({v: {"sd": j.sd, "count": j.count} for v, j in found.items()}, indent=1))
        return 0
    lines, covered = table(found)
    print("\n".join(lines))
    return 0 if covered else 1


if __name__ == "__main__":
    sys.exit(main())
