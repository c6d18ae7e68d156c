"""The setup-drift rule: tables of offsets that are and are not a changed setup, over time."""

from __future__ import annotations

import pytest

from posture.config.schema import Monitor
from posture.core import setup_drift as drift
from posture.core.baseline import Baseline
from posture.core.setup_drift import DriftState, Offset

SETTINGS = Monitor()  # drift_min 3, scale 0.35, sideways 0.6 sw, vertical 0.5 sw
# A calibration at 640x480 with the shoulders 40 % of the frame wide, centred, 70 % down.
BASE = Baseline({"shoulder_w": 0.4, "shoulder_x": 0.5, "shoulder_y": 0.7}, {}, 50, 640, 480)
ASPECT = 480 / 640


def values(scale: float = 1.0, dx_sw: float = 0.0, dy_sw: float = 0.0) -> dict[str, float | None]:
    """Frame values whose offset from BASE is exactly the one given."""
    return {
        "shoulder_w": 0.4 * scale,
        "shoulder_x": 0.5 + dx_sw * 0.4,
        "shoulder_y": 0.7 + dy_sw * 0.4 / ASPECT,
        "ear_y": 0.4,
    }


def run(
    segments: list[tuple[float, dict[str, float | None] | None]], step_s: float = 1.0
) -> list[DriftState]:
    """Feed one look per `step_s` through segments of (seconds, values); every state after."""
    state, t, out = DriftState(), 0.0, []
    for seconds, vals in segments:
        end = t + seconds
        while t < end:
            state = drift.advance(state, t, vals, BASE, SETTINGS)
            out.append(state)
            t += step_s
    return out


@pytest.mark.parametrize(
    ("found", "far"),
    [
        (Offset(1.0, 0.0, 0.0), False),  # as calibrated
        (Offset(0.98, 0.03, 0.11), False),  # session B slouch (real frames)
        (Offset(0.76, 0.12, 0.08), False),  # session A slouch: shrinks by a quarter
        (Offset(1.0, 0.0, 0.15), False),  # a deep slouch sinks 0.15 sw
        (Offset(1.3, 0.0, 0.0), False),  # leaning in: "too close", a posture issue
        (Offset(0.64, 0.0, 0.0), True),  # camera moved back
        (Offset(1.6, 0.0, 0.0), True),  # camera moved much closer
        (Offset(1.0, 0.65, 0.0), True),  # camera turned or moved sideways
        (Offset(1.0, -0.65, 0.0), True),
        (Offset(1.0, 0.0, 0.55), True),  # camera raised (you appear lower)
        (Offset(1.0, 0.0, -0.55), True),  # camera lowered
        (Offset(0.58, -0.32, 0.25), True),  # the replayed video's moved camera
    ],
)
def test_what_counts_as_far(found: Offset, far: bool) -> None:
    assert drift.is_far(found, SETTINGS) is far


@pytest.mark.parametrize(
    ("vals", "expected"),
    [
        (values(), Offset(1.0, 0.0, 0.0)),
        (values(0.5, 0.7, -0.6), Offset(0.5, 0.7, -0.6)),
        ({"shoulder_w": None, "shoulder_x": 0.5, "shoulder_y": 0.7}, None),
        ({}, None),
    ],
)
def test_offsets_in_shoulder_widths(vals: dict[str, float | None], expected: Offset | None) -> None:
    found = drift.offset(vals, BASE)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert found.scale == pytest.approx(expected.scale)
        assert found.dx_sw == pytest.approx(expected.dx_sw)
        assert found.dy_sw == pytest.approx(expected.dy_sw)


def test_population_baseline_never_drifts() -> None:
    from posture.core.baseline import POPULATION

    states = [drift.advance(DriftState(), t, values(0.3), POPULATION, SETTINGS) for t in range(10)]
    assert not any(drift.holds_alerts(s) for s in states)


