"""The tray icon's picture: a disc in the state's colour, drawn at the sizes trays ask for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

SIZES_PX = (16, 22, 24, 32, 48, 64)


def state_icon(colour: str) -> QIcon:
    """A filled disc of `colour` ("#rrggbb") on a transparent square, at every tray size."""
    icon = QIcon()
    for size in SIZES_PX:
        icon.addPixmap(disc(colour, size))
    return icon


def disc(colour: str, size_px: int) -> QPixmap:
    """One disc of `colour`, `size_px` square; its middle is exactly `colour` (tests look)."""
    pixmap = QPixmap(size_px, size_px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    margin = max(1, size_px // 16)
    painter.drawEllipse(margin, margin, size_px - 2 * margin, size_px - 2 * margin)
    painter.end()
    return pixmap
