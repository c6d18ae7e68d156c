"""The fallback chain: try each notifier in turn, rest the broken ones, end at the log.

`build_notifier` picks the chain for this machine from the user's `notifier` preference.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Sequence

from posture.adapters.notify.dbus import DBusNotifier
from posture.adapters.notify.freedesktop import uses_freedesktop
from posture.adapters.notify.logged import LogNotifier
from posture.adapters.notify.osascript import OsascriptNotifier
from posture.adapters.notify.plyer import PlyerNotifier
from posture.core.durations import format_duration
from posture.ports import Notifier

logger = logging.getLogger(__name__)

COOL_OFF_S = 600.0
PREFERENCES = ("auto", "native", "plyer", "log")


class FallbackNotifier:
    """Tries each notifier in order until one delivers; never raises.

    A notifier that fails or raises is logged once as a warning (its name and the reason), then
    rested for `cool_off_s` before it is tried again; a repeat of the same reason after the rest
    goes to the debug log only. `active_backend` names the last notifier that delivered.
    """

    name = "fallback"

    def __init__(
        self,
        chain: Sequence[Notifier],
        *,
        cool_off_s: float = COOL_OFF_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not chain:
            raise ValueError("a FallbackNotifier needs at least one notifier")
        self.chain = list(chain)
        self._cool_off_s = cool_off_s
        self._clock = clock
        self._resting_until: dict[int, float] = {}
        self._reported: dict[int, str] = {}
        self.active_backend: str | None = None

    def notify(self, title: str, message: str) -> bool:
        """Deliver through the first notifier that works; False only when none did."""
        now = self._clock()
        for index, notifier in enumerate(self.chain):
            if self._resting_until.get(index, now) > now:
                continue
            reason = _attempt(notifier, title, message)
            name = _name_of(notifier, index)
            if reason is None:
                if self._reported.pop(index, None) is not None:
                    logger.info("notification backend %s works again", name)
                self._resting_until.pop(index, None)
                self.active_backend = name
                return True
            self._resting_until[index] = now + self._cool_off_s
            if self._reported.get(index) == reason:
                logger.debug("notification backend %s still fails: %s", name, reason)
            else:
                self._reported[index] = reason
                logger.warning(
                    "notification backend %s failed (%s); trying it again in %s",
                    name,
                    reason,
                    format_duration(self._cool_off_s, "short"),
                )
        return False

    def close(self) -> None:
        """Stop waiting for answers to notifications with buttons."""
        for notifier in self.chain:
            if callable(close := getattr(notifier, "close", None)):
                close()

    def notify_answerable(
        self,
        title: str,
        message: str,
        actions: Sequence[tuple[str, str]],
        answered: Callable[[str], None],
    ) -> bool:
        """With buttons through the first working notifier that can show them; else `notify`."""
        now = self._clock()
        for index, notifier in enumerate(self.chain):
            send = getattr(notifier, "notify_answerable", None)
            if send is None or self._resting_until.get(index, now) > now:
                continue
            try:
                if send(title, message, actions, answered):
                    self.active_backend = _name_of(notifier, index)
                    return True
            except Exception:  # one broken backend must not stop the loop
                logger.debug("notification backend raised", exc_info=True)
            break
        return self.notify(title, message)


def _attempt(notifier: Notifier, title: str, message: str) -> str | None:
    """None when `notifier` delivered, else the reason it did not."""
    try:
        if notifier.notify(title, message):
            return None
    except Exception as exc:  # one broken backend must not stop the loop
        logger.debug("notification backend raised", exc_info=True)
        return f"raised {type(exc).__name__}: {exc}"
    return str(getattr(notifier, "last_error", None) or "it reported a failure")


def _name_of(notifier: Notifier, index: int) -> str:
    try:
        return str(notifier.name)
    except Exception:
        return f"#{index + 1} ({type(notifier).__name__})"


def build_notifier(preference: str = "auto", *, platform: str = sys.platform) -> FallbackNotifier:
    """The notifier chain for this machine, always ending with the log.

    "auto" goes through plyer first, then the platform's own mechanism (D-Bus on Linux and the
    BSDs, osascript on macOS), then the log; on Windows it is plyer, then the log. "native"
    puts the platform's own mechanism first: it reports failures honestly and honours the
    display time, where plyer's notify-send backend keeps every notification until dismissed.
    "plyer" is the same order as "auto", and "log" keeps only the log.
    """
    if preference not in PREFERENCES:
        raise ValueError(f"unknown notifier {preference!r}; choose one of {', '.join(PREFERENCES)}")
    native: list[Notifier] = []
    if uses_freedesktop(platform):
        native.append(DBusNotifier())
    elif platform == "darwin":
        native.append(OsascriptNotifier())
    plyer: list[Notifier] = [PlyerNotifier()]
    chain: list[Notifier] = {
        "auto": plyer + native,
        "native": native + plyer,
        "plyer": plyer + native,
        "log": [],
    }[preference]
    return FallbackNotifier([*chain, LogNotifier()])
