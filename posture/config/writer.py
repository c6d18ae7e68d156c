"""Writing the user's config file: chosen settings set into the text the file already holds.

`updated_text` is pure (text in, text out) and built on tomlkit, which keeps a file's own layout:
every comment, blank line, key order, quoting style and unrelated setting of an existing file
stays byte for byte. Only a setting whose value changes is rewritten, in place, keeping the
comment beside it and its quoting style where the new value allows (a changed list is written
whole, so a comment inside its brackets goes with it). A setting the file lacks is added after
the last setting of its [table], under the comment lines that document it in
`posture/config/default.toml`; a missing table is added at the end. A new file is those
documented settings under a short header. The result is read back with a plain TOML parser
before it is returned, so a layout the writer cannot follow is refused, never written wrong.
Reading and replacing the file itself is `posture.adapters.config_file`.
"""

from __future__ import annotations

import dataclasses
import importlib.resources
import re
import tomllib
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Comment, Integer, Item, Null, String, Whitespace
from tomlkit.items import Table as TomlTable
from tomlkit.toml_document import TOMLDocument

from posture.config.schema import Config, ConfigError
from posture.config.toml_values import key_text, literal_string, value_text

Table = Mapping[str, Mapping[str, Any]]

HEADER = (
    "# Posture's settings for you, written by `python run.py setup` (run it again any time).\n"
    "# Only the settings below differ from the defaults or were chosen in setup; every other\n"
    "# setting, with what it means, is in posture/config/default.toml.\n"
)
_KEY_LINE = re.compile(r"([A-Za-z0-9_]+)\s*=")
_SECTION_LINE = re.compile(r"\[([A-Za-z0-9_]+)\]\s*$")
# Marks, in the rendered text, where a table's added settings go. No TOML text holds a NUL.
_MARK = "\x00{}\x00"
_CANNOT = (
    "the settings cannot be written into this file without changing others; "
    "write them by hand, or move the file away and run setup again"
)


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


def updated_text(existing: str | None, updates: Table, documented: str | None = None) -> str:
    """The config text `existing` (None: no file yet) with `updates` ({table: {key: value}}) set.

    `documented` is the text whose comments document each setting (default.toml when None).
    Raises ConfigError when `existing` is not TOML, when a name in `updates` is not a table
    there, or when the settings cannot be set without disturbing the rest of the file.
    """
    comments = key_comments(default_config_text() if documented is None else documented)
    before = HEADER if existing is None else existing
    doc = _parse(before)
    newline = "\r\n" if "\r\n" in before else "\n"
    added = _set_in_place(doc, updates)
    marked = [name for name in added if name in doc]
    indents = {name: _mark(doc[name], _MARK.format(i)) for i, name in enumerate(marked)}
    text = doc.as_string()
    for i, name in enumerate(marked):
        head, found, tail = text.partition(_MARK.format(i))
        if not found:
            raise ConfigError(_CANNOT)
        line_end = next((e for e in ("\r\n", "\n") if tail.startswith(e)), "")
        head, tail = head + (line_end or newline), tail[len(line_end) :]
        text = head + _block(name, added[name], comments, indents[name], newline) + tail
    for name in (n for n in added if n not in doc):  # a missing table goes at the end
        if text and not text.endswith("\n"):
            text += newline
        if text.strip() and not text.endswith(newline * 2):
            text += newline
        text += f"[{key_text(name)}]{newline}" + _block(name, added[name], comments, "", newline)
    _check(before, updates, text)
    return text


def _set_in_place(doc: TOMLDocument, updates: Table) -> dict[str, list[tuple[str, Any]]]:
    """Change in `doc` each setting it holds with another value; return, by [table], those it
    lacks from tables written under a [header] (or missing), which get documented lines."""
    added: dict[str, list[tuple[str, Any]]] = {}
    for name, key, value in _in_schema_order(updates):
        table = doc.get(name)
        if table is not None and not isinstance(table, MutableMapping):
            raise ConfigError(f"'{name}' must be a table ([{name}]), not {table!r}")
        if table is not None and key in table:
            old = table[key]
            if not _same(_plain(old), value):  # an unchanged setting keeps its very bytes
                table[key] = tomlkit.value(_spelled_like(old, value, len(key) + 3))
        elif table is None or _has_header(table):
            added.setdefault(name, []).append((key, value))
        else:  # an inline table or dotted keys: tomlkit adds the key in that same form
            table[key] = tomlkit.value(value_text(value))
    return added


