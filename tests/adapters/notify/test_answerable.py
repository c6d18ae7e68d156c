"""Notifications with buttons against a real server: dunst on Xvfb with a private session bus.

A button is pressed as a person would, through dunst's own menu of actions (`dunstctl context`,
tests/support/notify_server.py); the key of the button pressed comes back to the sender.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time

import pytest

from posture.adapters.notify import DBusNotifier, build_notifier
from posture.adapters.notify.freedesktop import server_capabilities
from posture.monitor.answers import ACTIONS
from tests.support.monitor_process import wait_for
from tests.support.notify_server import NotificationServer

pytestmark = pytest.mark.e2e  # Xvfb, a session bus and dunst


class Received:
    def __init__(self) -> None:
        self.keys: list[str] = []
        self.threads: set[str] = set()

    def __call__(self, key: str) -> None:
        self.keys.append(key)
        self.threads.add(threading.current_thread().name)


@pytest.mark.parametrize("label", ["Snooze 30 min", "Done"])
def test_a_pressed_button_comes_back_without_waiting(
    notify_server: NotificationServer, label: str
) -> None:
    assert "actions" in server_capabilities()
    received = Received()
    notifier = DBusNotifier(tool="notify-send")
    began = time.monotonic()
    assert notifier.notify_answerable("Sit back", "Roll your shoulders.", ACTIONS, received)
    assert time.monotonic() - began < 3.0  # handed over, not waiting for an answer
    assert received.keys == []
    wait_for(lambda: notify_server.received_count() >= 1, 30, "the notification shown")
    notify_server.press(label)
    wait_for(lambda: received.keys, 30, f"the answer to {label!r}")
    assert received.keys == [{v: k for k, v in ACTIONS}[label]]
    assert threading.main_thread().name not in received.threads
    notifier.close()


def test_the_chain_sends_buttons_through_the_native_notifier(
    notify_server: NotificationServer,
) -> None:
    received = Received()
    chain = build_notifier("auto")
    assert chain.notify_answerable("Sit back", "Roll your shoulders.", ACTIONS, received)
    wait_for(lambda: notify_server.received_count() >= 1, 30, "the notification shown")
    notify_server.press("Snooze 30 min")
    wait_for(lambda: received.keys == ["snooze"], 30, "the snooze answer")
    assert chain.active_backend == "dbus/notify-send"


def test_without_a_server_it_is_the_plain_notification_silently(
    silent_desktop: NotificationServer, caplog: pytest.LogCaptureFixture
) -> None:
    received = Received()
    notifier = DBusNotifier(tool="notify-send")
    plain = DBusNotifier(tool="notify-send").notify("Sit back", "Roll your shoulders.")
    answered = notifier.notify_answerable("Sit back", "Roll your shoulders.", ACTIONS, received)
    assert answered is plain is False  # what the plain notification says, nothing more
    assert received.keys == [] and not [r for r in caplog.records if r.levelname != "DEBUG"]


def _waiting_children() -> list[str]:
    found = subprocess.run(
        ["pgrep", "-P", str(os.getpid()), "-x", "notify-send"],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.split()


def test_closing_stops_waiting_for_answers(notify_server: NotificationServer) -> None:
    chain = build_notifier("native")
    assert chain.notify_answerable("Sit back", "Roll your shoulders.", ACTIONS, Received())
    wait_for(lambda: notify_server.received_count() >= 1, 30, "the notification shown")
    assert len(_waiting_children()) == 1
    chain.close()
    wait_for(lambda: not _waiting_children(), 10, "no notify-send left waiting")
