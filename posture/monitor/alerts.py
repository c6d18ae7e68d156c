"""The alerts a run sends: each coaching note goes to the notifier (with answer buttons where
the notifier offers them, `posture.monitor.answers`), into the history, and, for a posture
issue, stays open a few minutes to learn whether a correction followed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import partial

from posture.core.coaching import Notification
from posture.core.records import AlertKind
from posture.monitor.answers import ACTIONS, AlertRef, Answers
from posture.monitor.record import Record
from posture.ports import Notifier

log = logging.getLogger(__name__)

# An alert counts as followed by a correction when the issue clears within this time.
CORRECTION_WINDOW_S = 300.0


@dataclass
class Alerts:
    """What was sent, and the posture alerts still waiting for a correction (the notifier
    stays the monitor's, which may be swapped while it runs)."""

    record: Record
    answers: Answers
    sent: list[Notification] = field(default_factory=list)
    # issue -> (alert id, sent at), while a correction would still count
    waiting: dict[str, tuple[int, float]] = field(default_factory=dict)

    def send(self, notifier: Notifier, note: Notification, now_s: float) -> None:
        """Show `note` through `notifier` and store it; a posture alert then waits for its
        correction."""
        ref = AlertRef()
        answerable = getattr(notifier, "notify_answerable", None)
        if answerable is not None and note.kind != "setup":
            delivered = answerable(note.title, note.message, ACTIONS, self.answers.receiver(ref))
        else:
            delivered = notifier.notify(note.title, note.message)
        log.info("alert (%s): %s", note.kind, note.title)
        kind: AlertKind = (
            "setup" if note.kind == "setup" else "sitting" if note.kind == "sitting" else "posture"
        )
        self.sent.append(note)
        alert_id = self.record.write(
            lambda: self.record.store.add_alert(
                t_s=now_s,
                kind=kind,
                severity=note.severity,
                message=note.message,
                issue=note.kind if kind == "posture" else None,
                exercise=note.exercise_name or None,
            )
        )
        ref.alert_id = alert_id if isinstance(alert_id, int) else None
        if kind == "posture" and isinstance(alert_id, int):
            self.waiting[note.kind] = (alert_id, now_s)
        if not delivered:
            log.debug("notification shown nowhere but the log: %s", note.title)

    def corrections(self, now_s: float, active: set[str]) -> None:
        """An alert whose issue cleared within the window counts as followed by a correction."""
        for issue, (alert_id, sent_s) in list(self.waiting.items()):
            if now_s - sent_s > CORRECTION_WINDOW_S:
                del self.waiting[issue]
            elif issue not in active:
                self.record.write(partial(self.record.store.mark_alert_corrected, alert_id, now_s))
                del self.waiting[issue]

    def close(self, notifier: Notifier) -> None:
        """No answer can be acted on any more: let the notifier drop its open notifications."""
        if callable(close_notifier := getattr(notifier, "close", None)):
            close_notifier()
