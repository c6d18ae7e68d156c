"""Every freedesktop adapter against a real server: what arrives is what the reader should see.

The server is dunst on Xvfb with a private D-Bus session bus (tests/support/notify_server.py),
and what arrived is read back from dunst's own history.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from plyer.platforms.linux.notification import NotifySendNotification

from posture.adapters.notify import (
    MESSAGE_LIMIT,
    TITLE_LIMIT,
    DBusNotifier,
    PlyerNotifier,
    safe_text,
)
from posture.ports import Notifier
from tests.support.awkward_text import MESSAGE, TITLE
from tests.support.notify_server import NotificationServer


def shown(title: str, message: str) -> str:
    """What a reader should see for a notification: the safe text of both parts."""
    return safe_text(title, TITLE_LIMIT) + "\n" + safe_text(message, MESSAGE_LIMIT, newlines=True)


NOTIFIERS: dict[str, Callable[[], Notifier]] = {
    "notify-send": lambda: DBusNotifier(tool="notify-send"),
    "gdbus": lambda: DBusNotifier(tool="gdbus"),
    "plyer": PlyerNotifier,
    "plyer-notify-send": lambda: PlyerNotifier(backend=NotifySendNotification()),
}


@pytest.mark.parametrize("kind", NOTIFIERS)
def test_plain_notification_arrives(notify_server: NotificationServer, kind: str) -> None:
    notifier = NOTIFIERS[kind]()

    assert notifier.notify("Sit up straight", "Your neck has bent forward for 10 minutes.")

    [arrived] = notify_server.received()
    assert arrived["summary"] == "Sit up straight"
    assert arrived["body"] == "Your neck has bent forward for 10 minutes."
    assert arrived["appname"] == "Posture"


@pytest.mark.parametrize("kind", NOTIFIERS)
def test_awkward_text_arrives_intact(notify_server: NotificationServer, kind: str) -> None:
    notifier = NOTIFIERS[kind]()

    assert notifier.notify(TITLE, MESSAGE), getattr(notifier, "last_error", None)

    [arrived] = notify_server.received()
    assert arrived["shown"] == shown(TITLE, MESSAGE)
    for words in ("Don't", '"slouch"', "<b>now</b>", "It's 5 o'clock", "<i>italic</i>", "&amp;"):
        assert words in arrived["shown"]
    for words in ("é 🙂 👩‍👩‍👧", "C:\\new\\table 100%", "& <i>"):
        assert words in arrived["shown"]


@pytest.mark.parametrize("kind", NOTIFIERS)
def test_leading_dash_is_not_taken_for_an_option(
    notify_server: NotificationServer, kind: str
) -> None:
    assert NOTIFIERS[kind]().notify("-5 min left", "--help")

    [arrived] = notify_server.received()
    # DBusNotifier passes "--" first; through plyer's bare notify-send a minus sign stands in.
    assert arrived["summary"][0] in "-\u2212" and arrived["summary"][1:] == "5 min left"
    assert arrived["body"][0] in "-\u2212" and arrived["body"][1:] == "-help"
