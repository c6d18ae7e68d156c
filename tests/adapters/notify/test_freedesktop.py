"""Whether a notification server runs, asked of a real session bus with gdbus and dbus-send."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from posture.adapters.notify import notification_server_available
from tests.support.notify_server import NotificationServer


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
