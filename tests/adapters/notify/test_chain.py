"""The fallback chain: on a real desktop without a server, then with hand-written backends.

Only the FallbackNotifier rules use hand-written backends, because a backend that raises on
purpose is the point there.
"""

from __future__ import annotations

import logging

import pytest

from posture.adapters.notify import FallbackNotifier, build_notifier
from tests.support.notify_server import NotificationServer


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
