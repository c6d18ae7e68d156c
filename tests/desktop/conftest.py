"""The desktop tests' Qt application runs on a private Xvfb display with its own session bus
and no tray host (the test of the tray itself starts its own desktop and process)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support.notify_server import NotificationServer, notification_server


@pytest.fixture(scope="session")
def trayless_desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NotificationServer]:
    """Xvfb and a session bus, no tray host, no notification server."""
    with notification_server(tmp_path_factory.mktemp("trayless"), dunst=False) as server:
        yield server


@pytest.fixture(scope="session")
def qapp_args(trayless_desktop: NotificationServer) -> list[str]:
    """pytest-qt makes its QApplication after this: on the trayless display, through xcb."""
    os.environ["DISPLAY"] = trayless_desktop.display
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = trayless_desktop.bus_address
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    return ["posture-tests"]
