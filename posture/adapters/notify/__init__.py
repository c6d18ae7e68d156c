"""Desktop notifications behind one small protocol, with a chain that always lands somewhere.

Notification mechanisms fail quietly: plyer drops its helper programs' exit codes, a desktop may
have no notification server, and a message can break a quoting scheme. Every adapter here
therefore cleans its text with `text.safe_text`, quotes it for its own transport, and answers an
honest bool: `dbus.DBusNotifier` (notify-send or gdbus), `osascript.OsascriptNotifier` (macOS),
`plyer.PlyerNotifier` and `logged.LogNotifier`, which cannot fail. `chain.FallbackNotifier`
walks a chain of them, logs each broken one once and rests it for a while; `chain.build_notifier`
picks the chain for this machine. `freedesktop` asks the session bus about the notification
server, and `programs` runs the helper programs, turning every failure into `NotifyFailed`.

The names below are the package's public face: import them from `posture.adapters.notify`.
"""

from __future__ import annotations

from posture.adapters.notify.chain import (
    COOL_OFF_S,
    PREFERENCES,
    FallbackNotifier,
    build_notifier,
)
from posture.adapters.notify.dbus import DBusNotifier
from posture.adapters.notify.freedesktop import DISPLAY_S, notification_server_available
from posture.adapters.notify.logged import LogNotifier
from posture.adapters.notify.osascript import OsascriptNotifier
from posture.adapters.notify.plyer import PlyerNotifier
from posture.adapters.notify.programs import TOOL_TIMEOUT_S
from posture.adapters.notify.text import (
    APP_NAME,
    MESSAGE_LIMIT,
    TITLE_LIMIT,
    applescript_string,
    gvariant_string,
    safe_text,
)

__all__ = [
    "APP_NAME",
    "COOL_OFF_S",
    "DISPLAY_S",
    "MESSAGE_LIMIT",
    "PREFERENCES",
    "TITLE_LIMIT",
    "TOOL_TIMEOUT_S",
    "DBusNotifier",
    "FallbackNotifier",
    "LogNotifier",
    "OsascriptNotifier",
    "PlyerNotifier",
    "applescript_string",
    "build_notifier",
    "gvariant_string",
    "notification_server_available",
    "safe_text",
]
