"""The menu the tray icon (or the status window's button) opens, and what each entry does."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMenu

from posture.desktop import window_hooks
from posture.desktop.host import DesktopHost

log = logging.getLogger(__name__)

# Menu entry -> the `snooze` word it stands for.
SNOOZES = (("Snooze 30 min", "30m"), ("Snooze 1 h", "1h"), ("Snooze until tomorrow", "today"))


class TrayMenu(QMenu):
    """Status line; snoozes and Resume; Calibrate...; Today's report; Settings...; Quit.

    `notice(text)` shows a sentence (a tray message, or the status window's line); `quit`
    stops the monitor and ends the app. Actions are kept by name in `actions_by_name` so a
    test can trigger them as a click would.
    """

    def __init__(
        self, host: DesktopHost, notice: Callable[[str], None], quit_app: Callable[[], None]
    ) -> None:
        super().__init__()
        self._host = host
        self._notice = notice
        self.actions_by_name: dict[str, QAction] = {}
        self.status_action = self.addAction("Starting...")
        self.status_action.setEnabled(False)
        self.addSeparator()
        for text, word in SNOOZES:
            self._add(text, partial(self._run, partial(host.snooze, word)))
        self._add("Resume", lambda: self._run(host.resume))
        self.addSeparator()
        self._add(
            "Calibrate...", lambda: self._window(window_hooks.open_calibration, "calibration")
        )
        self._add("Today's report", self._report)
        self._add("Settings...", lambda: self._window(window_hooks.open_settings, "settings"))
        self.addSeparator()
        self._add("Quit", quit_app)

    def _add(self, text: str, slot: Callable[[], None]) -> None:
        action = self.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        self.actions_by_name[text] = action

    def show_status(self, line: str) -> None:
        """Put `line` at the top of the menu."""
        self.status_action.setText(line)

    def _run(self, action: Callable[[], str]) -> None:
        try:
            self._notice(action())
        except Exception as exc:  # a failed action is said, and the app goes on
            log.warning("a menu action failed: %s", exc, exc_info=True)
            self._notice(f"That did not work: {exc}")

    def _window(self, opener: Callable[..., str | None], what: str) -> None:
        try:
            sentence = opener(self._host.context)
        except Exception as exc:
            log.warning("the %s window failed: %s", what, exc, exc_info=True)
            sentence = f"The {what} window could not open: {exc}"
        if sentence:
            self._notice(sentence)

    def _report(self) -> None:
        try:
            page = self._host.todays_report()
        except Exception as exc:
            log.warning("today's report failed: %s", exc, exc_info=True)
            self._notice(f"Today's report could not be written: {exc}")
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(page))):
            self._notice(f"No browser could be opened; open {page.as_uri()} yourself.")
