"""The figures of `evaluate`, as pure functions of verdicts and of a labels file."""

from __future__ import annotations

from pathlib import Path

import pytest

from posture.errors import UserError
from posture.operations.evaluate_labels import (
    CALIBRATION,
    first_good_as_calibration,
    read_labels,
    sessions_by_person,
)
from posture.operations.evaluate_scoring import (
    NOBODY,
    NOT_NEAR,
    Verdict,
    kept_share,
    meets_acceptance,
    nose_rule,
    score,
)


def v(label: str, *issues: str, unjudged: str | None = None) -> Verdict:
    return Verdict(label, frozenset(issues), unjudged=unjudged)


def test_borderline_and_unlabelled_are_left_out_and_counted_apart() -> None:
    scores = score([v("good"), v("slouch", "slouch"), v("borderline", "slouch"), v("unlabelled")])
    assert scores.frames == {"good": 1, "slouch": 1}
    assert scores.left_out == {"borderline": 1, "unlabelled": 1}
    assert scores.balanced_accuracy == 1.0


@pytest.mark.parametrize(
    ("verdicts", "recall", "specificity"),
    [
        ([v("good"), v("good", "head_tilt"), v("slouch", "slouch"), v("slouch")], 0.5, 0.5),
        ([v("good"), v("recline", "head_up"), v("slouch", "forward_head")], 1.0, 1.0),
        # Frames not judged raise nothing: quiet on good frames, missed on bad ones.
        ([v("good", unjudged=NOT_NEAR), v("slouch", unjudged="side_view")], 0.0, 1.0),
    ],
)
def test_any_issue_against_good(verdicts: list[Verdict], recall: float, specificity: float) -> None:
    scores = score(verdicts)
    assert scores.recall == recall and scores.specificity == specificity
    assert scores.balanced_accuracy == pytest.approx((recall + specificity) / 2)


def test_the_right_kind_counts_only_flagged_frames_whose_label_names_an_issue() -> None:
    scores = score(
        [
            v("slouch", "slouch", "head_tilt"),  # right
            v("slouch", "forward_head"),  # wrong kind
            v("slouch"),  # missed: not counted in kind
            v("recline", "head_up"),  # no issue called recline: not counted
            v("head_tilt", "head_tilt"),  # right
        ]
    )
    assert scores.kind == pytest.approx(2 / 3)


def test_false_alarms_are_per_rule_shares_of_good_frames() -> None:
    scores = score([v("good", "head_tilt")] + [v("good")] * 49 + [v("slouch", "slouch")])
    assert scores.false_alarms() == {"head_tilt": 0.02}
    assert scores.worst_false_alarm() == 0.02
    assert meets_acceptance(scores, score([v("good")] * 50 + [v("slouch", "slouch")])) == {
        "ba_at_least_nose": False,
        "false_alarms_within_budget": True,
    }


def test_unjudged_frames_are_counted_by_reason() -> None:
    scores = score([v("good", unjudged=NOBODY), v("slouch", unjudged="side_view")] * 2)
    assert scores.unjudged == {NOBODY: 2, "side_view": 2}


def test_kept_is_the_share_of_scored_verdicts_that_did_not_change() -> None:
    before = [v("good"), v("slouch", "slouch"), v("slouch", "slouch"), v("borderline")]
    after = [v("good"), v("slouch", "forward_head"), v("slouch", unjudged=NOT_NEAR), v("good")]
    # An issue of another kind is still a flagged verdict; not judged is a change.
    assert kept_share(before, after) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("calibration", "now", "fired"), [([0.40, 0.41, 0.42], 0.47, True), ([0.40], 0.44, False)]
)
def test_the_nose_rule(calibration: list[float], now: float, fired: bool) -> None:
    assert bool(nose_rule(calibration, now)) is fired


LABELS = """path,label,subject,session,view
a/1.jpg,good,p1,A,front
a/2.jpg,good,p1,A,front
a/10.jpg,slouch,p1,A,front
b/1.jpg,good,p1,B,front
b/2.jpg,borderline,p1,B,front
c.jpg,good,,,front
d.jpg,good,,,front
"""


def test_rows_are_grouped_by_subject_and_session_and_strangers_stand_alone(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text(LABELS)
    rows = read_labels(path, None, 1)
    assert [r.subject for r in rows][:4] == ["p1/A", "p1/A", "p1/A", "p1/B"]
    assert rows[5].subject != rows[6].subject  # two strangers are two people
    assert [r.path.name for r in rows if r.role == CALIBRATION] == ["1.jpg", "1.jpg"]
    assert sessions_by_person(rows) == {"p1": ["p1/A", "p1/B"]}
    assert [r.role for r in first_good_as_calibration(rows, 5)][5:] == ["test", "test"]


def test_a_labels_file_without_a_role_needs_a_calibration_size(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text(LABELS)
    with pytest.raises(UserError, match="--calibration-frames"):
        read_labels(path, None, None)
    with pytest.raises(UserError, match="1 or more"):
        read_labels(path, None, 0)
