"""The optional calibration phases with the real model on real frames (../shared/data).

"Show me your usual slouch" learns from real slouch frames of `slouching-or-not`; "look at your
keyboard" and "look at your other screen" from real upright frames with the head alone nodded
or turned in the model's own world coordinates (`tests/support/poses`), as no labelled picture
shows a look at a keyboard or a second screen.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from posture.adapters.mediapipe_pose import MediaPipePose
from posture.adapters.opencv_images import read_image_file
from posture.config.schema import Config
from posture.core.assess import judge
from posture.core.baseline import Baseline
from posture.core.calibration import build_baseline, sample_of
from posture.core.jitter import floor, sink_floor
from posture.core.landmarks import Pose
from posture.core.learned import PhaseRefused
from posture.operations.calibration_phases import learn, with_learned
from tests.support.cli import provisioned_model
from tests.support.people import alone, three_people
from tests.support.poses import head_nodded, head_turned
from tests.support.videos import SESSION_B, frames_of

pytestmark = pytest.mark.e2e  # the real model: the slow suite

CONFIG = Config()
T = CONFIG.thresholds
SESSION_A = Path("slouching-or-not") / "low-isSlouching__high-notSlouching"
HEAD = {"head_tilt", "forward_head", "head_down", "head_up"}


@pytest.fixture(scope="module", params=["lite", "full"])
def estimator(request: pytest.FixtureRequest) -> Iterator[MediaPipePose]:
    est = MediaPipePose(provisioned_model(request.param), mode="image", num_poses=2)
    yield est
    est.close()


def _frames(estimator: MediaPipePose, paths: Sequence[Path]) -> list[list[Pose]]:
    return [estimator.detect(read_image_file(p), 0.0) for p in paths]


def _baseline(frames: Sequence[Sequence[Pose]]) -> Baseline:
    size = frames[0][0]
    return build_baseline(
        [sample_of(poses, T.min_visibility) for poses in frames], size.width_px, size.height_px, T
    )


def _found(pose: Pose, baseline: Baseline) -> set[str]:
    return {f.name for f in judge(pose, baseline, T).findings}


@pytest.mark.parametrize("session", [SESSION_A, SESSION_B], ids=["A", "B"])
@pytest.mark.parametrize("calibration_frames", [1, 3, 5])
def test_the_usual_slouch_puts_each_threshold_midway_between_good_and_bad(
    shared_data: Path, estimator: MediaPipePose, session: Path, calibration_frames: int
) -> None:
    upright = _frames(estimator, frames_of(shared_data, "notSlouching", session))
    slouched = _frames(estimator, frames_of(shared_data, "isSlouching", session))
    baseline = _baseline(upright[:calibration_frames])
    one = learn("slouch", slouched[:3], baseline, CONFIG)
    learned = with_learned(baseline, [one])
    assert one.values and set(learned.learned) == set(one.values)
    assert one.summary.startswith("usual slouch: ")
    # The sink threshold sits midway to this person's slouch, or on the jitter floor.
    sink = one.values["slouch_sink_sw"]
    assert sink > sink_floor(baseline)
    limit = max(sink / 2, sink_floor(baseline))
    assert limit <= sink  # between good (0) and bad
    # Held out: every other slouch frame is still a slouch, no other upright frame is one.
    for poses in slouched[3:]:
        assert "slouch" in _found(poses[0], learned)
    for poses in upright[calibration_frames:]:
        assert "slouch" not in _found(poses[0], learned)


def test_an_upright_posture_shown_as_a_slouch_is_refused(
    shared_data: Path, estimator: MediaPipePose
) -> None:
    upright = _frames(estimator, frames_of(shared_data, "notSlouching"))
    with pytest.raises(PhaseRefused, match="looked the same as your upright posture"):
        learn("slouch", upright[5:10], _baseline(upright[:5]), CONFIG)


def test_a_phase_seen_from_the_side_is_refused(shared_data: Path, estimator: MediaPipePose) -> None:
    upright = _frames(estimator, frames_of(shared_data, "notSlouching"))
    side = _frames(estimator, sorted((shared_data / "side-view").glob("hunchback*.jpg")))
    with pytest.raises(PhaseRefused, match="cannot judge from this view"):
        learn("slouch", side, _baseline(upright[:5]), CONFIG)


def test_a_passer_by_teaches_nothing(shared_data: Path, estimator: MediaPipePose) -> None:
    crowd = read_image_file(three_people(shared_data))
    baseline = _baseline([estimator.detect(alone(crowd, "middle"), 0.0)] * 3)
    others = [estimator.detect(alone(crowd, "right"), 0.0)] * 3
    with pytest.raises(PhaseRefused, match="nobody was in view where you calibrated"):
        learn("keyboard", others, baseline, CONFIG)


@pytest.mark.parametrize("nod_deg", [-20.0, -30.0])
def test_a_look_at_the_keyboard_is_not_a_fault(
    shared_data: Path, estimator: MediaPipePose, nod_deg: float
) -> None:
    upright = _frames(estimator, frames_of(shared_data, "notSlouching"))
    baseline = _baseline(upright[:3])
    looks = [[head_nodded(poses[0], nod_deg)] for poses in upright[:3]]
    one = learn("keyboard", looks, baseline, CONFIG)
    assert one.values["keyboard_pitch_deg"] < -floor("pitch_change_deg", 3)
    learned = with_learned(baseline, [one])
    for poses in upright[5:10]:
        typing = head_nodded(poses[0], nod_deg)
        assert "head_down" in _found(typing, baseline)  # without the phase: a fault
        assert not _found(typing, learned) & HEAD
    # Twice as far down as the keyboard is still head down.
    assert "head_down" in _found(head_nodded(upright[6][0], 2 * nod_deg), learned)


@pytest.mark.parametrize("yaw_deg", [-25.0, 25.0])
def test_a_look_at_the_other_screen_raises_no_head_issue(
    shared_data: Path, estimator: MediaPipePose, yaw_deg: float
) -> None:
    upright = _frames(estimator, frames_of(shared_data, "notSlouching"))
    baseline = _baseline(upright[:3])
    looks = [[head_turned(poses[0], yaw_deg)] for poses in upright[:3]]
    one = learn("screen", looks, baseline, CONFIG)
    learned = with_learned(baseline, [one])
    for poses in upright[5:10]:
        there = judge(head_turned(poses[0], yaw_deg), learned, T)
        assert all(there.ratios[name] is None for name in HEAD)  # the head is not judged
        assert not {f.name for f in there.findings} & HEAD
        # Without the phase, a turn of 25 degrees is judged; the other way still is.
        assert judge(head_turned(poses[0], yaw_deg), baseline, T).ratios["head_tilt"] is not None
        other_way = judge(head_turned(poses[0], -yaw_deg), learned, T)
        assert other_way.ratios["head_tilt"] is not None