def _parse(text: str) -> TOMLDocument:
    try:
        tomllib.loads(text)  # its message names the line, so it speaks first
        return tomlkit.parse(text)
    except (tomllib.TOMLDecodeError, TOMLKitError) as exc:
        raise ConfigError(f"the config text is not valid TOML ({exc})") from exc


def _in_schema_order(updates: Table) -> Iterator[tuple[str, str, Any]]:
    """Every (table, key, value), tables and keys in the schema's order, unknown ones after."""
    defaults = Config()
    schema = {
        f.name: [g.name for g in dataclasses.fields(getattr(defaults, f.name))]
        for f in dataclasses.fields(defaults)
    }
    for name in _order(list(updates), list(schema)):
        for key in _order(list(updates[name]), schema.get(name, [])):
            yield name, key, updates[name][key]


def _order(names: list[str], schema: list[str]) -> list[str]:
    return [n for n in schema if n in names] + sorted(n for n in names if n not in schema)


def _plain(item: Any) -> Any:
    return item.unwrap() if isinstance(item, Item) else item


def _same(old: Any, new: Any) -> bool:
    """Whether a setting already holds `new`: 35 holds 35.0, but true does not hold 1."""
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    if isinstance(old, list) and isinstance(new, list | tuple):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, int | float) and isinstance(new, int | float):
        return old == new
    return type(old) is type(new) and bool(old == new)


def _spelled_like(old: Any, value: Any, indent: int) -> str:
    """The new value in the old one's style where it allows: 'literal' quotes, 40 for 40.0."""
    written = old.as_string() if isinstance(old, String) else ""
    if isinstance(value, str) and written.startswith("'") and not written.startswith("'''"):
        literal = literal_string(value)
        if literal is not None:
            return literal
    if isinstance(old, Integer) and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value_text(value, indent)


def _has_header(table: Any) -> bool:
    """A table written as a [header] over its keys (not inline, not only dotted keys)."""
    return isinstance(table, TomlTable) and not table.is_super_table()


def _mark(table: TomlTable, mark: str) -> str:
    """Put `mark` after the table's last setting and the comment lines right below it (or after
    its header when it has none), so an added setting does not land under a comment that
    introduces what follows; returns the indentation of the table's settings."""
    spot: Any = table
    attached, indent = True, ""
    for key, item in table.value.body:
        if isinstance(item, Null):
            continue
        if isinstance(item, TomlTable | AoT):
            break  # a sub-table: settings of this table must stay above it
        if key is not None:
            spot, attached = item, True
            indent = item.trivia.indent if item.trivia.indent.strip(" \t") == "" else ""
        elif isinstance(item, Comment) and attached:
            spot = item
        elif isinstance(item, Whitespace):
            attached = False
    # Before the line's own end: tomlkit checks that a line ends in a newline before a header.
    trail = spot.trivia.trail
    end = len(trail.rstrip("\r\n")) if trail.endswith("\n") else len(trail)
    spot.trivia.trail = trail[:end] + mark + trail[end:]
    return indent


def _block(
    name: str,
    settings: list[tuple[str, Any]],
    comments: Mapping[tuple[str, str], list[str]],
    indent: str,
    newline: str,
) -> str:
    """The lines of settings added to table `name`, each under its documenting comments."""
    lines: list[str] = []
    for key, value in settings:
        lines.extend(indent + line for line in comments.get((name, key), []))
        spelled = value_text(value, len(indent) + len(key_text(key)) + 3)
        lines.append(f"{indent}{key_text(key)} = {spelled}")
    return "".join(line.replace("\n", newline) + newline for line in lines)


def _check(before: str, updates: Table, text: str) -> None:
    """Refuse a result that does not read back as the old settings with `updates` set."""
    try:
        got = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        got = {"": str(exc)}
    expected = merge(tomllib.loads(before), updates)
    if not _same_tables(got, expected):
        raise ConfigError(_CANNOT)


def _same_tables(got: Mapping[str, Any], expected: Mapping[str, Any]) -> bool:
    if got.keys() != expected.keys():
        return False
    for name, value in got.items():
        want = expected[name]
        if isinstance(value, dict) and isinstance(want, Mapping):
            if not _same_tables(value, want):
                return False
        elif not _same(value, want):
            return False
    return True
