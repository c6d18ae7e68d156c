"""The desktop app's process: Qt's event loop in the main thread, the monitor in another.

The monitor thread publishes each status through a Qt signal, which Qt delivers in the main
thread, where the tray icon (or the status window) changes colour and words. SIGTERM (from
`stop`) and Ctrl-C set the monitor's stop event through a wakeup socket Qt watches, so they
act at once without a polling timer; the app quits when the monitor thread has finished,
which has saved the history by then.
"""

from __future__ import annotations

import logging
import signal
import socket
import threading
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from posture.desktop.fallback import StatusWindow
from posture.desktop.host import DesktopHost
from posture.desktop.icon import state_icon
from posture.desktop.menu import TrayMenu
from posture.desktop.states import STARTING, TrayState, status_line, tray_state
from posture.desktop.window_hooks import NudgeHook

log = logging.getLogger(__name__)

JOIN_TIMEOUT_S = 30.0


class _Bridge(QObject):
    """Carries what the monitor thread says to the main thread."""

    status = Signal(object)
    ended = Signal()


class DesktopApp:
    """The tray icon or status window over a running monitor; `start`, then Qt's loop."""

    def __init__(self, host: DesktopHost, app: QApplication) -> None:
        self.host = host
        self.app = app
        app.setQuitOnLastWindowClosed(False)  # a closed message box must not end the monitor
        self.stop = threading.Event()
        self.error: BaseException | None = None
        self.shown: TrayState = STARTING
        self.last_status: Mapping[str, Any] = {}
        self._bridge = _Bridge()
        self._bridge.status.connect(self._show)
        self._bridge.ended.connect(self._ended)
        self.menu = TrayMenu(host, self.notice, self.quit)
        self.nudge = NudgeHook(host.context)
        self.tray: QSystemTrayIcon | None = None
        self.window: StatusWindow | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(state_icon(STARTING.colour))
            self.tray.setContextMenu(self.menu)
            self.tray.setToolTip("Posture: starting")
            self.tray.show()
        else:
            log.info("no system tray found; showing the status window instead")
            self.window = StatusWindow(self.menu, self.quit)
            self.window.show_state(STARTING.colour, "Starting...")
            self.window.show()
        self._thread = threading.Thread(target=self._monitor, name="monitor", daemon=True)

    def start(self) -> None:
        """Start the monitor thread."""
        self._thread.start()

    def _monitor(self) -> None:
        try:
            self.host.run_monitor(self.stop, self._bridge.status.emit)
        except BaseException as exc:  # handed to the main thread, which reports it
            self.error = exc
        finally:
            self._bridge.ended.emit()

    def _show(self, status: Mapping[str, Any]) -> None:
        self.last_status = status
        shown = tray_state(status)
        line = status_line(status)
        self.menu.show_status(line)
        if self.tray is not None:
            if shown is not self.shown:
                self.tray.setIcon(state_icon(shown.colour))
            self.tray.setToolTip(f"Posture: {line}")
        if self.window is not None:
            self.window.show_state(shown.colour, line)
        self.nudge.follow(status)
        self.shown = shown

    def notice(self, text: str) -> None:
        """Show a sentence: a tray message, or a line in the status window."""
        log.info("%s", text)
        if self.tray is not None:
            self.tray.showMessage("Posture", text, QSystemTrayIcon.MessageIcon.Information, 8000)
        if self.window is not None:
            self.window.notice.setText(text)

    def quit(self) -> None:
        """Stop the monitor; the app ends once it has saved its history."""
        self.stop.set()
        if not self._thread.is_alive():
            self._ended()

    @property
    def running(self) -> bool:
        """Whether the monitor thread still runs."""
        return self._thread.is_alive()

    def join(self) -> None:
        """Stop the monitor and wait for its thread (it saves the history on its way out)."""
        self.stop.set()
        self._thread.join(JOIN_TIMEOUT_S)

    def _ended(self) -> None:
        self.join()
        self.nudge.close()
        if self.tray is not None:
            self.tray.hide()
        if self.window is not None:
            self.window.hide()
        self.app.quit()


def _watch_signals(app: DesktopApp) -> tuple[QSocketNotifier, socket.socket, socket.socket]:
    """SIGTERM and SIGINT stop the app through a wakeup socket that Qt's loop watches."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda _signum, _frame: app.quit())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    # Reading runs Python, which runs the handler the signal left pending.
    notifier.activated.connect(lambda *_: reader.recv(64))
    return notifier, reader, writer


def run_app(host: DesktopHost, app: QApplication | None = None) -> int:
    """Show the desktop app over the monitor until Quit, `stop` or the end of a replay."""
    qapp = app or QApplication.instance() or QApplication(["posture"])
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("Posture")
    desktop = DesktopApp(host, qapp)
    _notifier, reader, writer = _watch_signals(desktop)
    desktop.start()
    try:
        qapp.exec()
    finally:
        desktop.join()
        signal.set_wakeup_fd(-1)
        reader.close()
        writer.close()
    if desktop.error is not None:
        raise desktop.error
    return 0
