"""Writing the user's config file: the keys setup chose, merged into what the file already holds.

The result is plain TOML with each key preceded by the comment lines that document it in
`posture/config/default.toml`, so the file explains itself. Only the keys the file had and the keys
being set are written; every other setting keeps its default. `render` and `merge` are pure;
`save` checks the merged text with the real loader before it replaces anything, writes it
owner-only in one step, and loads it back.
"""

from __future__ import annotations

import dataclasses
import importlib.resources
import math
import re
from collections.abc import Mapping
from typing import Any

from posture.config.schema import Config

Table = Mapping[str, Mapping[str, Any]]

HEADER = (
    "# Posture's settings for you, written by `python run.py setup` (run it again any time).\n"
    "# Only the settings below differ from the defaults or were chosen in setup; every other\n"
    "# setting, with what it means, is in posture/config/default.toml.\n"
)
LINE_LIMIT = 100
_KEY_LINE = re.compile(r"([A-Za-z0-9_]+)\s*=")
_SECTION_LINE = re.compile(r"\[([A-Za-z0-9_]+)\]\s*$")
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


def default_config_text() -> str:
    """The documented defaults: `default.toml`, shipped beside this module as package data."""
    return (importlib.resources.files("posture.config") / "default.toml").read_text("utf-8")


def key_comments(documented: str) -> dict[tuple[str, str], list[str]]:
    """(section, key) -> the comment lines just above that key in the documented defaults."""
    found: dict[tuple[str, str], list[str]] = {}
    section = ""
    pending: list[str] = []
    for raw in documented.splitlines():
        line = raw.strip()
        if not line:
            pending = []
        elif line.startswith("#"):
            pending.append(line)
        elif (header := _SECTION_LINE.match(line)) is not None:
            section, pending = header.group(1), []
        elif (key := _KEY_LINE.match(line)) is not None:
            found[(section, key.group(1))] = pending
            pending = []
    return found


def merge(existing: Table, updates: Table) -> dict[str, dict[str, Any]]:
    """The existing tables with `updates` written over them, key by key."""
    merged = {name: dict(table) for name, table in existing.items()}
    for name, table in updates.items():
        merged.setdefault(name, {}).update(table)
    return merged


def _order(names: list[str], schema: list[str]) -> list[str]:
    known = [n for n in schema if n in names]
    return known + sorted(n for n in names if n not in schema)


def render(table: Table, comments: Mapping[tuple[str, str], list[str]]) -> str:
    """TOML text for `table` (sections of keys), each key under its documenting comments."""
    defaults = Config()
    sections = {
        f.name: [g.name for g in dataclasses.fields(getattr(defaults, f.name))]
        for f in dataclasses.fields(defaults)
    }
    out = [HEADER]
    for name in _order(list(table), list(sections)):
        if not table[name]:
            continue
        out.append(f"\n[{name}]\n")
        for key in _order(list(table[name]), sections.get(name, [])):
            out.extend(f"{line}\n" for line in comments.get((name, key), []))
            out.append(f"{key} = {value_text(table[name][key], len(key) + 3)}\n")
    return "".join(out)


def value_text(value: Any, indent: int = 0) -> str:
    """One TOML value: a string, number, true/false or a list of those."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return repr(value) if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list | tuple):
        return _array([value_text(v) for v in value], indent)
    raise TypeError(f"cannot write {value!r} to a config file")


def _string(text: str) -> str:
    chars = (
        _ESCAPES.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F else c)
        for c in text
    )
    return '"' + "".join(chars) + '"'


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
