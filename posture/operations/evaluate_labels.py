"""Reading a labelled set for `evaluate`, and choosing which frames calibrate and which are judged.

A labels file is a CSV with `path`, `label` and `subject` columns, and optionally `session`,
`view`, `role` and `note` (`../shared/data/labels.csv` is one). The same subject is the same
person; the same session is the same room, camera and sitting, so each session is calibrated
on its own, as a desk setup would be. A row without a subject is a person of its own, judged
against the population defaults (calibrating one stranger on another would measure nothing).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from posture.errors import UserError

GOOD = "good"
# Labels that are not a verdict: counted apart, never scored.
BORDERLINE = "borderline"
UNLABELLED = ("unlabelled", "")
CALIBRATION = "calibration"
TEST = "test"


@dataclass(frozen=True)
class LabelledRow:
    """One row of a labels file.

    `subject` is the calibration group: the person and, when given, the session ("p1/A"); a row
    without a subject gets a group of its own ("?" and its path). `person` and `session` are the
    columns as written.
    """

    path: Path
    label: str
    subject: str
    role: str
    person: str = ""
    session: str = ""
    view: str = ""

    @property
    def scored(self) -> bool:
        """Whether the label is a verdict (good or a fault), so the row counts in the figures."""
        return self.label not in UNLABELLED and self.label != BORDERLINE

    @property
    def bad(self) -> bool:
        """Whether the label names a fault (anything scored but `good`)."""
        return self.scored and self.label != GOOD


def natural_key(text: str) -> list[object]:
    """Sort key that puts "frame-2" before "frame-10"."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _read_rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise UserError(f"{path}: is not a readable CSV file ({exc})") from exc
    if not rows:
        raise UserError(f"{path}: has no rows")
    missing = {"path", "label", "subject"} - set(rows[0])
    if missing:
        raise UserError(
            f"{path}: missing column(s) {', '.join(sorted(missing))}; expected "
            "path, label, subject and role"
        )
    return rows


def has_role_column(path: Path) -> bool:
    """Whether the labels file says itself which rows calibrate (a `role` column)."""
    return "role" in _read_rows(path)[0]


def read_labels(path: Path, root: Path | None, calibration_frames: int | None) -> list[LabelledRow]:
    """Rows of a labels CSV (`path,label,subject,role`; `session`, `view` optional).

    Without a `role` column, `calibration_frames` picks each calibration group's first N `good`
    frames (in natural file order) as its calibration. A subject seen in several sessions is
    calibrated per session, as a desk setup would be.
    """
    if calibration_frames is not None and calibration_frames < 1:
        raise UserError(f"--calibration-frames must be 1 or more, not {calibration_frames}")
    base = root if root is not None else path.parent
    rows = _read_rows(path)
    has_role = "role" in rows[0]
    if not has_role and not calibration_frames:
        raise UserError(
            f"{path}: has no 'role' column; give --calibration-frames N to use "
            "each subject's first N good frames as calibration"
        )
    out: list[LabelledRow] = []
    for row in rows:
        person = (row.get("subject") or "").strip()
        session = (row.get("session") or "").strip()
        # A row without a subject is a stranger of its own; with one, calibrated per session.
        subject = f"?{row['path']}" if not person else f"{person}/{session}" if session else person
        out.append(
            LabelledRow(
                base / row["path"],
                (row.get("label") or "").strip(),
                subject,
                ((row.get("role") or TEST).strip() or TEST) if has_role else TEST,
                person,
                session,
                (row.get("view") or "").strip(),
            )
        )
    if not has_role and calibration_frames:
        out = first_good_as_calibration(out, calibration_frames)
    return out


def first_good_as_calibration(rows: Sequence[LabelledRow], count: int) -> list[LabelledRow]:
    """The rows with each calibrated group's first `count` good frames marked as calibration.

    Rows without a subject are never calibration: they are judged against population defaults.
    """
    by_subject: dict[str, list[LabelledRow]] = defaultdict(list)
    for row in rows:
        if row.label == GOOD and row.person:
            by_subject[row.subject].append(row)
    chosen: set[Path] = set()
    for subject_rows in by_subject.values():
        subject_rows.sort(key=lambda r: natural_key(str(r.path)))
        chosen.update(r.path for r in subject_rows[:count])
    return [replace(r, role=CALIBRATION if r.path in chosen else TEST) for r in rows]


def calibration_rows(rows: Sequence[LabelledRow], count: int) -> list[LabelledRow]:
    """The first `count` calibration rows of one group, in natural file order."""
    chosen = sorted(
        (r for r in rows if r.role == CALIBRATION), key=lambda r: natural_key(str(r.path))
    )
    return chosen[:count]


def group_by_subject(rows: Iterable[LabelledRow]) -> Mapping[str, list[LabelledRow]]:
    """Rows per calibration group (subject and session), in file order."""
    grouped: dict[str, list[LabelledRow]] = defaultdict(list)
    for row in rows:
        grouped[row.subject].append(row)
    return grouped


def sessions_by_person(rows: Iterable[LabelledRow]) -> Mapping[str, list[str]]:
    """Each person's calibration groups, for people seen in more than one session."""
    groups: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.person and row.session:
            groups[row.person].add(row.subject)
    return {person: sorted(found) for person, found in groups.items() if len(found) > 1}
