"""When the monitor looks next while someone is there (posture/core/sampling.py)."""

from __future__ import annotations

from posture.config.schema import Monitor
from posture.core.sampling import Steadiness, advance, next_look_s

M = Monitor()
CALM = {"slouch": 0.2, "head_down": 0.1, "forward_head": None}


def _steady_for(seconds: float, ratios: dict[str, float | None] = CALM) -> Steadiness:
    state = Steadiness()
    t = 0.0
    while t <= seconds:
        state = advance(state, t, ratios, M)
        t += 1.0
    return state


def test_good_and_steady_posture_is_looked_at_less_often() -> None:
    assert next_look_s(_steady_for(5.0), 5.0, None, False, M) == M.sample_interval_s
    assert next_look_s(_steady_for(10.0), 10.0, None, False, M) == M.steady_interval_s
    assert M.steady_interval_s > M.sample_interval_s


def test_a_measure_moving_towards_its_threshold_brings_back_todays_pace() -> None:
    state = advance(_steady_for(30.0), 31.0, {**CALM, "slouch": 0.8}, M)
    assert state.steady_since_s is None
    assert next_look_s(state, 31.0, None, False, M) == M.sample_interval_s
    # ... and steadiness has to be earned again from then on.
    state = advance(state, 32.0, CALM, M)
    assert next_look_s(state, 32.0 + M.steady_after_s - 0.5, None, False, M) == 1.0


def test_nothing_known_is_not_steady() -> None:
    assert advance(_steady_for(30.0), 31.0, None, M).steady_since_s is None
    assert advance(_steady_for(30.0), 31.0, dict.fromkeys(CALM), M).steady_since_s is None


def test_a_building_issue_is_looked_at_faster_and_exactly_at_its_dwell_end() -> None:
    steady = _steady_for(30.0)
    assert next_look_s(steady, 40.0, 60.0, True, M) == M.building_interval_s
    assert abs(next_look_s(steady, 59.8, 60.0, True, M) - 0.2) < 1e-9
    assert next_look_s(steady, 60.0, 60.0, True, M) == M.building_interval_s


def test_a_steady_interval_below_the_sample_interval_never_speeds_looks_up() -> None:
    m = Monitor(sample_interval_s=2.0, steady_interval_s=1.0)
    assert next_look_s(_steady_for(30.0), 30.0, None, False, m) == 2.0
