"""Starting Posture at login: the per-user login entry of each platform, and installing it.

The entry runs `start`, which detaches the monitor and returns. Where the entry lives and what
it says are pure functions of the platform, the home folder and the environment, so every
platform's rendering is tested anywhere:

- Linux and other Unix desktops: an XDG autostart file, `$XDG_CONFIG_HOME/autostart/
  posture.desktop` (default `~/.config/autostart`), per the Desktop Entry specification.
- macOS: a launchd agent, `~/Library/LaunchAgents/org.posture.assistant.plist`.
- Windows: `Posture.cmd` in the Startup folder, `%APPDATA%\\Microsoft\\Windows\\Start Menu\\
  Programs\\Startup`.
"""

from __future__ import annotations

import logging
import plistlib
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath, PureWindowsPath

from posture.adapters.private_files import write_owner_only

log = logging.getLogger(__name__)

DESKTOP_FILENAME = "posture.desktop"
LAUNCHD_LABEL = "org.posture.assistant"
WINDOWS_FILENAME = "Posture.cmd"

# Characters that make an Exec argument need quoting (Desktop Entry spec, "The Exec key").
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
# Inside a quoted Exec argument these take a backslash.
_EXEC_ESCAPED = set('"`$\\')


def kind_of(platform: str) -> str:
    """ "xdg", "launchd" or "windows": which kind of login entry `platform` uses."""
    if platform == "darwin":
        return "launchd"
    if platform.startswith("win") or platform == "cygwin":
        return "windows"
    return "xdg"


def entry_path(platform: str, home: PurePath, env: Mapping[str, str]) -> PurePath:
    """Where the login entry lives for this user."""
    kind = kind_of(platform)
    if kind == "launchd":
        return home / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
    if kind == "windows":
        appdata = env.get("APPDATA")
        roaming = (
            PureWindowsPath(appdata) if appdata else PureWindowsPath(home) / "AppData" / "Roaming"
        )
        return (
            roaming
            / "Microsoft"
            / "Windows"
            / "Start Menu"
            / "Programs"
            / "Startup"
            / WINDOWS_FILENAME
        )
    xdg = env.get("XDG_CONFIG_HOME", "")
    # The spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
    config = PurePath(xdg) if xdg and PurePath(xdg).is_absolute() else home / ".config"
    return config / "autostart" / DESKTOP_FILENAME


def entry_text(platform: str, command: Sequence[str]) -> str:
    """The login entry's contents for `command` (the full argument list, ending in `start`)."""
    kind = kind_of(platform)
    if kind == "launchd":
        return launchd_plist(command)
    if kind == "windows":
        return windows_cmd(command)
    return desktop_entry(command)


def desktop_entry(command: Sequence[str]) -> str:
    """An XDG autostart desktop entry."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.0",
            "Name=Posture",
            "Comment=Watches your sitting posture through the webcam and coaches kindly",
            f"Exec={_desktop_string(desktop_exec(command))}",
            "Terminal=false",
            "NoDisplay=true",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def desktop_exec(command: Sequence[str]) -> str:
    """The Exec value: arguments quoted per the spec, before the file's string escaping."""
    return " ".join(_exec_argument(arg) for arg in command)


def _exec_argument(arg: str) -> str:
    arg = arg.replace("%", "%%")  # a lone % would start a field code such as %f
    if arg and not set(arg) & _EXEC_RESERVED:
        return arg
    return '"' + "".join("\\" + c if c in _EXEC_ESCAPED else c for c in arg) + '"'


def _desktop_string(value: str) -> str:
    """A value escaped as a desktop-entry string; applied after the Exec quoting."""
    return (
        value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )


def launchd_plist(command: Sequence[str]) -> str:
    """A launchd agent that runs `command` once at login."""
    agent = {
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        # `start` returns once the monitor runs detached; launchd must not kill its group.
        "AbandonProcessGroup": True,
        "ProcessType": "Interactive",
    }
    return plistlib.dumps(agent, sort_keys=False).decode("utf-8")


def windows_cmd(command: Sequence[str]) -> str:
    """A batch file for the Startup folder; CRLF line ends, as cmd.exe expects."""
    # Windows paths cannot hold a double quote, so quoting every argument is safe, and
    # `%` is doubled so that cmd.exe does not expand it as a variable.
    quoted = " ".join('"' + arg.replace("%", "%%") + '"' for arg in command)
    lines = [
        "@echo off",
        "rem Starts Posture in the background at login (from `posture autostart enable`).",
        quoted,
        "",
    ]
    return "\r\n".join(lines)


def enable(path: Path, text: str) -> bool:
    """Write the login entry (owner-only, in one step); False when it was already there.

    The entry's name is Posture's own, so a link found there is replaced, never followed; a
    missing folder is made owner-only (0700). Raises OSError when it cannot be written.
    """
    if is_current(path, text):
        return False
    # Bytes as they are: the Windows batch file keeps its CRLF.
    write_owner_only(path, text.encode("utf-8"), replace_link=True)
    log.info("wrote the login entry %s", path)
    return True


def disable(path: Path) -> bool:
    """Remove the login entry; False when there was none."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    log.info("removed the login entry %s", path)
    return True


def is_current(path: Path, text: str) -> bool:
    """Whether the login entry exists with exactly `text`."""
    if path.is_symlink():
        return False  # not ours whatever it says: `enable` replaces it
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read() == text
    except (OSError, UnicodeDecodeError):
        return False
