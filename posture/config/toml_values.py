"""How one setting is spelled in TOML: its key, and its value (text, number, true/false or list).

The writer uses these for every setting it adds or changes, so a written value reads the same
whether the file is new or the user's own: basic strings escaped only where TOML requires it,
floats that read back exactly, and a long list wrapped below its first item.
"""

from __future__ import annotations

import math
import re
from typing import Any

LINE_LIMIT = 100
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# TOML basic strings must escape these; everything else may stand as it is.
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def key_text(key: str) -> str:
    """A key as TOML spells it: bare when it may be, else a quoted string."""
    return key if _BARE_KEY.fullmatch(key) else basic_string(key)


def value_text(value: Any, indent: int = 0) -> str:
    """One TOML value; `indent` is the column it starts at, for wrapping a long list."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return repr(value) if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, str):
        return basic_string(value)
    if isinstance(value, list | tuple):
        return _array([value_text(v) for v in value], indent)
    raise TypeError(f"cannot write {value!r} to a config file")


def basic_string(text: str) -> str:
    """A double-quoted TOML string holding `text` exactly.

    Besides what TOML requires, every character that does not print (a control character, a
    line or paragraph separator some editors break lines at) is escaped, so it stays visible.
    """
    return '"' + "".join(_ESCAPES.get(c) or _visible(c) for c in text) + '"'


def literal_string(text: str) -> str | None:
    """A single-quoted TOML string holding `text`, or None when a literal string cannot (a
    quote inside, or a character that would have to be escaped to stay visible)."""
    if "'" in text or not text.isprintable():
        return None
    return f"'{text}'"


def _visible(c: str) -> str:
    if c.isprintable():
        return c
    return f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}"


def _array(items: list[str], indent: int) -> str:
    """A list on one line, wrapped below the first item when it would pass the line limit."""
    lines, line = [], "["
    for i, item in enumerate(items):
        piece = item + (", " if i < len(items) - 1 else "")
        if indent + len(line) + len(piece.rstrip()) > LINE_LIMIT and line.strip() != "[":
            lines.append(line.rstrip())
            line = " " * (indent + 1)
        line += piece
    lines.append(line + "]")
    return "\n".join(lines)
