"""`evaluate`'s output: readable tables with every number explained, or one JSON object.

The two headline tables keep the shape `evaluate` has always printed; the tables after them
carry one row per group and calibration size, both rules side by side, and end with one line of
explanation for every column (the JSON carries the same lines under `explain`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from posture.core.view import VIEW_PROBLEMS
from posture.operations.evaluate_scoring import FALSE_ALARM_BUDGET, NOBODY, NOT_NEAR, Scores

if TYPE_CHECKING:
    from posture.operations.evaluate import Evaluation, GroupResult

EXPLAIN: Mapping[str, str] = {
    "n": "calibration frames: each group's first n good frames (the same frames are judged "
    "for every n)",
    "good": "judged frames labelled good (borderline and unlabelled rows are left out and "
    "counted apart)",
    "bad": "judged frames labelled with a fault (slouch, recline, ...)",
    "balanced_accuracy": "BA, the mean of recall and specificity: 0.5 is chance, 1 is perfect",
    "recall": "share of fault frames on which any issue fired",
    "specificity": "spec, the share of good frames on which no issue fired",
    "kind": "of the fault frames flagged, the share whose label is among the issues named "
    "(only labels that name an issue, such as slouch)",
    "worst_rule": "the rule that fired on the most good frames, and on what share of them "
    f"(issue 13's budget: {FALSE_ALARM_BUDGET:.0%})",
    "unjudged": "frames not judged: nobody found, nobody near the calibrated place, or "
    "'cannot judge from this view' (side view, reclined, no shoulders); they raise nothing",
    "kept": "share of frames whose verdict (an issue, none, or not judged) the perturbation "
    "left alone",
    "nose": "the peers' nose-height rule (the nose more than 5 % of the frame below its "
    "calibrated height) on the same frames, calibration and person",
}


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_scores(title: str, scores: Scores, issue_names: Sequence[str]) -> str:
    """A readable table: one row per label with how often each issue fired."""
    shown = [n for n in issue_names if any(n in c for c in scores.fired.values())]
    lines = [title, "  " + f"{'label':<12}{'frames':>7}" + "".join(f"{n:>14}" for n in shown)]
    for label in sorted(scores.frames):
        counts = scores.fired.get(label, {})
        cells = "".join(f"{counts.get(n, 0) / scores.frames[label]:>14.2f}" for n in shown)
        lines.append(f"  {label:<12}{scores.frames[label]:>7}{cells}")
    lines.append(
        f"  any issue vs good: recall {_fmt(scores.recall)}, specificity "
        f"{_fmt(scores.specificity)}, balanced accuracy {_fmt(scores.balanced_accuracy)}"
    )
    if scores.unjudged:
        lines.append(f"  not judged: {_unjudged_text(scores.unjudged)}")
    if scores.left_out:
        left = ", ".join(f"{k} {v}" for k, v in sorted(scores.left_out.items()))
        lines.append(f"  left out of the figures: {left}")
    return "\n".join(lines)


def _unjudged_text(counts: Mapping[str, int]) -> str:
    names = {NOBODY: "nobody found", NOT_NEAR: "nobody near the calibrated place"}
    names.update({k: f"cannot judge ({k.replace('_', ' ')})" for k in VIEW_PROBLEMS})
    return ", ".join(f"{names.get(k, k)} {v}" for k, v in sorted(counts.items()))


def _worst(scores: Scores) -> str:
    alarms = scores.false_alarms()
    if not alarms:
        return "-"
    name = max(alarms, key=lambda k: alarms[k])
    return f"{name} {alarms[name]:.2f}"


def _row(g: GroupResult) -> str:
    o, n = g.ours, g.nose
    good = o.frames.get("good", 0)
    bad = sum(v for k, v in o.frames.items() if k != "good")
    unjudged = sum(o.unjudged.values())
    kept = "" if g.kept is None else f" | {_fmt(g.kept):>6} {_fmt(g.nose_kept):>6}"
    return (
        f"  {g.name:<28.28}{g.frames:>3}{good:>6}{bad:>5}  {_fmt(o.balanced_accuracy):>6}"
        f" {_fmt(o.recall):>6} {_fmt(o.specificity):>6} {_fmt(o.kind):>6}  {_worst(o):<19.19}"
        f"{unjudged:>5} | {_fmt(n.balanced_accuracy):>6} {_fmt(n.recall):>6} "
        f"{_fmt(n.specificity):>6}{kept}"
    )


def _table(title: str, groups: Sequence[GroupResult], perturbed: bool) -> list[str]:
    kept = " |   kept nose kept" if perturbed else ""
    header = (
        f"  {'group':<28}{'n':>3}{'good':>6}{'bad':>5}  {'BA':>6} {'recall':>6} {'spec':>6} "
        f"{'kind':>6}  {'worst rule':<19}{'unjudged':>8}| {'nose BA':>6} {'recall':>6} "
        f"{'spec':>6}{kept}"
    )
    lines = [title, header]
    lines += [_row(g) for g in groups]
    for g in groups:
        for reason in g.refused if g.kind != "all" else ():
            lines.append(f"  ({g.name}, n={g.frames}: calibration refused, {reason})")
    return lines


def format_evaluation(evaluation: Evaluation, model: str) -> str:
    """The whole evaluation as text: headline tables, sweep, leave one out, checks, legend."""
    from posture.core.vocabulary import ISSUE_NAMES

    request = evaluation.request
    under = f" under '{request.perturbation}'" if request.perturbation else ""
    name = request.labels.name
    lines = [
        format_scores(
            f"Posture rules ({name}, {model} model{under})", evaluation.headline.ours, ISSUE_NAMES
        ),
        "",
        format_scores(
            "Nose-height rule (the peers' approach), same frames and calibration",
            evaluation.headline.nose,
            ("slouch",),
        ),
        "",
    ]
    perturbed = request.perturbation is not None
    sizes = ", ".join(str(n) for n in request.sweep)
    lines += _table(f"Calibrations of {sizes} frames{under}", evaluation.sweep, perturbed)
    if evaluation.leave_one_out:
        lines += ["", *_table(f"Leave one session out{under}", evaluation.leave_one_out, perturbed)]
    lines += ["", _checks_text(evaluation), "", "What the numbers mean:"]
    lines += [f"  {key}: {text}" for key, text in EXPLAIN.items()]
    return "\n".join(lines)


def _checks_text(evaluation: Evaluation) -> str:
    checked = [g for g in evaluation.sweep if g.frontal and g.kind in ("session", "subject")]
    if not checked:
        return "Checks (issue 13): no frontal session in this set"
    names = {
        "ba_at_least_nose": "BA at least the nose rule's",
        "false_alarms_within_budget": (
            f"no rule on more than {FALSE_ALARM_BUDGET:.0%} of good frames"
        ),
        "verdicts_kept": "at least 95 % of verdicts kept",
    }
    parts = []
    for key, text in names.items():
        results = [g.checks()[key] for g in checked if key in g.checks()]
        if results:
            parts.append(f"{text}: {'yes' if all(results) else 'NO'}")
    return "Checks (issue 13, every frontal session and subject, every n): " + "; ".join(parts)


def _group_json(g: GroupResult) -> dict[str, Any]:
    return {
        "group": g.name,
        "kind": g.kind,
        "calibration_frames": g.frames,
        "frontal": g.frontal,
        "posture": g.ours.to_json(),
        "nose": g.nose.to_json(),
        "kept": None if g.kept is None else round(g.kept, 4),
        "nose_kept": None if g.nose_kept is None else round(g.nose_kept, 4),
        "calibration_refused": g.refused,
        "checks": g.checks(),
    }


def evaluation_json(evaluation: Evaluation, model: str) -> dict[str, Any]:
    """The whole evaluation as one JSON object (field meanings under `explain`)."""
    request = evaluation.request
    return {
        "labels": str(request.labels),
        "model": model,
        "perturbation": request.perturbation,
        "calibration_frames": request.calibration_frames,
        "explain": dict(EXPLAIN),
        "headline": _group_json(evaluation.headline),
        "calibrations": [_group_json(g) for g in evaluation.sweep],
        "leave_one_session_out": [_group_json(g) for g in evaluation.leave_one_out],
        "accepted": evaluation.accepted(),
    }
