"""What the session bus says about the freedesktop notification server, asked without side effects.

Linux and the BSDs show notifications through whichever program owns
`org.freedesktop.Notifications` on the session bus. These queries go through `gdbus`, or
`dbus-send` where gdbus is missing, so no D-Bus library is needed.
"""

from __future__ import annotations

import logging
import re
import shutil
import sys

from posture.adapters.notify.programs import run_program
from posture.ports import NotifyFailed

logger = logging.getLogger(__name__)

# How long a notification stays up, where the server honours an expiry time.
DISPLAY_S = 10
NOTIFICATIONS = ("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
_BUS = ("org.freedesktop.DBus", "/org/freedesktop/DBus")


def uses_freedesktop(platform: str) -> bool:
    """Whether `platform` (a `sys.platform` value) shows notifications through the session bus."""
    return platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly"))


def notification_server_available() -> bool | None:
    """Whether a freedesktop notification server can be reached on the session bus.

    True when `org.freedesktop.Notifications` is owned, or when the bus can start its owner on
    demand (as dunst and mako install themselves); False when neither. None when it cannot be
    told: not Linux or a BSD, neither gdbus nor dbus-send installed, no session bus, no answer.
    """
    if not uses_freedesktop(sys.platform):
        return None
    name = NOTIFICATIONS[0]
    try:
        if "true" in _tokens(_bus_query("NameHasOwner", arg=name)):
            return True
        return name in _tokens(_bus_query("ListActivatableNames"))
    except NotifyFailed as exc:
        logger.debug("cannot tell whether a notification server runs: %s", exc)
        return None


def body_markup() -> bool:
    """Whether the notification server parses body markup; assumed so when it cannot be asked.

    Most servers do (GNOME Shell, KDE Plasma, dunst, mako, xfce4-notifyd), and there a raw
    "<b>" or "&" would be swallowed or break the whole body.
    """
    dest, path = NOTIFICATIONS
    try:
        output = _bus_query("GetCapabilities", dest=dest, path=path)
    except NotifyFailed:
        return True
    return "body-markup" in _tokens(output)


def server_capabilities() -> set[str]:
    """What the notification server says it can do ("actions", "body-markup", ...).

    Raises NotifyFailed when it cannot be asked.
    """
    dest, path = NOTIFICATIONS
    return _tokens(_bus_query("GetCapabilities", dest=dest, path=path))


def _bus_query(method: str, *, dest: str = _BUS[0], path: str = _BUS[1], arg: str = "") -> str:
    """Call a no-side-effect method on the session bus with gdbus, else dbus-send; its output."""
    interface_method = f"{dest}.{method}"
    if shutil.which("gdbus"):
        argv = ["gdbus", "call", "--session", "--dest", dest, "--object-path", path]
        return run_program([*argv, "--method", interface_method, *([arg] if arg else [])])
    argv = ["dbus-send", "--session", "--print-reply=literal", f"--dest={dest}", path]
    return run_program([*argv, interface_method, *([f"string:{arg}"] if arg else [])])


def _tokens(output: str) -> set[str]:
    return set(re.findall(r"[\w.-]+", output))
