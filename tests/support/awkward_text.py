"""A notification title and message that break every naive quoting scheme.

Apostrophes and quotes (shell, GVariant, AppleScript), markup and an entity (freedesktop
servers that parse markup), a line break, backslashes that read as C escapes (notify-send),
accents and emoji joined by zero-width joiners (cutting to a limit).
"""

from __future__ import annotations

TITLE = 'Don\'t "slouch" <b>now</b> & 🙂'
MESSAGE = (
    "It's 5 o'clock: sit \"up\" straight\n"
    "<b>bold?</b> & <i>italic</i> &amp; — é 🙂 👩‍👩‍👧 C:\\new\\table 100%"
)
