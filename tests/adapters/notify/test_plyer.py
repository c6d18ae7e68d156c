"""plyer's quiet failures made visible, and its portal backend's text escaped, on a real bus."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
from plyer.platforms.linux.notification import NotifyDesktopPortals, NotifySendNotification

from posture.adapters.notify import PlyerNotifier
from tests.support.awkward_text import MESSAGE, TITLE
from tests.support.notify_server import NotificationServer


def test_plyer_uses_a_linux_backend_that_reaches_the_server(
    notify_server: NotificationServer,
) -> None:
    notifier = PlyerNotifier()

    assert notifier.name in {"plyer/NotifySendNotification", "plyer/NotifyDbus"}
    assert notifier.notify("Time for a break", "Stand up and stretch.")
    assert [n["summary"] for n in notify_server.received()] == ["Time for a break"]


def test_raw_plyer_notify_send_loses_text_quietly(notify_server: NotificationServer) -> None:
    """plyer's notify-send backend, called bare: what the wrapper exists to prevent."""
    backend = NotifySendNotification()

    assert backend.notify(title="-5 min left", message="Stretch.", app_name="Posture") is None
    assert notify_server.received() == []  # notify-send refused the option; plyer said nothing

    backend.notify(title="Tip", message="<b>Sit</b> back: C:\\new", app_name="Posture")
    [arrived] = notify_server.received()
    assert arrived["shown"] == "Tip\nSit back: C:" + "\n" + "ew"  # markup eaten, "\\n" a newline


def test_plyer_notify_send_failure_is_reported(silent_desktop: NotificationServer) -> None:
    backend = NotifySendNotification()
    assert backend.notify(title="Sit up", message="now") is None  # plyer itself: silence

    notifier = PlyerNotifier(backend=backend)
    assert notifier.notify("Sit up", "now") is False
    assert notifier.last_error is not None
    assert "notify-send exited with status 1" in notifier.last_error
    assert "org.freedesktop.Notifications" in notifier.last_error


def test_plyer_portal_backend_is_escaped_for_gvariant(
    notify_server: NotificationServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """plyer's Flatpak backend splices text into a GVariant literal; an apostrophe breaks it.

    There is no portal on this bus, so the literal plyer builds is handed to gdbus as the hints
    of a real Notify call, where gdbus's own parser judges it.
    """
    calls: list[list[str]] = []

    def record(args: list[str], **_: Any) -> subprocess.CompletedProcess[bytes]:
        calls.append(list(args))
        return subprocess.CompletedProcess(args, 0, b"", b"")

    with monkeypatch.context() as patch:
        patch.setattr(subprocess, "run", record)
        NotifyDesktopPortals().notify(title=TITLE, message=MESSAGE)
        assert PlyerNotifier(backend=NotifyDesktopPortals()).notify(TITLE, MESSAGE)
    raw, wrapped = (call[-1] for call in calls)

    assert send_hints(raw).returncode != 0
    assert "Error parsing parameter" in send_hints(raw).stderr
    assert send_hints(wrapped).returncode == 0


def send_hints(hints: str) -> subprocess.CompletedProcess[str]:
    """A Notify call whose a{sv} hints argument is `hints`, as GVariant text."""
    dest, path = "org.freedesktop.Notifications", "/org/freedesktop/Notifications"
    argv = ["gdbus", "call", "--session", "--dest", dest, "--object-path", path]
    arguments = ["'test'", "uint32 0", "''", "'hints'", "''", "@as []", hints, "int32 0"]
    return subprocess.run(
        [*argv, "--method", f"{dest}.Notify", *arguments],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )


def test_plyer_portal_failure_is_reported(notify_server: NotificationServer) -> None:
    notifier = PlyerNotifier(backend=NotifyDesktopPortals())

    assert notifier.notify(TITLE, MESSAGE) is False
    assert notifier.last_error is not None
    assert "org.freedesktop.portal.Desktop" in notifier.last_error
