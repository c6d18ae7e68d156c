"""Following the setup through a run: when the user's place or size in the picture moves away
from the calibration (the camera or the chair moved), the run records it, stops judging
posture, and has one suggestion ready to calibrate again or switch profile
(`posture.core.setup_drift` decides; this keeps its state and writes what changed).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from posture.config.schema import Monitor as MonitorSettings
from posture.core import setup_drift
from posture.core.baseline import Baseline
from posture.core.coaching import Notification
from posture.core.setup_drift import DriftState
from posture.core.vocabulary import Severity
from posture.monitor.record import Record

log = logging.getLogger(__name__)


@dataclass
class SetupWatch:
    """The drift state of this run, and whether its suggestion has been sent."""

    baseline: Baseline
    settings: MonitorSettings
    record: Record
    profile: str | None = None
    state: DriftState = field(default_factory=DriftState)
    told: bool = False

    def advance(self, now_s: float, values: Mapping[str, float | None] | None) -> None:
        """Follow one look (`values`: the user's place and size, None with nobody judged)."""
        was = self.state.drifted
        self.state = setup_drift.advance(self.state, now_s, values, self.baseline, self.settings)
        if self.state.drifted == was:
            return
        log.info("setup %s", "changed: posture not judged" if self.state.drifted else "fits again")
        self.record.change("monitor", "drift" if self.state.drifted else "drift cleared", now_s)
        # A 'monitor' change starts a new stretch for readers of the history; say again where
        # presence and posture stand.
        self.record.restate("presence", "posture")
        self.told = self.told and self.state.drifted

    def suggestion_due(self) -> bool:
        """True while the setup has drifted and its suggestion has not been sent."""
        return self.state.drifted and not self.told

    def suggestion(self) -> Notification:
        """The one note that suggests calibrating again; counted as sent."""
        self.told = True
        title, message = setup_drift.suggestion(self.state, self.settings, self.profile)
        return Notification(title, message, "setup", Severity.MILD, "")
