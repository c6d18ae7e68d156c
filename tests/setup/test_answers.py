"""What the user may type at setup's questions, in tables."""

from __future__ import annotations

import pytest

from posture.setup import answers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("default", "default"),
        (" desk ", "desk"),
        ("laptop-2", "laptop-2"),
        ("home_office", "home_office"),
        ("Büro", "Büro"),
        ("s", "s"),
    ],
)
def test_good_profile_names(text: str, expected: str) -> None:
    assert answers.profile_name(text) == expected


@pytest.mark.parametrize("text", ["", "my desk", "desk/1", "../x", "a" * 41, "desk!", "é;"])
def test_bad_profile_names(text: str) -> None:
    with pytest.raises(ValueError):
        answers.profile_name(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22:00", "22:00"),
        ("7:05", "07:05"),
        ("00:00", "00:00"),
        ("23:59", "23:59"),
        ("none", ""),
        ("", ""),
        ("-", ""),
    ],
)
def test_good_clock_answers(text: str, expected: str) -> None:
    assert answers.clock_or_none(text) == expected


@pytest.mark.parametrize("text", ["24:00", "22:60", "22", "10pm", "22.00", "2200", "22:0"])
def test_bad_clock_answers(text: str) -> None:
    with pytest.raises(ValueError, match="24-hour time"):
        answers.clock_or_none(text)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("50", 50.0),
        ("5", 5.0),
        ("480", 480.0),
        ("45.5", 45.5),
        ("4", None),
        ("500", None),
        ("fifty", None),
    ],
)
def test_minutes(text: str, ok: float | None) -> None:
    if ok is None:
        with pytest.raises(ValueError, match="from 5 to 480"):
            answers.minutes(text, 5, 480)
    else:
        assert answers.minutes(text, 5, 480) == ok
