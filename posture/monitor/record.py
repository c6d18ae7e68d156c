"""The run's side of the history: every write the monitor makes goes through one `Record`, in
its order, held in memory while storage fails (`posture.monitor.unsaved`), so a look never
waits on the disk and a failing disk costs no time.

It writes a state change only when that kind's value changes, each closed one-minute interval
with the open sitting session beside it (a crash loses at most one interval of sitting), the
breaks and sessions the sitting machine ends, and the flush when the run stops.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from posture.core.sitting import BreakTaken, SittingEnded, SittingEvent
from posture.core.time_ledger import Interval
from posture.monitor.unsaved import Unsaved
from posture.ports import Store

log = logging.getLogger(__name__)


@dataclass
class Record:
    """The store, the queue in front of it, and the last value written of each state kind."""

    store: Store
    unsaved: Unsaved
    profile: str | None = None
    states: dict[str, str] = field(default_factory=dict)
    sitting_open_start_s: float | None = None

    def write(self, action: Callable[[], object]) -> object:
        """Run one store write, or hold it while storage fails; its result, or None if held."""
        return self.unsaved.write(action)

    def change(self, kind: str, value: str, now_s: float) -> None:
        """Store a state change (`camera`, `presence`, `posture`, `monitor`) when it is one."""
        if self.states.get(kind) == value:
            return
        if kind == "camera" and (value == "unavailable" or kind in self.states):
            log.info("camera %s", "lost" if value == "unavailable" else "back")
        self.states[kind] = value
        self.write(lambda: self.store.add_state_change(now_s, kind, value))  # type: ignore[arg-type]

    def restate(self, *kinds: str) -> None:
        """Write these kinds again at their next look (a new stretch for readers of history)."""
        for kind in kinds:
            self.states.pop(kind, None)

    def sitting(self, events: Iterable[SittingEvent], session_start_s: float | None) -> None:
        """Store the breaks and the sessions that ended; remember the open session's start."""
        for event in events:
            if isinstance(event, BreakTaken):
                self.write(partial(self.store.add_break, event.start_s, event.end_s))
            elif isinstance(event, SittingEnded):
                self.write(partial(self.store.add_sitting, event.start_s, event.end_s))
                self.sitting_open_start_s = None
        if session_start_s is not None:
            self.sitting_open_start_s = session_start_s

    def interval(self, interval: Interval, now_s: float) -> None:
        """Store a closed interval, and the open sitting session up to its end."""
        # Read now: a write held while storage fails runs later, when this has moved on.
        start_s = self.sitting_open_start_s

        def write() -> None:
            with self.store.transaction():
                self.store.add_interval(
                    start_s=interval.start_s,
                    end_s=interval.end_s,
                    monitored_s=interval.monitored_s,
                    good_s=interval.good_s,
                    away_s=interval.away_s,
                    unavailable_s=interval.unavailable_s,
                    paused_s=interval.paused_s,
                    drifted_s=interval.drifted_s,
                    issue_s=dict(interval.issue_s),
                    score=interval.score,
                    profile=self.profile,
                )
                # A session that began after this interval ended is saved with the next one.
                if start_s is not None and start_s < min(now_s, interval.end_s):
                    self.store.add_sitting(start_s, min(now_s, interval.end_s))

        self.write(write)

    def close(self, now_s: float, closed: Iterable[Interval]) -> None:
        """Flush the run: its last intervals, the running session, and the stop itself."""
        for interval in closed:
            self.interval(interval, now_s)
        if self.sitting_open_start_s is not None and self.sitting_open_start_s < now_s:
            self.write(partial(self.store.add_sitting, self.sitting_open_start_s, now_s))
        self.change("monitor", "stopped", now_s)
        self.unsaved.last_try(now_s)
