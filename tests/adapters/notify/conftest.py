"""A real notification server for the notification tests, and a desktop without one.

The server is dunst on Xvfb with a private D-Bus session bus (tests/support/notify_server.py),
and what arrived is read back from dunst's own history.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.notify_server import NotificationServer, notification_server


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
