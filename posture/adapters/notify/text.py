"""What a notification says: text every backend shows as written, and its quoting per transport.

A message can break a quoting scheme (plyer's portal backend splices text into a GVariant
literal, so one apostrophe ruins it), so every adapter cleans its text with `safe_text` first
and then quotes it for its own transport: a GVariant literal for `gdbus`, an AppleScript literal
for `osascript`, C escapes for `notify-send`, and markup escapes for a server that parses them.
"""

from __future__ import annotations

import re
import unicodedata

APP_NAME = "Posture"
TITLE_LIMIT = 80
MESSAGE_LIMIT = 300

_ELLIPSIS = "…"
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
# Bidirectional overrides can reorder what the reader sees, so they never reach a notification.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MARKUP_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_GVARIANT_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_APPLESCRIPT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def safe_text(text: str, limit: int, *, newlines: bool = False, markup: bool = False) -> str:
    """Text that every notification backend shows as written, at most `limit` characters long.

    Control characters and bidirectional overrides go, lone surrogates become U+FFFD, and runs
    of whitespace shrink to one space. Line breaks survive as "\\n" only when `newlines` is set
    (freedesktop bodies); otherwise they become spaces. Apostrophes, quotes and non-ASCII stay.
    Text longer than `limit` is cut at a character boundary that does not split an emoji or an
    accent, and ends with an ellipsis. With `markup` set (a freedesktop body on a server that
    parses markup), `&`, `<` and `>` are escaped after the cut, so the limit counts what the
    reader sees and an entity is never cut in half.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    kept = "".join(_clean_char(char) for char in _LINE_BREAK.sub("\n", text))
    lines = [" ".join(line.split()) for line in kept.split("\n")]
    joined = ("\n" if newlines else " ").join(line for line in lines if line)
    if len(joined) > limit:
        cut = _grapheme_boundary(joined, limit - 1)
        joined = joined[:cut].rstrip() + _ELLIPSIS
    if markup:
        joined = "".join(_MARKUP_ESCAPES.get(char, char) for char in joined)
    return joined


def _clean_char(char: str) -> str:
    if char == "\n":
        return char
    if char == "\t":
        return " "
    category = unicodedata.category(char)
    if category == "Cs":
        return "\ufffd"
    if category == "Cc" or char in _BIDI_CONTROLS:
        return ""
    return char


def _grapheme_boundary(text: str, index: int) -> int:
    """The largest cut at or before `index` that keeps combining marks and emoji joins whole."""
    while 0 < index < len(text) and (_joins_previous(text[index]) or text[index - 1] == "\u200d"):
        index -= 1
    return index


def _joins_previous(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or char == "\u200d"
        or 0xFE00 <= code <= 0xFE0F  # variation selectors (emoji presentation)
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
        or 0xE0020 <= code <= 0xE007F  # tag characters (subdivision flags)
    )


def gvariant_string(text: str) -> str:
    """`text` as a GVariant text-format string literal, the form `gdbus call` parses."""
    return "'" + gvariant_escape(text) + "'"


def gvariant_escape(text: str) -> str:
    """`text` escaped for the inside of a single-quoted GVariant literal, without the quotes."""
    return "".join(
        _GVARIANT_ESCAPES.get(char)
        or (f"\\u{ord(char):04x}" if unicodedata.category(char) == "Cc" else char)
        for char in text
    )


def applescript_string(text: str) -> str:
    """`text` as an AppleScript string literal, for `osascript -e 'display notification ...'`."""
    return (
        '"'
        + "".join(
            _APPLESCRIPT_ESCAPES.get(char) or ("" if unicodedata.category(char) == "Cc" else char)
            for char in text
        )
        + '"'
    )


def strcompress_escape(body: str) -> str:
    """notify-send reads C escapes in the body ("\\n", "\\t", octal); a backslash must stay one."""
    return body.replace("\\", "\\\\")
