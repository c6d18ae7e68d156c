"""What a new run takes over from the last one: the sitting session a short stop interrupted.

A stop and start (a restart, an update, a crash and the login autostart) is no break: when the
stored session ended less than `break_min` before the first look, the sitting timer goes on
from it (see `posture.core.sitting.resumed`), and the session keeps its row in the history.
"""

from __future__ import annotations

from posture.config.schema import Sitting
from posture.core import sitting
from posture.core.sitting import SittingState
from posture.ports import HistoryReader, StorageError


def resumed_sitting(history: HistoryReader, now_s: float, settings: Sitting) -> SittingState:
    """The sitting state for a run whose first look is at `now_s`; fresh when nothing carries."""
    try:
        recent = history.sittings_between(now_s - settings.break_min * 60.0, now_s)
    except StorageError:
        return SittingState()  # the history cannot be read: start afresh, as before
    ended = [s for s in recent if s.end_s <= now_s]
    if not ended:
        return SittingState()
    last = max(ended, key=lambda s: s.end_s)
    return sitting.resumed(last.start_s, last.end_s, now_s, settings)
