"""What the user typed, made safe to echo in one sentence: escapes spelled out, length capped.

A value from the command line or a file may hold terminal escape codes or be thousands of
characters long; echoed raw it could rewrite the user's terminal or bury the sentence.
"""

from __future__ import annotations

SHOWN_MAX = 120


def shown(text: str, limit: int = SHOWN_MAX) -> str:
    """`text` with every unprintable character escaped (\\x1b, \\n), at most `limit` chars.

    A longer text keeps its start and its end (where a path keeps its file name).
    """
    safe = "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode() for char in text
    )
    if len(safe) > limit:
        half = limit // 2
        return f"{safe[:half]}…{safe[-half:]} ({len(text)} characters)"
    return safe
