"""The user's config file on disk: read as raw tables, and changed owner-only by `setup`.

What the text says is decided in `posture.config.writer` (`updated_text`, which keeps the
user's own comments and layout); this module only reads and replaces the file, keeping a file
that does not load beside the new one instead of editing it. A settings window changes one
setting the same way: `save(path, {"sitting": {"sit_limit_min": 40.0}})`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from posture.adapters.private_files import check_writable, write_owner_only
from posture.config.file_text import ConfigFileRefused, read_config_text
from posture.config.schema import Config, ConfigError, load_config, parse_config
from posture.config.writer import Table, updated_text


def read_table(path: Path) -> dict[str, Any]:
    """The raw TOML tables of an existing config file ({} when there is none).

    Raises ConfigError when the file cannot be read or is not TOML.
    """
    text = read_text(path)
    if text is None:
        return {}
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply to be a configuration file") from None


def read_text(path: Path) -> str | None:
    """The config file's text exactly as stored (its own line endings), or None when absent.

    Raises ConfigError when it cannot be read or is not UTF-8.
    """
    try:
        # Bytes, not read_text: universal newlines would turn a CRLF file into an LF one.
        return read_config_text(path)
    except ConfigFileRefused as exc:
        raise ConfigError(str(exc)) from None


def save(path: Path, updates: Table, documented: str | None = None) -> tuple[Config, Path | None]:
    """Set `updates` ({table: {key: value}}) in the file at `path`, owner-only, and load it back.

    Only the settings whose value changes are rewritten; everything else in the file stays as
    the user wrote it. A file that does not load (unreadable, not TOML, or a setting the loader
    refuses) is not edited: it is kept beside the new one as `NAME.bak`, whose path is returned.
    `documented` is the text whose comments go above added settings (default.toml when None).
    Raises ConfigError when the result would not load (nothing is written then) and OSError
    when it cannot be written.
    """
    # A link at the config's name is refused, not replaced: it may be the user's own (a dotfiles
    # checkout), and replacing it would silently part the two. Refused before anything moves.
    check_writable(path)
    kept: Path | None = None
    try:
        existing = read_text(path)
        if existing is not None:
            parse_config(existing, str(path))
    except ConfigError:
        existing, kept = None, path.with_name(path.name + ".bak")
    text = updated_text(existing, updates, documented)
    parse_config(text, str(path))  # refuse before replacing anything
    if kept is not None:
        path.replace(kept)
    write_owner_only(path, text.encode("utf-8"))
    return load_config(path), kept
