"""What one calibration frame tells: the people found, and the values only of a lone person."""

from __future__ import annotations

import pytest

from posture.core.baseline import frame_values
from posture.core.calibration import Sample, sample_of
from tests.support.poses import upright_pose

UPRIGHT = upright_pose()


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        (0, Sample(0, None)),
        (1, Sample(1, frame_values(UPRIGHT, 0.5))),
        (2, Sample(2, None)),
        (3, Sample(3, None)),
    ],
)
def test_a_frame_becomes_a_sample(people: int, expected: Sample) -> None:
    assert sample_of([UPRIGHT] * people, 0.5) == expected


def test_the_visibility_floor_reaches_the_values() -> None:
    strict = sample_of([UPRIGHT], 0.999).values
    assert strict is not None and any(value is None for value in strict.values())
