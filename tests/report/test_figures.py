"""How durations and figures read, in every output."""

from __future__ import annotations

import pytest

from posture.report.figures import duration, show


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "none"),
        (20, "under a minute"),
        (45 * 60, "45 min"),
        (3600, "1 h"),
        (6 * 3600 + 12 * 60 + 40, "6 h 13 min"),
        (89.5, "1 min"),
    ],
)
def test_durations_read_naturally(seconds: float, text: str) -> None:
    assert duration(seconds) == text


@pytest.mark.parametrize(
    ("value", "text"), [(None, "-"), (3, "3"), (372.5, "372.5"), (372.0, "372"), (0.0, "0")]
)
def test_figures_print_as_numbers(value: float | None, text: str) -> None:
    assert show(value) == text
