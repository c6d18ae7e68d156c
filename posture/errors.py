"""Errors a user can see: each carries one clear sentence and becomes a non-zero exit status.

`shown` makes what the user typed safe to echo in that sentence: a value from the command line
or a file may hold terminal escape codes or be thousands of characters long; echoed raw it
could rewrite the user's terminal or bury the sentence.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem shown as one sentence without a traceback.

    Exit status 2 means the user asked for something wrong (a missing file, a bad option);
    1 means something outside their request failed (no network to fetch a model).
    """

    def __init__(self, message: str, exit_status: int = 2) -> None:
        super().__init__(message)
        self.exit_status = exit_status


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
