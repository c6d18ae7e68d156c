"""`analyze`: run the pose model over images, folders and videos and say what it sees.

Each frame becomes one record (`path`, `frame`, `time_s`, `person`, `landmarks`, `metrics`,
`issues`, `judged`, `not_judged`), printed as a JSON line or as a row of a readable table.
Unreadable inputs become one clear line on stderr and the rest goes on.

With several people in view only the calibrated one is judged (`posture.core.people`, through
the `pick` given to `analyze_source`); when nobody found is near the calibration the frame says
`not_the_calibrated_person`. A view that cannot be judged (`posture.core.view`) says its reason
and "cannot judge from this view: ..." instead of issues.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from posture.adapters.opencv_imaging import draw_caption, draw_pose, save_image
from posture.core.assess import Judgement
from posture.core.frame import Frame, Skipped
from posture.core.landmarks import Pose
from posture.core.people import unjudged_view
from posture.core.view import cannot_judge_text
from posture.errors import shown
from posture.ports import FrameSource, Mode, PoseEstimator

Judge = Callable[[Pose], Judgement]
Pick = Callable[[Sequence[Pose]], Pose | None]
EstimatorFactory = Callable[[Mode], PoseEstimator]
# Why a frame with people in it got no verdict, beside the reasons of `posture.core.view`.
NOT_THE_USER = "not_the_calibrated_person"


def _first(poses: Sequence[Pose]) -> Pose | None:
    return poses[0] if poses else None


@dataclass
class FrameRecord:
    """What `analyze` reports for one frame."""

    path: str
    frame: int
    time_s: float
    people: int
    pose: Pose | None
    metrics: dict[str, float | None] = field(default_factory=dict)
    issues: list[dict[str, Any]] = field(default_factory=list)
    not_judged: str | None = None

    @property
    def judged(self) -> bool:
        """Whether the frame got a verdict: someone calibrated in view, seen from the front."""
        return self.pose is not None and self.not_judged is None

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape of one frame (a documented contract: extend, never rename)."""
        return {
            "path": self.path,
            "frame": self.frame,
            "time_s": round(self.time_s, 4),
            "person": self.people > 0,
            "people": self.people,
            "landmarks": self.pose.to_json() if self.pose is not None else None,
            "metrics": {k: _round(v) for k, v in self.metrics.items()},
            "issues": self.issues,
            "judged": self.judged,
            "not_judged": self.not_judged,
        }

    def note(self) -> str:
        """What the table shows instead of issues when there are none to show."""
        if not self.people:
            return "nobody in frame"
        if self.not_judged == NOT_THE_USER:
            return "nobody near the calibration (not judged)"
        if self.not_judged is not None:
            return cannot_judge_text(self.not_judged)
        return "-"


def _round(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(value, 4)


def analyze_source(
    source: FrameSource,
    estimator: PoseEstimator,
    judge: Judge | None,
    on_skipped: Callable[[Skipped], None],
    pick: Pick = _first,
    min_visibility: float = 0.5,
) -> Iterator[tuple[FrameRecord, Frame]]:
    """Every readable frame of `source` with its record; unreadable items go to `on_skipped`.

    `pick` chooses whom to judge among the people found (by default the first, the largest).
    """
    try:
        while (item := source.read()) is not None:
            if isinstance(item, Skipped):
                on_skipped(item)
                continue
            poses = estimator.detect(item.image, item.time_s)
            pose = pick(poses)
            record = FrameRecord(item.origin, item.index, item.time_s, len(poses), pose)
            if poses and pose is None:
                record.not_judged = unjudged_view(poses, min_visibility) or NOT_THE_USER
            if pose is not None and judge is not None:
                verdict = judge(pose)
                record.metrics = dict(verdict.values)
                record.issues = [f.to_json() for f in verdict.findings]
                record.not_judged = verdict.view
            yield record, item
    finally:
        source.close()


TABLE_COLUMNS = ("head_height_sw", "forward_head_m", "shoulder_tilt_deg", "head_roll_deg")


def common_root(specs: list[str]) -> Path:
    """The folder that the inputs' relative paths start from: a folder given, or a file's own.

    `analyze A B` (two folders) keeps `A/` and `B/`, so pictures with the same name in each
    stay apart in the table and in `--annotate`'s output.
    """
    bases = [Path(os.path.abspath(spec)) for spec in specs]
    bases = [base if base.is_dir() else base.parent for base in bases]
    return Path(os.path.commonpath(bases)) if bases else Path.cwd()


def relative_path(record: FrameRecord, root: Path | None) -> Path:
    """The record's file relative to `root` (its base name for a camera, a stream or no root)."""
    path = Path(os.path.abspath(record.path))
    if root is not None and path.is_relative_to(root) and path != root:
        return path.relative_to(root)
    return Path(Path(record.path).name or "frame")


def verdict(record: FrameRecord) -> str:
    """What the rules say of the frame, in a few words: the issues, or that all is well."""
    if not record.people:
        return "nobody in frame"
    return ", ".join(str(issue["name"]) for issue in record.issues) or "good posture"


def _cell(text: str, width: int = 28) -> str:
    """A left-aligned cell; a longer path keeps its end, where the file name is."""
    return f"{text:<{width}}" if len(text) <= width else "…" + text[-(width - 1) :]


def format_row(record: FrameRecord, root: Path | None = None) -> str:
    """One readable table row; the file shown relative to `root` (default: its base name)."""
    name = shown(relative_path(record, root).as_posix(), 400)  # escape codes spelled out
    cells = [_cell(name), f"{record.frame:>5}", f"{record.time_s:>8.2f}"]
    cells.append(f"{record.people:>6}")
    for name in TABLE_COLUMNS:
        value = record.metrics.get(name)
        cells.append(f"{value:>17.3f}" if value is not None else f"{'-':>17}")
    names = ", ".join(str(issue["name"]) for issue in record.issues)
    cells.append(names or record.note())
    return "  ".join(cells)


def format_header() -> str:
    """The table's header line."""
    cells = [f"{'file':<28}", f"{'frame':>5}", f"{'time_s':>8}", f"{'people':>6}"]
    cells += [f"{name:>17}" for name in TABLE_COLUMNS]
    cells.append("issues")
    return "  ".join(cells)


def annotated_name(record: FrameRecord, root: Path | None = None) -> Path:
    """Where an annotated frame goes: its relative path as PNG, plus the frame index for videos."""
    relative = relative_path(record, root)
    stem = relative.stem or "frame"
    name = f"{stem}.png" if record.frame == 0 else f"{stem}_{record.frame:06d}.png"
    return relative.with_name(name)


def write_record(
    record: FrameRecord, as_json: bool, out: TextIO = sys.stdout, root: Path | None = None
) -> None:
    """Print one record in the chosen format."""
    if as_json:
        out.write(json.dumps(record.to_json(), separators=(",", ":")) + "\n")
    else:
        out.write(format_row(record, root) + "\n")
    out.flush()


def annotate(record: FrameRecord, frame: Frame, folder: Path, root: Path | None = None) -> None:
    """Save the frame with its skeleton and verdict drawn at its relative path in `folder`."""
    caption = verdict(record)
    if record.pose is None:
        image = draw_caption(frame.image.copy(), caption)
    else:
        image = draw_pose(frame.image, record.pose, caption)
    save_image(folder / annotated_name(record, root), image)  # its folders made 0700
