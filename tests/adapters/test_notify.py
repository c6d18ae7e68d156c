"""Notifications: text cleaning and quoting tables, then every adapter against a real server.

The server is dunst on Xvfb with a private D-Bus session bus (tests/support/notify_server.py),
and what arrived is read back from dunst's own history. Only the FallbackNotifier rules use
hand-written backends, because a backend that raises on purpose is the point there.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from plyer.platforms.linux.notification import NotifyDesktopPortals, NotifySendNotification

from posture.adapters.notify import (
    MESSAGE_LIMIT,
    TITLE_LIMIT,
    DBusNotifier,
    FallbackNotifier,
    LogNotifier,
    PlyerNotifier,
    applescript_string,
    build_notifier,
    gvariant_string,
    notification_server_available,
    safe_text,
)
from posture.ports import Notifier
from tests.support.notify_server import NotificationServer, notification_server

TITLE = 'Don\'t "slouch" <b>now</b> & 🙂'
MESSAGE = (
    "It's 5 o'clock: sit \"up\" straight\n"
    "<b>bold?</b> & <i>italic</i> &amp; — é 🙂 👩‍👩‍👧 C:\\new\\table 100%"
)


@pytest.fixture
def notify_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[NotificationServer]:
    """dunst on its own display and session bus, exported to this test's environment."""
    with notification_server(tmp_path / "desktop") as server:
        server.export(monkeypatch)
        yield server


@pytest.fixture
def silent_desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[NotificationServer]:
    """A display and a session bus on which no notification server runs."""
    with notification_server(tmp_path / "desktop", dunst=False) as server:
        server.export(monkeypatch)
        yield server


def shown(title: str, message: str) -> str:
    """What a reader should see for a notification: the safe text of both parts."""
    return safe_text(title, TITLE_LIMIT) + "\n" + safe_text(message, MESSAGE_LIMIT, newlines=True)


# --- Text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "options", "expected"),
    [
        ("Sit up straight", 80, {}, "Sit up straight"),
        ("It's \"fine\" 'really'", 80, {}, "It's \"fine\" 'really'"),
        ("café 🙂 naïve 👩‍👩‍👧", 80, {}, "café 🙂 naïve 👩‍👩‍👧"),
        ("bell\x07 null\x00 esc\x1b[31m del\x7f", 80, {}, "bell null esc[31m del"),
        ("one\ntwo\r\nthree\rfour\u2028five", 80, {}, "one two three four five"),
        ("one\ntwo\r\n\n\nthree", 80, {"newlines": True}, "one\ntwo\nthree"),
        ("  lots   of\t\tspace  \n  here ", 80, {"newlines": True}, "lots of space\nhere"),
        ("<b>x</b> & y", 80, {}, "<b>x</b> & y"),
        ("<b>x</b> & y", 80, {"markup": True}, "&lt;b&gt;x&lt;/b&gt; &amp; y"),
        ("abcdefghij", 5, {}, "abcd…"),
        ("abc defghi", 5, {}, "abc…"),
        ("abcde", 5, {}, "abcde"),
        ("ab👩‍👩‍👧cd", 5, {}, "ab…"),
        ("cafe\u0301 au lait", 5, {}, "caf…"),
        ("&&&&&&", 3, {"markup": True}, "&amp;&amp;…"),
        ("\u202eevil\u202c text", 80, {}, "evil text"),
        ("lone \ud800 surrogate", 80, {}, "lone \ufffd surrogate"),
        ("\n\x00 \t", 80, {"newlines": True}, ""),
    ],
)
def test_safe_text(text: str, limit: int, options: dict[str, bool], expected: str) -> None:
    assert safe_text(text, limit, **options) == expected
    assert len(safe_text(text, limit, **{**options, "markup": False})) <= limit


def test_safe_text_needs_room_for_one_character() -> None:
    with pytest.raises(ValueError, match="limit"):
        safe_text("x", 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "'plain'"),
        ("It's", "'It\\'s'"),
        ('say "hi"', "'say \"hi\"'"),
        ("back\\slash", "'back\\\\slash'"),
        ("two\nlines\ttab", "'two\\nlines\\ttab'"),
        ("bell\x07", "'bell\\u0007'"),
        ("é 🙂", "'é 🙂'"),
    ],
)
def test_gvariant_string(text: str, expected: str) -> None:
    assert gvariant_string(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", '"plain"'),
        ("It's", '"It\'s"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("two\nlines", '"two\\nlines"'),
        ("bell\x07", '"bell"'),
        ("é 🙂", '"é 🙂"'),
    ],
)
def test_applescript_string(text: str, expected: str) -> None:
    assert applescript_string(text) == expected


# --- Delivery to a real server --------------------------------------------------------------

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


