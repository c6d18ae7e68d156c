"""How durations and figures read, in every output."""

from __future__ import annotations

import pytest

from posture.report.figures import show


@pytest.mark.parametrize(
    ("value", "text"), [(None, "-"), (3, "3"), (372.5, "372.5"), (372.0, "372"), (0.0, "0")]
)
def test_figures_print_as_numbers(value: float | None, text: str) -> None:
    assert show(value) == text
