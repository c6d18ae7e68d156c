"""Why the monitor should not look right now: a snooze, a video call, or a locked screen.

The policy only: what runs and whether the screen is locked are asked through the functions it
is given (the real ones are in `posture.adapters.system_activity`). Their answers are cached
for `recheck_s`: scanning processes every second would cost more than looking at the camera.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo

from posture.config.clock import clock_text
from posture.ports import StorageError

log = logging.getLogger(__name__)

RECHECK_S = 15.0


class PauseCheck:
    """The reason to pause at a moment, or "" to go on."""

    def __init__(
        self,
        apps: Iterable[str],
        snoozed_until: Callable[[float], float | None],
        zone: tzinfo,
        *,
        processes: Callable[[], set[str]],
        locked: Callable[[], bool | None],
        recheck_s: float = RECHECK_S,
    ) -> None:
        self._checked_s: float | None = None
        self.set_apps(apps)
        self._snoozed_until = snoozed_until
        self._zone = zone
        self._processes = processes
        self._locked = locked
        self._recheck_s = recheck_s
        self._system_reason = ""
        self._snooze_unknown = False

    def set_apps(self, apps: Iterable[str]) -> None:
        """Pause for these programs from the next system check on (changed settings)."""
        self._apps = {a.lower().removesuffix(".exe") for a in apps}
        self._checked_s = None

    def __call__(self, now_s: float) -> str:
        until = self._snooze(now_s)
        if until is not None:
            return f"snoozed until {clock_text(datetime.fromtimestamp(until, self._zone).time())}"
        if (
            self._checked_s is None
            or now_s - self._checked_s >= self._recheck_s
            or now_s < self._checked_s
        ):
            self._checked_s = now_s
            self._system_reason = self._system()
        return self._system_reason

    def _snooze(self, now_s: float) -> float | None:
        """The snooze's end; None also while the history cannot be read (logged once)."""
        try:
            until = self._snoozed_until(now_s)
        except StorageError as exc:
            if not self._snooze_unknown:
                log.warning("cannot read snoozes from the history, so none applies: %s", exc)
            self._snooze_unknown = True
            return None
        if self._snooze_unknown:
            log.warning("snoozes can be read from the history again")
        self._snooze_unknown = False
        return until

    def _system(self) -> str:
        calling = sorted(self._apps & self._processes())
        if calling:
            return f"paused while {calling[0]} is running"
        if self._locked():
            return "paused while the screen is locked"
        return ""
