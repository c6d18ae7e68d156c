"""The app launcher and its icon, installed with the login entry on XDG desktops.

A launcher (`$XDG_DATA_HOME/applications/posture.desktop`) puts Posture's desktop app in the
desktop's application menu, so a person who never opens a terminal can start it; its icon
goes in the hicolor theme (`$XDG_DATA_HOME/icons/hicolor/scalable/apps/posture.svg`). Paths
and texts are pure functions; `install` writes both owner-only, never through a link.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath

from posture.adapters.login_autostart import _desktop_string, desktop_exec, is_current
from posture.adapters.private_files import write_owner_only

ICON_NAME = "posture"
LAUNCHER_FILENAME = "posture.desktop"

# A green disc with a seated figure's head and shoulders: the tray's "good" colour.
ICON_SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <circle cx="32" cy="32" r="30" fill="#2e9d4f"/>
  <circle cx="32" cy="22" r="8" fill="#ffffff"/>
  <path d="M16 50 C16 38 24 32 32 32 C40 32 48 38 48 50 Z" fill="#ffffff"/>
</svg>
"""


def data_home(home: PurePath, env: Mapping[str, str]) -> PurePath:
    """`$XDG_DATA_HOME`, or `~/.local/share` when it is unset or relative (as the spec says)."""
    xdg = env.get("XDG_DATA_HOME", "")
    return PurePath(xdg) if xdg and PurePath(xdg).is_absolute() else home / ".local" / "share"


def launcher_path(home: PurePath, env: Mapping[str, str]) -> PurePath:
    """Where the launcher lives."""
    return data_home(home, env) / "applications" / LAUNCHER_FILENAME


def icon_path(home: PurePath, env: Mapping[str, str]) -> PurePath:
    """Where the icon lives."""
    return data_home(home, env) / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"


def launcher_entry(command: Sequence[str]) -> str:
    """The launcher's desktop entry for `command` (ending in `desktop`)."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.0",
            "Name=Posture",
            "GenericName=Posture coach",
            "Comment=Watches your sitting posture through the webcam and coaches kindly",
            f"Exec={_desktop_string(desktop_exec(command))}",
            f"Icon={ICON_NAME}",
            "Terminal=false",
            "Categories=Utility;",
            "Keywords=posture;slouch;ergonomics;break;",
            "StartupNotify=false",
            "",
        ]
    )


def install(home: Path, env: Mapping[str, str], command: Sequence[str]) -> list[Path]:
    """Write the launcher and the icon where they differ; returns the paths written (none when
    both were current). Raises OSError on failure."""
    written = []
    for path, text in (
        (Path(launcher_path(home, env)), launcher_entry(command)),
        (Path(icon_path(home, env)), ICON_SVG),
    ):
        if is_current(path, text):
            continue
        write_owner_only(path, text.encode("utf-8"), replace_link=True)
        written.append(path)
    return written
