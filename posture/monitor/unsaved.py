"""Writes the history could not take yet, held in memory in their order until storage returns.

A read-only or full data folder, or a database locked too long, must not cost the user the
time it lasts: each write that fails with a `StorageError` is kept here (bounded), later writes
queue behind it so the history keeps its order, and the whole queue is tried again at the next
write or retry. The problem is logged once when it starts and once when saving works again.
Only a record the store refuses as impossible (`ValueError`) is dropped, as it would never fit.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from posture.ports import StorageError

log = logging.getLogger(__name__)

# About a day of one-minute intervals with their state changes; past it the oldest go first.
MAX_UNSAVED = 5000
# While storage fails, the queue is tried again at most this often (a locked database waits
# for its busy timeout at each try).
RETRY_EVERY_S = 10.0


@dataclass
class Unsaved:
    """The queue of writes waiting for storage, and what is wrong with it."""

    limit: int = MAX_UNSAVED
    problem: str | None = None
    dropped: int = 0  # held too long: the oldest, past `limit`
    refused: int = 0  # refused by the store as impossible
    _queue: deque[Callable[[], object]] = field(default_factory=deque)
    _next_try_s: float = 0.0
    _now_s: float = 0.0

    def __len__(self) -> int:
        return len(self._queue)

    def status_fields(self) -> dict[str, Any]:
        """The monitor status's storage fields: `storage`, `storage_problem`, `unsaved_records`."""
        return {
            "storage": "failing" if self.problem else "ok",
            "storage_problem": self.problem or "",
            "unsaved_records": len(self._queue),
        }

    def write(self, action: Callable[[], object]) -> object:
        """Run `action` (one store write) after any older held write; its result, or None when
        it is held (or refused) instead."""
        now_s = self._now_s
        if self._queue:
            self._queue.append(action)
            self._trim()
            self.retry(now_s)
            return None
        try:
            return action()
        except StorageError as exc:
            self._queue.append(action)
            self._failed(exc, now_s)
        except ValueError as exc:
            self.refused += 1
            log.error("the history refused a record, so it is lost: %s", exc)
        return None

    def retry(self, now_s: float) -> None:
        """Try the held writes again, oldest first, stopping at the first that still fails;
        at most every RETRY_EVERY_S. `now_s` is the monitor's clock, kept for later writes."""
        self._now_s = now_s
        if not self._queue or now_s < self._next_try_s:
            return
        held = len(self._queue)
        while self._queue:
            try:
                self._queue[0]()
            except StorageError as exc:
                self._failed(exc, now_s)
                return
            except ValueError as exc:
                self.refused += 1
                log.error("the history refused a held record, so it is lost: %s", exc)
            self._queue.popleft()
        log.warning("saving to the history works again; the %d held records are saved", held)
        self.problem = None

    def last_try(self, now_s: float) -> None:
        """At the monitor's stop: try the held writes once more, and say what is lost."""
        self._next_try_s = now_s
        self.retry(now_s)
        if self._queue:
            log.error(
                "stopping with %d records that the history could not take; they are lost: %s",
                len(self._queue),
                self.problem,
            )

    def _failed(self, exc: StorageError, now_s: float) -> None:
        self._next_try_s = now_s + RETRY_EVERY_S
        if self.problem is None:
            log.error(
                "could not save to the history, so records are held in memory (up to %d) "
                "and saved when it works again: %s",
                self.limit,
                exc,
            )
        self.problem = str(exc)

    def _trim(self) -> None:
        while len(self._queue) > self.limit:
            self._queue.popleft()
            self.dropped += 1
            if self.dropped == 1:
                log.error(
                    "more than %d records wait for the history; the oldest are now lost",
                    self.limit,
                )
