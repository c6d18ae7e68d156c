"""The one parser of "HH:MM" times of day, and the places that use it."""

from __future__ import annotations

from datetime import time

import pytest

from posture.config.clock import clock_text, parse_clock
from posture.config.schema import ConfigError, parse_config
from posture.setup.answers import clock_or_none


@pytest.mark.parametrize(
    ("text", "typed", "expected"),
    [
        ("00:00", False, time(0, 0)),
        ("07:30", False, time(7, 30)),
        ("22:00", False, time(22, 0)),
        ("23:59", False, time(23, 59)),
        ("7:30", True, time(7, 30)),
        ("07:30", True, time(7, 30)),
        ("0:05", True, time(0, 5)),
        ("23:59", True, time(23, 59)),
    ],
)
def test_a_time_of_day(text: str, typed: bool, expected: time) -> None:
    assert parse_clock(text, typed=typed) == expected


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("7:30", False),  # a stored time always has two digits
        ("24:00", False),
        ("24:00", True),
        ("22:60", True),
        ("22:0", True),
        ("22", True),
        ("2200", True),
        ("22.00", True),
        ("10pm", True),
        (" 22:00", False),  # the caller strips what a person typed
        ("", True),
        ("007:30", True),
    ],
)
def test_not_a_time_of_day(text: str, typed: bool) -> None:
    with pytest.raises(ValueError, match="is not a 24-hour time like 22:00"):
        parse_clock(text, typed=typed)


@pytest.mark.parametrize(
    ("moment", "text"), [(time(0, 0), "00:00"), (time(7, 5), "07:05"), (time(23, 59), "23:59")]
)
def test_clock_text_is_what_the_parser_reads(moment: time, text: str) -> None:
    assert clock_text(moment) == text
    assert parse_clock(clock_text(moment)) == moment


def _quiet_from(start: str) -> str:
    table = f'[coaching]\nquiet_hours_start = "{start}"\nquiet_hours_end = "06:00"\n'
    return parse_config(table).coaching.quiet_hours_start


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("7:30", "07:30"), (" 22:00 ", "22:00"), ("23:59", "23:59"), ("none", ""), ("-", "")],
)
def test_setup_stores_what_the_config_file_takes(typed: str, stored: str) -> None:
    assert clock_or_none(typed) == stored
    if stored:
        assert _quiet_from(stored) == stored


@pytest.mark.parametrize("text", ["7:30", "24:00", "22:60", "10pm", " 22:00"])
def test_the_config_file_takes_only_stored_times(text: str) -> None:
    with pytest.raises(ConfigError, match=r"quiet_hours_start.*24-hour time"):
        _quiet_from(text)
