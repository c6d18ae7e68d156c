"""The one duration formatter: each named style as its readers see it, and the figures' rounding."""

from __future__ import annotations

import pytest

from posture.core.durations import DurationStyle, format_duration, rounded_minutes

H = 3600.0
MIN = 60.0


@pytest.mark.parametrize(
    ("seconds", "style", "text"),
    [
        # the report's totals: to the nearest minute, and "none" for nothing
        (0, "total", "none"),
        (-5, "total", "none"),
        (20, "total", "under a minute"),
        (29.9, "total", "under a minute"),
        (30, "total", "1 min"),
        (89.5, "total", "1 min"),
        (45 * MIN, "total", "45 min"),
        (59 * MIN + 30, "total", "1 h"),
        (H, "total", "1 h"),
        (H + 5 * MIN, "total", "1 h 05 min"),
        (6 * H + 12 * MIN + 40, "total", "6 h 13 min"),
        # time so far on a running clock (status): whole minutes passed, never rounded up
        (0, "elapsed", "under a minute"),
        (-5, "elapsed", "under a minute"),
        (59.9, "elapsed", "under a minute"),
        (60, "elapsed", "1 min"),
        (23 * MIN + 5, "elapsed", "23 min"),
        (59 * MIN + 59, "elapsed", "59 min"),
        (H, "elapsed", "1 h"),  # was "1 h 00 min": now as the report writes it
        (H + 5 * MIN, "elapsed", "1 h 05 min"),
        (25 * H + 59, "elapsed", "25 h"),
        # in a notification's sentence
        (50 * MIN, "minutes", "50 minutes"),
        (50 * MIN + 29, "minutes", "50 minutes"),
        (65 * MIN + 40, "minutes", "66 minutes"),
        (MIN, "minutes", "1 minute"),
        (5 * MIN, "minutes", "5 minutes"),
        # a configured wait in a log line
        (30, "short", "30 s"),
        (0.5, "short", "0.5 s"),
        (60, "short", "1 min"),
        (90, "short", "1.5 min"),
        (300, "short", "5 min"),
        # beside a bar counting seconds
        (3600, "seconds", "3600 s"),
        (12.4, "seconds", "12 s"),
        (15.0, "seconds", "15 s"),
    ],
)
def test_each_style_reads_as_its_place_needs(
    seconds: float, style: DurationStyle, text: str
) -> None:
    assert format_duration(seconds, style) == text


def test_the_report_style_is_the_default() -> None:
    assert format_duration(6 * H + 12 * MIN + 40) == "6 h 13 min"


def test_an_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown duration style"):
        format_duration(60, "fortnights")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("seconds", "minutes"),
    [(0, 0.0), (30, 0.5), (59, 1.0), (90, 1.5), (3600, 60.0), (22350, 372.5), (20, 0.3)],
)
def test_figures_round_seconds_to_minutes_with_one_decimal(seconds: float, minutes: float) -> None:
    assert rounded_minutes(seconds) == minutes
