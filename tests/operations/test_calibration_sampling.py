"""The one calibration sampling loop, at its seams: a scripted live camera and scripted people.

The live camera and its clock cannot run here, so they are scripted; the same loop on real
pictures and videos with the real model is in `test_calibration_on_real_frames.py`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from posture.config.schema import Thresholds
from posture.core.calibration import CalibrationRefused
from posture.core.frame import Frame, Image, Skipped
from posture.core.landmarks import Pose
from posture.operations import calibrate as guided
from posture.operations.calibration_sampling import (
    SAMPLE_INTERVAL_S,
    SampleSeen,
    calibrate,
    sample_source,
)
from tests.support.poses import upright_pose

T = Thresholds()
FPS = 30.0
GREY: Image = np.full((480, 640, 3), 128, np.uint8)
DARK: Image = np.full((480, 640, 3), 10, np.uint8)


class ScriptedClock:
    def __init__(self) -> None:
        self.now_s = 100.0

    def __call__(self) -> float:
        return self.now_s


class ScriptedSource:
    """A live camera (or a file) at 30 frames a second: reading or skipping a frame takes 1/30 s."""

    def __init__(
        self,
        clock: ScriptedClock,
        frames: int,
        *,
        live: bool = True,
        image: Image = GREY,
        unreadable: Sequence[int] = (),
    ) -> None:
        self.live, self.label = live, "scripted"
        self._clock, self._frames, self._image = clock, frames, image
        self._unreadable = set(unreadable)
        self.index = 0
        self.decoded = 0
        self.skipped = 0
        self.closed = False

    def read(self) -> Frame | Skipped | None:
        if self.index >= self._frames:
            return None
        index = self.index
        self.index += 1
        self._clock.now_s += 1 / FPS
        if index in self._unreadable:
            return Skipped(f"frame {index}", f"frame {index} is damaged")
        self.decoded += 1
        time_s = self._clock.now_s if self.live else index / FPS
        return Frame(self._image, time_s, index, "scripted")

    def skip(self) -> bool:
        if self.index >= self._frames:
            return False
        self.index += 1
        self.skipped += 1
        self._clock.now_s += 1 / FPS
        return True

    def close(self) -> None:
        self.closed = True


class ScriptedPeople:
    """The pose model's seam: how many upright people each detection finds, in turn."""

    def __init__(self, counts: Sequence[int] = (1,)) -> None:
        self._counts = list(counts)
        self.calls: list[float] = []

    def detect(self, image: Image, time_s: float) -> list[Pose]:
        count = self._counts[min(len(self.calls), len(self._counts) - 1)]
        self.calls.append(time_s)
        return [upright_pose(image.shape[1], image.shape[0]) for _ in range(count)]

    def close(self) -> None:
        pass


def test_a_live_camera_is_sampled_every_interval_for_the_window() -> None:
    clock = ScriptedClock()
    source = ScriptedSource(clock, frames=1000)
    seen = list(sample_source(source, ScriptedPeople(), T, window_s=2.0, clock=clock))
    assert 2.0 / (SAMPLE_INTERVAL_S + 2 / FPS) <= len(seen) <= 2.0 / SAMPLE_INTERVAL_S + 1
    gaps = np.diff([one.frame.time_s for one in seen])
    assert all(SAMPLE_INTERVAL_S <= gap <= SAMPLE_INTERVAL_S + 2 / FPS for gap in gaps)
    assert all(one.elapsed_s <= 2.0 for one in seen)
    assert source.skipped > 4 * source.decoded  # the frames between are never decoded
    assert not source.closed  # the caller closes it


def test_a_file_is_windowed_on_its_own_clock_and_read_frame_by_frame() -> None:
    clock = ScriptedClock()
    source = ScriptedSource(clock, frames=300, live=False)
    seen = list(sample_source(source, ScriptedPeople(), T, window_s=1.0, clock=clock))
    assert [one.frame.index for one in seen] == list(range(31))  # 0 s to 1 s at 30 fps
    assert source.skipped == 0
    assert [one.fraction for one in seen][:2] == [0.0, pytest.approx(1 / 30)]
    assert seen[-1].fraction == pytest.approx(1.0)


