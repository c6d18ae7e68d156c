"""Answers to notifications with buttons: "Snooze 30 min" and "Done" (the exercise done).

The notifier hands an answer over from its own thread; it waits in a queue until the monitor's
next look, which writes it to the history on the loop's own thread (a snooze the pause check
then obeys; a "Done" the day report counts). Nothing here waits on the notification server.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable, Iterator
from functools import partial

from posture.ports import Store

log = logging.getLogger(__name__)

SNOOZE_S = 30 * 60.0
# (key, label) of each button, in the order shown.
ACTIONS: tuple[tuple[str, str], ...] = (("snooze", "Snooze 30 min"), ("done", "Done"))


class AlertRef:
    """The stored alert a notification belongs to, once it is stored."""

    alert_id: int | None = None


class Answers:
    """The answers not yet acted on."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[tuple[str, AlertRef]] = queue.SimpleQueue()

    def receiver(self, ref: AlertRef) -> Callable[[str], None]:
        """The callback for one notification (safe to call from any thread)."""
        return lambda key: self._queue.put((key, ref))

    def writes(self, store: Store, now_s: float) -> Iterator[Callable[[], object]]:
        """One history write per answer received since the last look."""
        while True:
            try:
                key, ref = self._queue.get_nowait()
            except queue.Empty:
                return
            if key == "snooze":
                log.info("snoozed for 30 min from a notification")
                yield partial(_snooze, store, now_s)
            elif key == "done" and ref.alert_id is not None:
                log.info("exercise done, from a notification")
                yield partial(store.mark_exercise_done, ref.alert_id, now_s)


def _snooze(store: Store, now_s: float) -> None:
    with store.transaction():  # the latest snooze wins, as with `snooze`
        store.end_snooze(now_s)
        store.add_snooze(now_s, now_s + SNOOZE_S, reason="notification: snooze 30 min")
