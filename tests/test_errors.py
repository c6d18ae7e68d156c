"""Echoing what the user typed: escapes spelled out, long text capped, the end kept."""

from __future__ import annotations

import pytest

from posture.core.profile_names import check_profile_name
from posture.errors import SHOWN_MAX, shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("desk", "desk"),
        ("a\x1b[31mred", "a\\x1b[31mred"),
        ("two\nlines", "two\\nlines"),
        ("Büro", "Büro"),
    ],
)
def test_unprintable_characters_are_spelled_out(text: str, expected: str) -> None:
    assert shown(text) == expected


def test_a_long_text_keeps_its_start_and_end_and_says_how_long_it_was() -> None:
    text = "/home/" + "x" * 5000 + "/picture.png"
    out = shown(text)
    assert len(out) < SHOWN_MAX + 30
    assert out.startswith("/home/x") and "/picture.png (5018 characters)" in out


@pytest.mark.parametrize("name", ["desk", " laptop ", "home_office-2", "Büro"])
def test_good_profile_names(name: str) -> None:
    assert check_profile_name(name) == name.strip()


@pytest.mark.parametrize(
    "name", ["", "   ", "a b", "desk/1", "../x", "a" * 41, "\x1b[2J", "x" * 5000, "tab\there"]
)
def test_one_rule_refuses_the_same_names_with_the_same_sentence(name: str) -> None:
    with pytest.raises(ValueError, match="letters, digits, - and _ only") as refused:
        check_profile_name(name)
    assert "\x1b" not in str(refused.value) and len(str(refused.value)) < 250
