"""`evaluate`: how well the rules separate good posture from bad on a labelled set of pictures.

Rows with `role=calibration` set each subject's baseline; every other row is judged. The same
frames and calibration also go through the nose-height rule the peers use, so every run carries
its own comparison. The figures are pure functions of the judgements.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from posture.errors import UserError

GOOD = "good"
# The peers' rule: the nose more than this share of the frame height below where it was at
# calibration counts as slouching (Dorso and postured compare nose height with a calibrated
# range; 5 % of the frame is the margin they use for comparable cues).
NOSE_DROP_FRAC = 0.05


@dataclass(frozen=True)
class LabelledRow:
    """One row of a labels file."""

    path: Path
    label: str
    subject: str
    role: str


@dataclass(frozen=True)
class Verdict:
    """What a rule said about one judged frame."""

    label: str
    issues: frozenset[str]
    found: bool = True  # False when the model found nobody


@dataclass
class Scores:
    """Per-label issue counts and the any-issue figures against `good`."""

    fired: dict[str, dict[str, int]] = field(default_factory=dict)
    frames: dict[str, int] = field(default_factory=dict)
    recall: float | None = None
    specificity: float | None = None
    balanced_accuracy: float | None = None


def _natural_key(text: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def read_labels(path: Path, root: Path | None, calibration_frames: int | None) -> list[LabelledRow]:
    """Rows of a labels CSV (`path,label,subject,role`; `session` optional).

    Without a `role` column, `calibration_frames` picks each subject's first N `good` frames
    (in natural file order) as its calibration. A subject seen in several sessions is calibrated
    per session, as a desk setup would be.
    """
    base = root if root is not None else path.parent
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not rows:
        raise UserError(f"{path}: has no rows")
    missing = {"path", "label", "subject"} - set(rows[0])
    if missing:
        raise UserError(
            f"{path}: missing column(s) {', '.join(sorted(missing))}; expected "
            "path, label, subject and role"
        )
    has_role = "role" in rows[0]
    if not has_role and not calibration_frames:
        raise UserError(
            f"{path}: has no 'role' column; give --calibration-frames N to use "
            "each subject's first N good frames as calibration"
        )
    out: list[LabelledRow] = []
    for row in rows:
        subject = row["subject"] or "unknown"
        if row.get("session"):
            subject = f"{subject}/{row['session']}"
        out.append(
            LabelledRow(
                base / row["path"],
                row["label"],
                subject,
                (row.get("role") or "test") if has_role else "test",
            )
        )
    if not has_role and calibration_frames:
        out = _first_good_as_calibration(out, calibration_frames)
    return out


def _first_good_as_calibration(rows: list[LabelledRow], count: int) -> list[LabelledRow]:
    by_subject: dict[str, list[LabelledRow]] = defaultdict(list)
    for row in rows:
        if row.label == GOOD:
            by_subject[row.subject].append(row)
    chosen: set[int] = set()
    for subject_rows in by_subject.values():
        subject_rows.sort(key=lambda r: _natural_key(str(r.path)))
        chosen.update(id(r) for r in subject_rows[:count])
    return [
        LabelledRow(r.path, r.label, r.subject, "calibration" if id(r) in chosen else "test")
        for r in rows
    ]


def score(verdicts: Iterable[Verdict]) -> Scores:
    """Per-label firing counts; recall, specificity and balanced accuracy of 'any issue'."""
    result = Scores()
    positives = detected = negatives = quiet = 0
    for verdict in verdicts:
        result.frames[verdict.label] = result.frames.get(verdict.label, 0) + 1
        counts = result.fired.setdefault(verdict.label, {})
        for issue in verdict.issues:
            counts[issue] = counts.get(issue, 0) + 1
        flagged = bool(verdict.issues)
        if verdict.label == GOOD:
            negatives += 1
            quiet += not flagged
        elif verdict.label not in ("unlabelled", ""):
            positives += 1
            detected += flagged
    result.recall = detected / positives if positives else None
    result.specificity = quiet / negatives if negatives else None
    if result.recall is not None and result.specificity is not None:
        result.balanced_accuracy = (result.recall + result.specificity) / 2
    return result


def format_scores(title: str, scores: Scores, issue_names: Sequence[str]) -> str:
    """A readable table: one row per label with how often each issue fired."""
    shown = [n for n in issue_names if any(n in c for c in scores.fired.values())]
    lines = [title, "  " + f"{'label':<12}{'frames':>7}" + "".join(f"{n:>14}" for n in shown)]
    for label in sorted(scores.frames):
        counts = scores.fired.get(label, {})
        cells = "".join(f"{counts.get(n, 0) / scores.frames[label]:>14.2f}" for n in shown)
        lines.append(f"  {label:<12}{scores.frames[label]:>7}{cells}")

    def fmt(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    lines.append(
        f"  any issue vs good: recall {fmt(scores.recall)}, specificity "
        f"{fmt(scores.specificity)}, balanced accuracy {fmt(scores.balanced_accuracy)}"
    )
    return "\n".join(lines)


def nose_rule(calibration_nose_y: Sequence[float], nose_y_frac: float | None) -> frozenset[str]:
    """The peers' rule: a nose lower than at calibration by more than NOSE_DROP_FRAC is bad."""
    if nose_y_frac is None or not calibration_nose_y:
        return frozenset()
    ordered = sorted(calibration_nose_y)
    median = ordered[len(ordered) // 2]
    return frozenset({"slouch"}) if nose_y_frac - median > NOSE_DROP_FRAC else frozenset()


def group_by_subject(rows: Iterable[LabelledRow]) -> Mapping[str, list[LabelledRow]]:
    """Rows per subject, in file order."""
    grouped: dict[str, list[LabelledRow]] = defaultdict(list)
    for row in rows:
        grouped[row.subject].append(row)
    return grouped


ProgressFn = Callable[[int, int], None]
