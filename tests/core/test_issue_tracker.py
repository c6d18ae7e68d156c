"""Issues over time: smoothing, dwell and hysteresis as pure transitions (no sleeping)."""

from __future__ import annotations

import pytest

from posture.config.schema import Thresholds, Timing
from posture.core.issue_tracker import IssueTrack, PostureState, advance, advance_track, reset

TIMING = Timing(smoothing_s=0.0, dwell_s=20.0, clear_s=5.0)
EXIT = 0.7


def run(ratios: list[tuple[float, float | None]], timing: Timing = TIMING) -> list[bool]:
    track = IssueTrack()
    out = []
    for now_s, ratio in ratios:
        track = advance_track(track, now_s, ratio, timing, EXIT)
        out.append(track.active)
    return out


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        # One bad frame never counts.
        ([(0, 0.2), (1, 3.0), (2, 0.2), (30, 0.2)], [False] * 4),
        # Bad for longer than the dwell time: active from 20 s on.
        ([(0, 1.2), (10, 1.2), (19, 1.2), (20, 1.2), (25, 1.2)], [False, False, False, True, True]),
        # A dip in the middle restarts the dwell.
        (
            [(0, 1.2), (15, 0.9), (16, 1.2), (30, 1.2), (36, 1.2)],
            [False, False, False, False, True],
        ),
        # Hysteresis: once active, 0.8 (above the 0.7 exit) keeps it active.
        ([(0, 1.5), (20, 1.5), (21, 0.8), (40, 0.8)], [False, True, True, True]),
        # Below the exit level for the clear time: cleared.
        ([(0, 1.5), (20, 1.5), (21, 0.5), (25, 0.5), (26, 0.5)], [False, True, True, True, False]),
        # Unknown values (None) leave the state alone.
        ([(0, 1.5), (20, 1.5), (21, None), (60, None)], [False, True, True, True]),
    ],
)
def test_dwell_and_hysteresis(
    series: list[tuple[float, float | None]], expected: list[bool]
) -> None:
    assert run(series) == expected


def test_smoothing_damps_a_single_spike() -> None:
    smooth = Timing(smoothing_s=3.0, dwell_s=0.0, clear_s=0.0)
    track = IssueTrack()
    track = advance_track(track, 0.0, 0.0, smooth, EXIT)
    track = advance_track(track, 1.0, 3.0, smooth, EXIT)
    assert track.smoothed == pytest.approx(3.0 * (1 - 2.718281828 ** (-1 / 3)), rel=1e-6)
    assert track.smoothed is not None and track.smoothed < 1.0
    # The next ordinary frame stops the dwell clock the spike started.
    track = advance_track(track, 2.0, 0.0, smooth, EXIT)
    assert track.above_since_s is None


def test_the_dwell_clock_starts_at_the_first_bad_frame_despite_smoothing() -> None:
    timing = Timing(smoothing_s=3.0, dwell_s=20.0, clear_s=5.0)
    track = advance_track(IssueTrack(), 0.0, 0.2, timing, EXIT)
    for now in (10.0, 10.5, 20.0, 29.5):
        track = advance_track(track, now, 2.0, timing, EXIT)
        assert not track.active
    track = advance_track(track, 30.0, 2.0, timing, EXIT)
    assert track.active and track.active_since_s == 30.0


def test_smoothing_handles_irregular_gaps() -> None:
    smooth = Timing(smoothing_s=3.0, dwell_s=0.0, clear_s=0.0)
    track = advance_track(IssueTrack(), 0.0, 0.0, smooth, EXIT)
    track = advance_track(track, 600.0, 2.0, smooth, EXIT)  # a long gap: the old value is gone
    assert track.smoothed == pytest.approx(2.0)


def test_state_tracks_every_issue_and_resets() -> None:
    t = Thresholds()
    state = PostureState()
    for now in range(0, 40, 2):
        state = advance(state, float(now), {"slouch": 2.5, "head_tilt": 0.1}, TIMING, t)
    assert set(state.active()) == {"slouch"}
    assert state.active()["slouch"].name == "SEVERE"
    assert not reset(state).active()


def test_building_is_reported_during_the_dwell() -> None:
    t = Thresholds()
    state = advance(PostureState(), 0.0, {"slouch": 1.5}, TIMING, t)
    assert state.building()
    state = advance(state, 25.0, {"slouch": 1.5}, TIMING, t)
    assert not state.building() and state.active()
