"""The command line that runs this very Posture again: for a background start or at login.

From a checkout it is the absolute Python plus `run.py`; an installed package without a checkout
runs as `python -m posture`, or through the `posture` console script when asked for one.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import posture

CONSOLE_SCRIPT = "posture"


def package_root() -> Path:
    """The folder holding the `posture` package (a checkout's root, or site-packages)."""
    return Path(posture.__file__).resolve().parent.parent


def self_command(
    python: str | None = None,
    root: Path | None = None,
    *,
    prefer_script: bool = False,
    which: Callable[[str], str | None] = shutil.which,
) -> list[str]:
    """The arguments that start Posture, before any option or command.

    `python` is kept as given (default: this interpreter) and not resolved: a virtual
    environment's interpreter is a link that must stay one. With `prefer_script`, an installed
    `posture` console script is used when there is no checkout.
    """
    python = python or sys.executable
    root = package_root() if root is None else root
    script = root / "run.py"
    if script.is_file() and (root / "posture" / "__init__.py").is_file():
        return [python, str(script)]
    if prefer_script:
        found = which(CONSOLE_SCRIPT)
        if found:
            return [str(Path(found).absolute())]
    return [python, "-m", "posture"]
