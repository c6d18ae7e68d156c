"""The small status window shown where no system tray exists, saying why it is there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from posture.desktop.icon import disc
from posture.desktop.menu import TrayMenu

NO_TRAY_REASON = (
    "No system tray was found on this desktop (no StatusNotifierItem host and no XEmbed "
    "tray is running), so Posture shows its status in this window instead. "
    "Closing it quits Posture."
)


class StatusWindow(QWidget):
    """Why there is no tray icon, the state's colour and line, and the tray's menu."""

    def __init__(self, menu: TrayMenu, quit_app: Callable[[], None]) -> None:
        super().__init__()
        self.setWindowTitle("Posture")
        self._quit_app = quit_app
        self.reason = QLabel(NO_TRAY_REASON)
        self.reason.setWordWrap(True)
        self.swatch = QLabel()
        self.status = QLabel("Starting...")
        self.notice = QLabel("")
        self.notice.setWordWrap(True)
        button = QPushButton("Menu")
        button.setMenu(menu)
        layout = QVBoxLayout(self)
        for widget in (self.reason, self.swatch, self.status, self.notice, button):
            layout.addWidget(widget)
        self.resize(360, 200)

    def show_state(self, colour: str, line: str) -> None:
        """Show the state's colour and its line."""
        self.swatch.setPixmap(disc(colour, 32))
        self.status.setText(line)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """Closing the only window stops the monitor and quits, as Quit does."""
        event.ignore()
        self._quit_app()
