"""The desktop app in this process, on a display with no tray host: the status window opens
and says why, and its menu's actions (triggered as a click would) act on the real monitor:
Snooze 30 min shows in `status`, Today's report writes the page and asks Qt to open it (the
page is then rendered in headless Chromium), Quit stops the monitor with the history saved.

The monitor is the one `python run.py desktop` builds (`desktop_host`), watching a loopback
camera that replays a real upright sitter; `status` runs as a separate process.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from posture.adapters.single_instance import acquire
from posture.cli.commands.desktop import desktop_host
from posture.cli.main import build_parser
from posture.core.folder_layout import DataFolder
from posture.desktop.app import DesktopApp
from posture.desktop.fallback import NO_TRAY_REASON
from posture.desktop.states import BUILDING, GOOD, ISSUE, PAUSED
from tests.desktop.test_tray import calibrated_sandbox, recorded, upright_then_slouching
from tests.support.chromium import render
from tests.support.monitor_process import wait_for
from tests.support.notify_server import NotificationServer
from tests.support.stream_server import stream_server


def _window_named(server: NotificationServer, name: str) -> bool:
    done = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", name],
        env=server.child_env,
        capture_output=True,
        text=True,
    )
    return done.returncode == 0 and bool(done.stdout.strip())


class _Browser(QObject):
    """Where Qt sends `file:` URLs while the test listens: what the menu asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


def _open_todays_report(app: DesktopApp) -> Path:
    """Trigger "Today's report"; the page Qt was asked to open (then shown in Chromium)."""
    browser = _Browser()
    QDesktopServices.setUrlHandler("file", browser, "open")
    try:
        app.menu.actions_by_name["Today's report"].trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    (opened,) = browser.opened
    return Path(opened)


@pytest.mark.e2e
def test_without_a_tray_the_window_says_why_and_its_menu_snoozes_and_quits(
    tmp_path: Path,
    shared_data: Path,
    lite_model: Path,
    qapp: object,
    qtbot: QtBot,
    trayless_desktop: NotificationServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sandbox = calibrated_sandbox(tmp_path / "box", shared_data)
    for name, value in sandbox.env.items():
        monkeypatch.setenv(name, value)
    video = upright_then_slouching(tmp_path / "sitter.avi", shared_data)
    with stream_server(video, fps=1, size="320:240") as camera:
        args = build_parser().parse_args(["desktop", "--source", camera.url])
        folder, host = desktop_host(args)
        with acquire(folder):
            app = DesktopApp(host, qapp)  # type: ignore[arg-type]
            assert app.tray is None and app.window is not None
            assert app.window.isVisible()
            assert app.window.reason.text() == NO_TRAY_REASON
            assert "No system tray was found" in NO_TRAY_REASON
            wait_for(lambda: _window_named(trayless_desktop, "^Posture$"), 30, "the window")
            app.start()
            try:
                # Watching the sitter first (the loopback camera may take a retry to open).
                qtbot.waitUntil(lambda: app.last_status.get("state") == "watching", timeout=90_000)
                assert app.shown in (GOOD, BUILDING, ISSUE)
                assert app.window.status.text().startswith(app.shown.label)
                app.menu.actions_by_name["Snooze 30 min"].trigger()
                assert app.window.notice.text().startswith("Snoozed until ")
                qtbot.waitUntil(lambda: app.shown is PAUSED, timeout=30_000)
                assert app.window.status.text().startswith("Snoozed until ")
                status = json.loads(sandbox.cli("status", "--json").stdout)
                assert status["running"] and status["state"].startswith("snoozed until ")
                page = _open_todays_report(app)
                assert page == DataFolder(sandbox.data_dir).report_page
                assert page.stat().st_mode & 0o777 == 0o600
                dom, _, _ = render(page, tmp_path / "render")
                (heading,) = [e.text for e in dom.elements if e.tag == "h1"]
                assert heading.startswith("Your posture on ")
                app.menu.actions_by_name["Quit"].trigger()
                qtbot.waitUntil(lambda: not app.running, timeout=30_000)
            finally:
                app.join()
        assert app.error is None
    history = DataFolder(sandbox.data_dir).history
    changes = recorded(history, "SELECT kind, value FROM state_changes ORDER BY id")
    assert changes[-1] == ("monitor", "stopped")
    assert recorded(history, "SELECT reason FROM snoozes") == [("snooze 30m",)]
    (monitored_s,) = recorded(history, "SELECT SUM(monitored_s) FROM intervals")[0]
    assert monitored_s > 0