@pytest.fixture(params=["gdbus", "dbus-send"])
def bus_tool(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The program that asks the bus: gdbus, or dbus-send where gdbus is hidden."""
    tool = str(request.param)
    if tool == "dbus-send":
        real_which = shutil.which

        def which(name: str, *args: Any, **kwargs: Any) -> str | None:
            return None if name == "gdbus" else real_which(name, *args, **kwargs)

        monkeypatch.setattr(shutil, "which", which)
    return tool


def test_server_availability(notify_server: NotificationServer, bus_tool: str) -> None:
    assert notification_server_available() is True


def test_server_unavailability(silent_desktop: NotificationServer, bus_tool: str) -> None:
    assert notification_server_available() is False


def test_server_availability_unknown_without_a_bus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    assert notification_server_available() is None


# --- The fallback chain ---------------------------------------------------------------------


def test_no_server_falls_to_the_log_and_warns_once(
    silent_desktop: NotificationServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="posture.adapters.notify")
    notifier = build_notifier()

    results = [notifier.notify("Sit up", f"Reminder {number}.") for number in range(4)]

    assert results == [True] * 4
    assert notifier.active_backend == "log"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2, warnings
    assert warnings[0].startswith("notification backend plyer/")
    assert "exited with status 1" in warnings[0]
    assert warnings[1].startswith("notification backend dbus/notify-send failed")
    assert "ServiceUnknown" in warnings[1]
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert logged == [f"notification: Sit up: Reminder {number}." for number in range(4)]


def test_with_a_server_the_first_backend_delivers(notify_server: NotificationServer) -> None:
    notifier = build_notifier()

    assert notifier.notify("Sit up", "Shoulders back.")

    assert notifier.active_backend is not None
    assert notifier.active_backend.startswith("plyer/")
    assert [n["body"] for n in notify_server.received()] == ["Shoulders back."]


class Clock:
    """A hand-turned monotonic clock."""

    def __init__(self) -> None:
        self.now_s = 1000.0

    def __call__(self) -> float:
        return self.now_s


class Exploding:
    """A backend that raises every time."""

    name = "exploding"

    def __init__(self) -> None:
        self.calls = 0

    def notify(self, title: str, message: str) -> bool:
        self.calls += 1
        raise RuntimeError("boom")


class Recording:
    """A backend that keeps what it was asked to show, and can be told to fail."""

    def __init__(self, name: str = "recording") -> None:
        self.name = name
        self.sent: list[tuple[str, str]] = []
        self.working = True
        self.last_error: str | None = None

    def notify(self, title: str, message: str) -> bool:
        if not self.working:
            self.last_error = "switched off"
            return False
        self.sent.append((title, message))
        return True


def warnings_in(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_raising_backend_is_skipped_then_retried_after_the_rest(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock, exploding, recording = Clock(), Exploding(), Recording()
    notifier = FallbackNotifier([exploding, recording], cool_off_s=600, clock=clock)

    assert all(notifier.notify("Sit up", f"#{n}") for n in range(3))
    assert exploding.calls == 1
    assert recording.sent == [("Sit up", "#0"), ("Sit up", "#1"), ("Sit up", "#2")]
    assert notifier.active_backend == "recording"
    expected = "notification backend exploding failed (raised RuntimeError: boom); trying it"
    assert warnings_in(caplog) == [expected + " again in 10 min"]

    clock.now_s += 601
    assert notifier.notify("Sit up", "#3")
    assert exploding.calls == 2
    assert len(warnings_in(caplog)) == 1  # the same reason is not warned about again


def test_a_recovered_backend_is_used_again(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="posture.adapters.notify")
    clock, first, second = Clock(), Recording("first"), Recording("second")
    notifier = FallbackNotifier([first, second], cool_off_s=60, clock=clock)

    first.working = False
    assert notifier.notify("a", "1")
    assert notifier.active_backend == "second"
    assert warnings_in(caplog) == [
        "notification backend first failed (switched off); trying it again in 1 min"
    ]

    first.working = True
    clock.now_s += 61
    assert notifier.notify("a", "2")
    assert notifier.active_backend == "first"
    assert "notification backend first works again" in caplog.messages


def test_every_backend_failing_gives_false_without_raising() -> None:
    notifier = FallbackNotifier([Exploding(), Exploding()], clock=Clock())

    assert notifier.notify("a", "b") is False
    assert notifier.notify("a", "b") is False
    assert notifier.active_backend is None


def test_a_fallback_needs_a_chain() -> None:
    with pytest.raises(ValueError, match="at least one"):
        FallbackNotifier([])


def test_log_notifier_always_delivers(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="posture.adapters.notify")
    assert LogNotifier().notify("Sit up", "It's time.")
    assert caplog.messages == ["notification: Sit up: It's time."]


@pytest.mark.parametrize(
    ("preference", "platform", "names"),
    [
        ("auto", "linux", ["plyer", "dbus/", "log"]),
        ("native", "linux", ["dbus/", "plyer", "log"]),
        ("plyer", "linux", ["plyer", "dbus/", "log"]),
        ("log", "linux", ["log"]),
        ("auto", "darwin", ["plyer", "osascript", "log"]),
        ("auto", "win32", ["plyer", "log"]),
    ],
)
def test_build_notifier_order(preference: str, platform: str, names: list[str]) -> None:
    chain = build_notifier(preference, platform=platform).chain
    assert len(chain) == len(names)
    assert all(n.name.startswith(prefix) for n, prefix in zip(chain, names, strict=False)), chain


def test_build_notifier_names_an_unknown_preference() -> None:
    with pytest.raises(ValueError, match="'growl'"):
        build_notifier("growl")
