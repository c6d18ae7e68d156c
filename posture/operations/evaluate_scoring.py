"""The figures of `evaluate`: pure functions of what each rule said about each judged frame.

A frame is flagged when any issue fired. Frames Posture did not judge (nobody found, nobody near
the calibrated place, or "cannot judge from this view") raise nothing, so they count as not
flagged, and are also counted apart by reason. `borderline` and `unlabelled` rows are left out
of every figure and counted apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from posture.core.vocabulary import ISSUE_NAMES
from posture.operations.evaluate_labels import BORDERLINE, GOOD, UNLABELLED

# A rule may fire on at most this share of upright frames (issue 13's false-alarm budget).
FALSE_ALARM_BUDGET = 0.02
# Reasons a frame was not judged, as `Verdict.unjudged` carries them (view problems besides).
NOBODY = "nobody"
NOT_NEAR = "not_near"


@dataclass(frozen=True)
class Verdict:
    """What a rule said about one judged frame.

    `unjudged` is None for a judged frame, else why it was not judged: NOBODY (no person found),
    NOT_NEAR (nobody near the calibrated place) or a view problem (`side_view`, ...).
    """

    label: str
    issues: frozenset[str]
    found: bool = True  # False when the model found nobody
    unjudged: str | None = None

    @property
    def flagged(self) -> bool:
        """Whether any issue fired."""
        return bool(self.issues)


@dataclass
class Scores:
    """Per-label issue counts and the any-issue figures against `good`."""

    fired: dict[str, dict[str, int]] = field(default_factory=dict)
    frames: dict[str, int] = field(default_factory=dict)
    recall: float | None = None
    specificity: float | None = None
    balanced_accuracy: float | None = None
    kind: float | None = None
    unjudged: dict[str, int] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)

    def false_alarms(self) -> dict[str, float]:
        """Each rule's share of `good` frames it fired on (rules that never fired left out)."""
        good = self.frames.get(GOOD, 0)
        if not good:
            return {}
        return {name: count / good for name, count in sorted(self.fired.get(GOOD, {}).items())}

    def worst_false_alarm(self) -> float:
        """The largest share of `good` frames any one rule fired on (0 without any)."""
        return max(self.false_alarms().values(), default=0.0)

    def to_json(self) -> dict[str, object]:
        """The figures as plain JSON values."""
        return {
            "frames": dict(sorted(self.frames.items())),
            "recall": _round(self.recall),
            "specificity": _round(self.specificity),
            "balanced_accuracy": _round(self.balanced_accuracy),
            "kind": _round(self.kind),
            "false_alarms": {k: _round(v) for k, v in self.false_alarms().items()},
            "fired": {label: dict(sorted(c.items())) for label, c in sorted(self.fired.items())},
            "unjudged": dict(sorted(self.unjudged.items())),
            "left_out": dict(sorted(self.left_out.items())),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def score(verdicts: Iterable[Verdict]) -> Scores:
    """Per-label firing counts; recall, specificity, balanced accuracy and kind of 'any issue'."""
    result = Scores()
    positives = detected = negatives = quiet = named = right_kind = 0
    for verdict in verdicts:
        if verdict.label in UNLABELLED or verdict.label == BORDERLINE:
            key = verdict.label or "unlabelled"
            result.left_out[key] = result.left_out.get(key, 0) + 1
            continue
        result.frames[verdict.label] = result.frames.get(verdict.label, 0) + 1
        counts = result.fired.setdefault(verdict.label, {})
        for issue in verdict.issues:
            counts[issue] = counts.get(issue, 0) + 1
        if verdict.unjudged is not None:
            result.unjudged[verdict.unjudged] = result.unjudged.get(verdict.unjudged, 0) + 1
        if verdict.label == GOOD:
            negatives += 1
            quiet += not verdict.flagged
            continue
        positives += 1
        detected += verdict.flagged
        if verdict.flagged and verdict.label in ISSUE_NAMES:
            named += 1
            right_kind += verdict.label in verdict.issues
    result.recall = detected / positives if positives else None
    result.specificity = quiet / negatives if negatives else None
    if result.recall is not None and result.specificity is not None:
        result.balanced_accuracy = (result.recall + result.specificity) / 2
    result.kind = right_kind / named if named else None
    return result


def kept_share(before: Sequence[Verdict], after: Sequence[Verdict]) -> float | None:
    """Share of scored frames whose verdict (flagged, quiet, or not judged) did not change."""
    pairs = [
        (a, b)
        for a, b in zip(before, after, strict=True)
        if a.label not in UNLABELLED and a.label != BORDERLINE
    ]
    if not pairs:
        return None
    same = sum(1 for a, b in pairs if _state(a) == _state(b))
    return same / len(pairs)


def _state(verdict: Verdict) -> str:
    if verdict.unjudged is not None:
        return "unjudged"
    return "flagged" if verdict.flagged else "quiet"


def nose_rule(calibration_nose_y: Sequence[float], nose_y_frac: float | None) -> frozenset[str]:
    """The peers' rule: a nose lower than at calibration by more than NOSE_DROP_FRAC is bad."""
    if nose_y_frac is None or not calibration_nose_y:
        return frozenset()
    ordered = sorted(calibration_nose_y)
    median = ordered[len(ordered) // 2]
    return frozenset({"slouch"}) if nose_y_frac - median > NOSE_DROP_FRAC else frozenset()


# The peers' rule: the nose more than this share of the frame height below where it was at
# calibration counts as slouching (Dorso and postured compare nose height with a calibrated
# range; 5 % of the frame is the margin they use for comparable cues).
NOSE_DROP_FRAC = 0.05


def meets_acceptance(ours: Scores, nose: Scores) -> Mapping[str, bool]:
    """Issue 13's per-set checks: BA at least the nose rule's, and no rule over its budget."""
    return {
        "ba_at_least_nose": (ours.balanced_accuracy or 0.0) >= (nose.balanced_accuracy or 0.0),
        "false_alarms_within_budget": ours.worst_false_alarm() <= FALSE_ALARM_BUDGET,
    }
