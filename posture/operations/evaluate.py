"""`evaluate`: how well the rules separate good posture from bad on a labelled set of pictures.

Every figure comes with the peers' nose-height rule on the same frames, calibration and person.
Three views of one labelled set:

- the headline: each calibration group calibrated on its `role=calibration` rows (or its first
  N good frames with `--calibration-frames N`), every other row judged;
- calibrations of 1, 3 and 5 frames, per session, per subject and over everything, with the
  same frames judged for every size (each group's first 5 good frames only ever calibrate);
- leave one session out, for a subject seen in several: calibrated in one session, judged in
  another (a calibration carried to another room or day).

With a perturbation (`posture.adapters.opencv_perturb`) every figure is computed on the changed
frames, beside the share of frames whose verdict the change left alone. The figures are pure
functions of the verdicts (`posture.operations.evaluate_scoring`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from posture.config.schema import Config
from posture.errors import UserError
from posture.operations.evaluate_judging import Detect, Judged, judge_group
from posture.operations.evaluate_labels import (
    CALIBRATION,
    GOOD,
    LabelledRow,
    calibration_rows,
    first_good_as_calibration,
    group_by_subject,
    has_role_column,
    read_labels,
    sessions_by_person,
)
from posture.operations.evaluate_report import format_scores
from posture.operations.evaluate_scoring import (
    NOSE_DROP_FRAC,
    Scores,
    Verdict,
    kept_share,
    meets_acceptance,
    nose_rule,
    score,
)

__all__ = [
    "GOOD",
    "NOSE_DROP_FRAC",
    "Evaluation",
    "GroupResult",
    "LabelledRow",
    "Request",
    "Scores",
    "Verdict",
    "evaluate",
    "format_scores",
    "group_by_subject",
    "nose_rule",
    "read_labels",
    "score",
]

SWEEP = (1, 3, 5)
ACCEPTED_KEPT = 0.95  # issue 13: at least 95 % of frames keep their verdict under a change

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class Request:
    """What to evaluate: a labels file, which rows, and an optional perturbation."""

    labels: Path
    root: Path | None = None
    calibration_frames: int | None = None
    only: str | None = None
    perturbation: str | None = None
    sweep: tuple[int, ...] = SWEEP


@dataclass
class GroupResult:
    """Both rules' figures for one group of judged frames under one calibration."""

    name: str
    kind: str  # "session", "subject", "all", "no subject" or "leave one session out"
    frames: int  # calibration frames asked for
    ours: Scores
    nose: Scores
    frontal: bool
    kept: float | None = None
    nose_kept: float | None = None
    refused: list[str] = field(default_factory=list)

    def checks(self) -> dict[str, bool]:
        """Issue 13's acceptance checks for this group.

        Unchanged frames: balanced accuracy at least the nose rule's, and no rule over its
        false-alarm budget. Under a perturbation: at least ACCEPTED_KEPT of verdicts kept.
        """
        if self.kept is not None:
            return {"verdicts_kept": self.kept >= ACCEPTED_KEPT}
        return dict(meets_acceptance(self.ours, self.nose))


@dataclass
class Evaluation:
    """Everything one run of `evaluate` found."""

    request: Request
    headline: GroupResult
    sweep: list[GroupResult]
    leave_one_out: list[GroupResult]

    def accepted(self) -> bool:
        """Whether every frontal session and subject passes every check, at every size."""
        return all(
            all(g.checks().values())
            for g in self.sweep
            if g.frontal and g.kind in ("session", "subject")
        )


def _frontal(rows: Sequence[LabelledRow]) -> bool:
    return bool(rows) and all(r.view in ("", "front") for r in rows)


class _Runner:
    """Judges groups, with the unperturbed run beside a perturbed one when asked."""

    def __init__(self, detect: Detect, config: Config, perturbation: str | None) -> None:
        self.detect, self.config, self.perturbation = detect, config, perturbation

    def run(
        self, calibration: Sequence[LabelledRow], judged: Sequence[LabelledRow]
    ) -> tuple[Judged, Judged | None]:
        clean = judge_group(calibration, judged, self.detect, self.config)
        if self.perturbation is None:
            return clean, None
        return clean, judge_group(calibration, judged, self.detect, self.config, self.perturbation)


