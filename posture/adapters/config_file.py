"""The user's config file on disk: read as raw tables, and rewritten owner-only by `setup`.

What the text says is decided in `posture.config.writer`; this module only reads and replaces
the file, keeping a file that does not load beside the new one instead of merging into it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from posture.adapters.private_files import check_writable, write_owner_only
from posture.config.schema import Config, ConfigError, load_config, parse_config
from posture.config.writer import Table, default_config_text, key_comments, merge, render


def read_table(path: Path) -> dict[str, Any]:
    """The raw TOML tables of an existing config file ({} when there is none).

    Raises ConfigError when the file cannot be read or is not TOML.
    """
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def save(path: Path, updates: Table, documented: str | None = None) -> tuple[Config, Path | None]:
    """Merge `updates` into the file at `path`, write it owner-only, and load it back.

    A file that does not load (not TOML, or a setting the loader refuses) is not merged: it is
    kept beside the new one as `NAME.bak`, whose path is returned. Raises ConfigError when the
    result would not load (nothing is written then) and OSError when it cannot be written.
    """
    documented = default_config_text() if documented is None else documented
    # A link at the config's name is refused, not replaced: it may be the user's own (a dotfiles
    # checkout), and replacing it would silently part the two. Refused before anything moves.
    check_writable(path)
    kept: Path | None = None
    try:
        existing = read_table(path)
        load_config(path)
    except ConfigError:
        existing, kept = {}, path.with_name(path.name + ".bak")
    text = render(merge(existing, updates), key_comments(documented))
    parse_config(text, str(path))  # refuse before replacing anything
    if kept is not None:
        path.replace(kept)
    write_owner_only(path, text.encode("utf-8"))
    return load_config(path), kept
