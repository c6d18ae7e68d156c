"""The desktop tests' Qt application runs on a private Xvfb display with its own session bus
and no tray host (the test of the tray itself starts its own desktop and process).

The display and bus are put in the environment only while the application connects, so the
tests that run after these in the same session see the environment they always had.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from tests.support.notify_server import NotificationServer, notification_server

QT_VARIABLES = ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "QT_QPA_PLATFORM")


@pytest.fixture(scope="session")
def trayless_desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NotificationServer]:
    """Xvfb and a session bus, no tray host, no notification server."""
    with notification_server(tmp_path_factory.mktemp("trayless"), dunst=False) as server:
        yield server


@pytest.fixture(scope="session")
def qapp(trayless_desktop: NotificationServer) -> QApplication:
    """pytest-qt's application, made here: on the trayless display, through xcb."""
    saved = {name: os.environ.get(name) for name in QT_VARIABLES}
    os.environ.update(
        DISPLAY=trayless_desktop.display,
        DBUS_SESSION_BUS_ADDRESS=trayless_desktop.bus_address,
        QT_QPA_PLATFORM="xcb",
    )
    try:
        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication(["posture-tests"])
        QSystemTrayIcon.isSystemTrayAvailable()  # Qt looks for a tray host now, on this desktop
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return app
