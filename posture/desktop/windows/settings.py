"""The settings window: what people change, written into their own config file.

The form shows the settings in use; Save writes only the ones changed in the form, through
`posture.adapters.config_file.save` (the tomlkit writer: every comment, blank line and unrelated
setting of the user's file stays as they wrote it). A running monitor notices the file changed
and applies it within seconds (see `posture.adapters.config_watch`). Autostart is not a setting
in the file but the login entry, switched through the callback the app gives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from posture.adapters.config_file import save
from posture.config.schema import Config, ConfigError, load_config

log = logging.getLogger(__name__)

NOTIFIERS = ("auto", "native", "plyer", "log")
PRECISION = 0.051  # half a step of the form's last decimal, and a little
Updates = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Autostart:
    """The login entry: whether it is on, and how to switch it (the app builds the real one)."""

    enabled: Callable[[], bool]
    switch: Callable[[bool], None]


def _spin(low: float, high: float, step: float, suffix: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setDecimals(1)
    box.setSuffix(suffix)
    return box


def _clock(text: str, fallback: str) -> QTime:
    return QTime.fromString(text or fallback, "HH:mm")


def changed_settings(before: Config, form: Mapping[str, Mapping[str, Any]]) -> Updates:
    """The form's values that differ from `before`, as {table: {key: value}} for the writer."""
    out: Updates = {}
    for table, values in form.items():
        current = getattr(before, table)
        for key, value in values.items():
            old = getattr(current, key)
            old = list(old) if isinstance(old, tuple) else old
            # A spin box shows a tenth at most: 12.25 shown as 12.2 is not a change.
            if isinstance(value, float) and isinstance(old, float) and abs(value - old) < PRECISION:
                continue
            if value != old:
                out.setdefault(table, {})[key] = value
    return out


class SettingsWindow(QWidget):
    """Camera, sitting limit, quiet hours, sensitivity, pause apps, notifications, autostart."""

    saved = Signal()

    def __init__(
        self,
        config_file: Path,
        autostart: Autostart | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Posture: settings")
        self.config_file = config_file
        self._autostart = autostart
        self.camera = QLineEdit()
        self.camera.setToolTip('A camera index ("0"), a video file, a folder or a stream URL')
        self.sit_limit = _spin(5, 480, 5, " min")
        self.quiet = QCheckBox("Quiet hours")
        self.quiet_start, self.quiet_end = QTimeEdit(), QTimeEdit()
        for edit in (self.quiet_start, self.quiet_end):
            edit.setDisplayFormat("HH:mm")
        self.sensitivity = _spin(0, 600, 5, " s")
        self.sensitivity.setToolTip("How long an issue must last before you are told (dwell)")
        self.pause_apps = QLineEdit()
        self.pause_apps.setToolTip("Program names, separated by commas")
        self.notifier = QComboBox()
        self.notifier.addItems(NOTIFIERS)
        self.daily_cap = QSpinBox()
        self.daily_cap.setRange(0, 500)
        self.nudge = QCheckBox("A coloured border at the screen edge while an issue lasts")
        self.autostart = QCheckBox("Start Posture when I log in")
        self.autostart.setEnabled(autostart is not None)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.save_button = QPushButton("Save")
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow("Camera", self.camera)
        form.addRow("Remind me to move after", self.sit_limit)
        form.addRow(self.quiet)
        form.addRow("Quiet from", self.quiet_start)
        form.addRow("Quiet until", self.quiet_end)
        form.addRow("Tell me when an issue lasts", self.sensitivity)
        form.addRow("Pause while these run", self.pause_apps)
        form.addRow("Notifications", self.notifier)
        form.addRow("Posture notifications a day at most", self.daily_cap)
        form.addRow(self.nudge)
        form.addRow(self.autostart)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.save_button)
        self.loaded = Config()
        self.reload()

    def reload(self) -> None:
        """Fill the form from the config file (defaults where it says nothing)."""
        try:
            self.loaded = load_config(self.config_file)
        except ConfigError as exc:
            self.loaded = Config()
            self.message.setText(f"Your config file does not load, so defaults are shown: {exc}")
        c = self.loaded
        self.camera.setText(c.monitor.source)
        self.sit_limit.setValue(c.sitting.sit_limit_min)
        self.quiet.setChecked(bool(c.coaching.quiet_hours_start))
        self.quiet_start.setTime(_clock(c.coaching.quiet_hours_start, "22:00"))
        self.quiet_end.setTime(_clock(c.coaching.quiet_hours_end, "07:00"))
        self.sensitivity.setValue(c.timing.dwell_s)
        self.pause_apps.setText(", ".join(c.coaching.pause_apps))
        self.notifier.setCurrentText(c.monitor.notifier)
        self.daily_cap.setValue(c.coaching.daily_cap)
        self.nudge.setChecked(c.coaching.nudge)
        self.autostart.setChecked(self._autostart is not None and self._autostart.enabled())

    def form_values(self) -> dict[str, dict[str, Any]]:
        """Every setting the form shows, as {table: {key: value}}."""
        quiet = self.quiet.isChecked()
        apps = [a.strip() for a in self.pause_apps.text().split(",") if a.strip()]
        return {
            "monitor": {
                "source": self.camera.text().strip(),
                "notifier": self.notifier.currentText(),
            },
            "sitting": {"sit_limit_min": float(self.sit_limit.value())},
            "timing": {"dwell_s": float(self.sensitivity.value())},
            "coaching": {
                "quiet_hours_start": self.quiet_start.time().toString("HH:mm") if quiet else "",
                "quiet_hours_end": self.quiet_end.time().toString("HH:mm") if quiet else "",
                "pause_apps": apps,
                "daily_cap": int(self.daily_cap.value()),
                "nudge": self.nudge.isChecked(),
            },
        }

    def save(self) -> bool:
        """Write the changed settings (and switch autostart); False with the reason shown."""
        updates = changed_settings(self.loaded, self.form_values())
        if not self.camera.text().strip():
            self.message.setText('Not saved: say which camera, e.g. "0" for the first one.')
            return False
        try:
            if updates:
                self.loaded, kept = save(self.config_file, updates)
                if kept is not None:
                    self.message.setText(
                        f"Your old config file did not load; it is kept as {kept}."
                    )
        except ConfigError as exc:
            self.message.setText(f"Not saved: {exc}")
            return False
        except OSError as exc:
            self.message.setText(f"Not saved: {self.config_file} cannot be written ({exc}).")
            return False
        wanted = self.autostart.isChecked()
        if self._autostart is not None and wanted != self._autostart.enabled():
            try:
                self._autostart.switch(wanted)
            except OSError as exc:
                self.message.setText(f"Saved, but the login entry cannot be changed ({exc}).")
                return False
        if updates:
            log.info("settings saved to %s: %s", self.config_file, updates)
        self.message.setText(
            "Saved. A running Posture applies it within a few seconds."
            if updates
            else "Nothing changed."
        )
        self.saved.emit()
        return True