def _first(states: list[DriftState], test: str) -> float | None:
    for t, state in enumerate(states):
        if getattr(state, test):
            return float(t)
    return None


@pytest.mark.parametrize(
    ("name", "segments", "drifted_at", "holding_at"),
    [
        ("steady upright", [(600, values())], None, None),
        ("a long slouch", [(60, values()), (900, values(0.97, 0.05, 0.14))], None, None),
        ("session A slouch", [(60, values()), (900, values(0.76, 0.12, 0.08))], None, None),
        # Half a window for the long median to turn, then drift_min (180 s) beyond.
        ("camera moved back", [(60, values()), (600, values(0.55))], 60 + 60 + 180, 60 + 1),
        ("camera moved aside", [(60, values()), (600, values(1.0, 0.9))], 60 + 60 + 180, 61),
        ("camera raised", [(60, values()), (600, values(1.0, 0.0, 0.8))], 60 + 60 + 180, 61),
        # Leaning in to read for two minutes holds alerts for a while, but is no drift.
        ("leaning in briefly", [(60, values()), (120, values(1.7)), (300, values())], None, 61),
        # Nobody there for a long time: that time does not count towards a drift. Back, the
        # window holds only the new place, so it counts from the tenth look.
        (
            "moved, then away",
            [(60, values()), (100, values(0.5)), (600, None), (400, values(0.5))],
            760 + 10 + 180,
            61,
        ),
    ],
)
def test_drift_over_time(
    name: str,
    segments: list[tuple[float, dict[str, float | None] | None]],
    drifted_at: float | None,
    holding_at: float | None,
) -> None:
    states = run(segments)
    first_drift = _first(states, "drifted")
    if drifted_at is None:
        assert first_drift is None, name
    else:
        assert first_drift == pytest.approx(drifted_at, abs=6), name
    first_hold = _first(states, "holding")
    if holding_at is None:
        assert first_hold is None, name
    else:
        # The short median turns after half its window: well before a 20 s posture dwell.
        assert first_hold is not None and holding_at <= first_hold <= holding_at + 10, name


def test_a_drift_holds_alerts_until_the_body_is_back() -> None:
    states = run([(60, values()), (400, values(0.5)), (400, values())])
    at = _first(states, "drifted")
    assert at is not None
    assert all(drift.holds_alerts(s) for s in states[int(at) : 460])
    # Back where calibrated (the camera put back): the long median clears after half a window.
    cleared = next(t for t in range(460, len(states)) if not states[t].drifted)
    assert 460 + 50 <= cleared <= 460 + 70
    assert not drift.holds_alerts(states[-1])


def test_hysteresis_keeps_a_drift_near_the_line() -> None:
    # Drifted at 0.55; then settles at 0.68, inside the threshold (0.65) but outside 0.8 of it.
    states = run([(60, values()), (400, values(0.55)), (400, values(0.68))])
    assert states[-1].drifted


@pytest.mark.parametrize(
    ("found", "words"),
    [
        (Offset(0.5, 0.0, 0.0), "smaller"),
        (Offset(1.8, 0.0, 0.0), "larger"),
        (Offset(0.5, 0.8, 0.0), "smaller and further to one side"),
        (Offset(1.0, 0.0, 0.7), "lower"),
        (Offset(1.0, 0.0, -0.7), "higher"),
        (Offset(0.9, 0.1, 0.1), "in a different place"),
    ],
)
def test_the_suggestion_says_what_changed(found: Offset, words: str) -> None:
    assert drift.describe(found, SETTINGS) == words


def test_the_suggestion_names_calibrate_and_profiles() -> None:
    state = DriftState(drifted=True, typical=Offset(0.5, 0.0, 0.0))
    title, message = drift.suggestion(state, SETTINGS, "desk")
    assert "setup" in title
    assert "python run.py calibrate" in message and "--profile" in message
    assert "profile 'desk'" in message and "smaller" in message
    assert len(message) <= 300  # the notification body limit