def test_without_a_window_every_frame_is_read_and_no_progress_is_claimed() -> None:
    clock = ScriptedClock()
    source = ScriptedSource(clock, frames=12, live=False, unreadable=[3, 7])
    skipped: list[Skipped] = []
    seen = list(sample_source(source, ScriptedPeople(), T, on_skipped=skipped.append, clock=clock))
    assert len(seen) == 10 and all(one.fraction is None for one in seen)
    assert [item.reason for item in skipped] == ["frame 3 is damaged", "frame 7 is damaged"]


def test_each_sample_reaches_on_sample_before_the_baseline_is_built() -> None:
    clock = ScriptedClock()
    source = ScriptedSource(clock, frames=8, live=False)
    people = ScriptedPeople([0, 2, 1])
    shown: list[SampleSeen] = []
    captured = calibrate(sample_source(source, people, T, clock=clock), T, shown.append)
    assert [one.sample.people for one in shown] == [0, 2, 1, 1, 1, 1, 1, 1]
    assert [one.pose is not None for one in shown] == [False] + [True] * 7
    assert captured.baseline.frames == 6  # the frames that showed one person
    assert (captured.baseline.width_px, captured.baseline.height_px) == (640, 480)
    assert captured.best is not None and captured.best[1] is shown[2].poses[0]


@pytest.mark.parametrize(
    ("counts", "reason"),
    [
        ([0], "nobody was in view"),
        ([2], "more than one person was in view"),
        ([1, 2, 2, 1], "more than one person was in view"),
    ],
)
def test_the_loop_refuses_with_the_reason(counts: list[int], reason: str) -> None:
    clock = ScriptedClock()
    source = ScriptedSource(clock, frames=4, live=False)
    with pytest.raises(CalibrationRefused, match=reason):
        calibrate(sample_source(source, ScriptedPeople(counts), T, clock=clock), T)


def test_a_source_with_nothing_readable_is_refused() -> None:
    clock = ScriptedClock()
    source = ScriptedSource(clock, frames=3, live=False, unreadable=[0, 1, 2])
    with pytest.raises(CalibrationRefused, match="no frames could be read"):
        calibrate(sample_source(source, ScriptedPeople(), T, clock=clock), T)


@pytest.mark.parametrize(
    ("image", "counts", "advice"),
    [
        (GREY, [1], []),
        (GREY, [0], ["Nobody was found"]),
        (DARK, [1], ["The picture is too dim"]),
        (DARK, [0], ["Nobody was found", "The picture is too dim"]),
    ],
)
def test_a_live_preview_gets_framing_advice_for_each_frame(
    image: Image, counts: list[int], advice: list[str]
) -> None:
    clock = ScriptedClock()
    source = ScriptedSource(clock, frames=1, live=False, image=image)
    (one,) = sample_source(source, ScriptedPeople(counts), T, clock=clock)
    said = one.advice()
    assert len(said) == len(advice)
    assert all(text.startswith(start) for text, start in zip(said, advice, strict=True))


def test_the_guided_capture_shows_progress_and_closes_the_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    clock = ScriptedClock()
    source = ScriptedSource(clock, frames=1000)
    shown: list[SampleSeen] = []
    captured = guided.capture(
        source, ScriptedPeople(), T, 3.0, lambda _: None, clock=clock, on_sample=shown.append
    )
    assert source.closed and captured.baseline.frames == len(shown) > 10
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("Calibrating: [") and lines[-1].endswith("100% (3 of 3 s)")
    assert 2 <= len(lines) <= 5  # not a terminal: a line per quarter


def test_the_guided_capture_closes_the_source_when_refused() -> None:
    clock = ScriptedClock()
    source = ScriptedSource(clock, frames=50, live=False)
    with pytest.raises(CalibrationRefused, match="nobody"):
        guided.capture(source, ScriptedPeople([0]), T, 1.0, lambda _: None, clock=clock)
    assert source.closed
