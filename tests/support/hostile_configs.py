"""Config paths that are not config files: a device, a pipe, a link loop, a folder, and more."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "fifo.toml")
    return folder / "fifo.toml"


def _loop(folder: Path) -> Path:
    (folder / "loop.toml").symlink_to(folder / "loop.toml")
    return folder / "loop.toml"


def _dangling(folder: Path) -> Path:
    (folder / "dangling.toml").symlink_to(folder / "nothing.toml")
    return folder / "dangling.toml"


def _nested(folder: Path) -> Path:
    path = folder / "nested.toml"
    path.write_text("a = " + "[" * 50_000 + "]" * 50_000 + "\n")
    return path


def _huge(folder: Path) -> Path:
    path = folder / "huge.toml"
    with path.open("wb") as file:
        file.truncate(64 << 20)  # 64 MB of zero bytes, sparse
    return path


def _folder(folder: Path) -> Path:
    (folder / "folder.toml").mkdir()
    return folder / "folder.toml"


def _not_toml(folder: Path) -> Path:
    path = folder / "broken.toml"
    path.write_text("[monitor\nsource = \n")
    return path


# Each maker builds its bad config in a folder and returns the path to give as --config.
HOSTILE_CONFIGS: dict[str, Callable[[Path], Path]] = {
    "/dev/zero": lambda _folder: Path("/dev/zero"),
    "a FIFO": _fifo,
    "a symlink loop": _loop,
    "a link to nothing": _dangling,
    "nested 50,000 deep": _nested,
    "64 MB": _huge,
    "a folder": _folder,
    "not TOML": _not_toml,
    "missing": lambda folder: folder / "missing.toml",
}