def _result(
    name: str,
    kind: str,
    frames: int,
    rows: Sequence[LabelledRow],
    parts: Sequence[tuple[Judged, Judged | None]],
) -> GroupResult:
    shown = [p[1] if p[1] is not None else p[0] for p in parts]
    ours = [v for j in shown for v in j.ours]
    nose = [v for j in shown for v in j.nose]
    result = GroupResult(name, kind, frames, score(ours), score(nose), _frontal(rows))
    result.refused = sorted({j.refused for j, _ in parts if j.refused})
    if all(p[1] is not None for p in parts) and parts:
        before: list[Verdict] = [v for j, _ in parts for v in j.ours]
        before_nose: list[Verdict] = [v for j, _ in parts for v in j.nose]
        result.kept = kept_share(before, ours)
        result.nose_kept = kept_share(before_nose, nose)
    return result


def pictures_to_read(request: Request) -> int:
    """How many pictures the model will look at (for a progress bar)."""
    rows = _only(read_labels(request.labels, request.root, request.calibration_frames), request)
    return len(rows) * (2 if request.perturbation else 1)


def _judged_rows(rows: Sequence[LabelledRow]) -> list[LabelledRow]:
    return [r for r in rows if r.role != CALIBRATION]


def evaluate(request: Request, detect: Detect, config: Config) -> Evaluation:
    """Judge the labelled set every way `evaluate` reports, with both rules."""
    rows = read_labels(request.labels, request.root, request.calibration_frames)
    rows = _only(rows, request)
    runner = _Runner(detect, config, request.perturbation)
    groups = group_by_subject(rows)
    headline_parts = [
        runner.run(calibration_rows(g, len(g)), _judged_rows(g)) for g in groups.values()
    ]
    headline = _result("all", "all", request.calibration_frames or 0, rows, headline_parts)
    if not has_role_column(request.labels):
        rows = first_good_as_calibration(rows, max(request.sweep))
    groups = group_by_subject(rows)
    sweep: list[GroupResult] = []
    for n in request.sweep:
        parts = {
            name: runner.run(calibration_rows(g, n), _judged_rows(g)) for name, g in groups.items()
        }
        sweep.extend(_sweep_results(n, rows, groups, parts))
    return Evaluation(request, headline, sweep, _leave_one_out(rows, groups, runner, request))


def _only(rows: list[LabelledRow], request: Request) -> list[LabelledRow]:
    if request.only:
        rows = [r for r in rows if request.only in str(r.path)]
        if not rows:
            raise UserError(f"no row of {request.labels} has a path containing '{request.only}'")
    missing = [r.path for r in rows if not r.path.is_file()]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise UserError(f"{missing[0]}: no such file{more}")
    return rows


def _sweep_results(
    n: int,
    rows: Sequence[LabelledRow],
    groups: Mapping[str, list[LabelledRow]],
    parts: dict[str, tuple[Judged, Judged | None]],
) -> list[GroupResult]:
    out: list[GroupResult] = []
    people: dict[str, list[str]] = {}
    for name, group in groups.items():
        person = group[0].person
        if person:
            out.append(_result(name, "session", n, group, [parts[name]]))
            people.setdefault(person, []).append(name)
    for person, names in people.items():
        if len(names) > 1:
            members = [r for name in names for r in groups[name]]
            out.append(_result(person, "subject", n, members, [parts[m] for m in names]))
    strangers = [name for name, g in groups.items() if not g[0].person]
    if strangers:
        members = [r for name in strangers for r in groups[name]]
        out.append(_result("no subject", "no subject", n, members, [parts[s] for s in strangers]))
    frontal = [name for name, g in groups.items() if g[0].person and _frontal(g)]
    if len(frontal) < len(groups):
        members = [r for name in frontal for r in groups[name]]
        out.append(_result("all frontal", "all", n, members, [parts[f] for f in frontal]))
    out.append(_result("all", "all", n, rows, list(parts.values())))
    return out


def _leave_one_out(
    rows: Sequence[LabelledRow],
    groups: Mapping[str, list[LabelledRow]],
    runner: _Runner,
    request: Request,
) -> list[GroupResult]:
    out: list[GroupResult] = []
    for sessions in sessions_by_person(rows).values():
        for target in sessions:
            for source in (s for s in sessions if s != target):
                for n in request.sweep:
                    part = runner.run(
                        calibration_rows(groups[source], n), _judged_rows(groups[target])
                    )
                    name = f"{target} calibrated in {source.split('/')[-1]}"
                    out.append(_result(name, "leave one session out", n, groups[target], [part]))
    return out
