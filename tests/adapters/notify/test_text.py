"""Text cleaning and per-transport quoting, as tables."""

from __future__ import annotations

import pytest

from posture.adapters.notify import applescript_string, gvariant_string, safe_text


@pytest.mark.parametrize(
    ("text", "limit", "options", "expected"),
    [
        ("Sit up straight", 80, {}, "Sit up straight"),
        ("It's \"fine\" 'really'", 80, {}, "It's \"fine\" 'really'"),
        ("café 🙂 naïve 👩‍👩‍👧", 80, {}, "café 🙂 naïve 👩‍👩‍👧"),
        ("bell\x07 null\x00 esc\x1b[31m del\x7f", 80, {}, "bell null esc[31m del"),
        ("one\ntwo\r\nthree\rfour\u2028five", 80, {}, "one two three four five"),
        ("one\ntwo\r\n\n\nthree", 80, {"newlines": True}, "one\ntwo\nthree"),
        ("  lots   of\t\tspace  \n  here ", 80, {"newlines": True}, "lots of space\nhere"),
        ("<b>x</b> & y", 80, {}, "<b>x</b> & y"),
        ("<b>x</b> & y", 80, {"markup": True}, "&lt;b&gt;x&lt;/b&gt; &amp; y"),
        ("abcdefghij", 5, {}, "abcd…"),
        ("abc defghi", 5, {}, "abc…"),
        ("abcde", 5, {}, "abcde"),
        ("ab👩‍👩‍👧cd", 5, {}, "ab…"),
        ("cafe\u0301 au lait", 5, {}, "caf…"),
        ("&&&&&&", 3, {"markup": True}, "&amp;&amp;…"),
        ("\u202eevil\u202c text", 80, {}, "evil text"),
        ("lone \ud800 surrogate", 80, {}, "lone \ufffd surrogate"),
        ("\n\x00 \t", 80, {"newlines": True}, ""),
    ],
)
def test_safe_text(text: str, limit: int, options: dict[str, bool], expected: str) -> None:
    assert safe_text(text, limit, **options) == expected
    assert len(safe_text(text, limit, **{**options, "markup": False})) <= limit


def test_safe_text_needs_room_for_one_character() -> None:
    with pytest.raises(ValueError, match="limit"):
        safe_text("x", 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "'plain'"),
        ("It's", "'It\\'s'"),
        ('say "hi"', "'say \"hi\"'"),
        ("back\\slash", "'back\\\\slash'"),
        ("two\nlines\ttab", "'two\\nlines\\ttab'"),
        ("bell\x07", "'bell\\u0007'"),
        ("é 🙂", "'é 🙂'"),
    ],
)
def test_gvariant_string(text: str, expected: str) -> None:
    assert gvariant_string(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", '"plain"'),
        ("It's", '"It\'s"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("two\nlines", '"two\\nlines"'),
        ("bell\x07", '"bell"'),
        ("é 🙂", '"é 🙂"'),
    ],
)
def test_applescript_string(text: str, expected: str) -> None:
    assert applescript_string(text) == expected
