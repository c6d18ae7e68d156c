"""The nudge: a thin coloured border at the screen edge while an issue lasts. Not a notification.

Four strips (top, bottom, left, right) are frameless, always on top, out of the taskbar and
transparent for input (`Qt.WindowTransparentForInput`), so clicks reach whatever is under them.
Four opaque strips rather than one see-through window: a see-through window needs a compositor,
which many desktops (and Xvfb) lack. Where the platform cannot keep a window on top or let
clicks through (some Wayland sessions), the strips may show less well; nothing else depends on
them. Off by default: `coaching.nudge` in the config file, or the Settings window.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

THICKNESS_PX = 6
# One amber for every issue: the border itself is the news, the notification says which.
ISSUE_COLOUR = "#ff8c00"
NO_ISSUE = ("good", "-", "unknown", "")


def issue_lasts(status: Mapping[str, Any]) -> bool:
    """Whether the monitor's status shows a posture issue right now (not good, not away)."""
    return str(status.get("posture", "")) not in NO_ISSUE and status.get("state") == "watching"


def _strip() -> QWidget:
    strip = QWidget(
        None,
        Qt.WindowType.FramelessWindowHint
        | Qt.WindowType.WindowStaysOnTopHint
        | Qt.WindowType.WindowTransparentForInput
        | Qt.WindowType.WindowDoesNotAcceptFocus
        | Qt.WindowType.Tool,
    )
    strip.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    strip.setAutoFillBackground(True)
    return strip


class Nudge:
    """A border around the primary screen; `show` it while an issue lasts, then `hide` it."""

    def __init__(self, thickness_px: int = THICKNESS_PX) -> None:
        self._thickness_px = thickness_px
        self.strips = [_strip() for _ in range(4)]
        self.colour: str | None = None

    @property
    def shown(self) -> bool:
        """Whether the border is on the screen."""
        return any(strip.isVisible() for strip in self.strips)

    def show(self, colour: str = ISSUE_COLOUR) -> None:
        """Put the border on the primary screen's edges in `colour` (a Qt colour name)."""
        screen = QGuiApplication.primaryScreen()
        area = screen.geometry() if screen is not None else QRect(0, 0, 1024, 768)
        t = self._thickness_px
        rects = (
            QRect(area.left(), area.top(), area.width(), t),
            QRect(area.left(), area.bottom() - t + 1, area.width(), t),
            QRect(area.left(), area.top(), t, area.height()),
            QRect(area.right() - t + 1, area.top(), t, area.height()),
        )
        for strip, rect in zip(self.strips, rects, strict=True):
            palette = strip.palette()
            palette.setColor(QPalette.ColorRole.Window, QColor(colour))
            strip.setPalette(palette)
            strip.setGeometry(rect)
            strip.show()
            strip.raise_()
        self.colour = colour

    def hide(self) -> None:
        """Take the border away."""
        for strip in self.strips:
            strip.hide()
        self.colour = None

    def follow(self, status: Mapping[str, Any], enabled: bool) -> None:
        """Show or hide as the monitor's `status` says, when the nudge is `enabled`."""
        if enabled and issue_lasts(status):
            if not self.shown:
                self.show()
        elif self.shown:
            self.hide()

    def close(self) -> None:
        """Destroy the strips (the app is quitting)."""
        for strip in self.strips:
            strip.close()
            strip.deleteLater()
