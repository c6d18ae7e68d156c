"""Noticing that the user's config file changed, for a monitor that obeys without a restart.

`ConfigWatch.changed()` is called from the monitor loop on every look, so it is cheap: it asks
the clock, and at most every `every_s` seconds it stats the file. Only when the file's
modification time or size differs from the last one seen is it read and loaded. A file that
does not load (a half-saved edit, a typo) is logged once, with the loader's sentence, and the
settings in use are kept; the next good save is picked up as usual. A removed file means the
defaults, as it would at the next start.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from posture.config.schema import Config, ConfigError, load_config

log = logging.getLogger(__name__)

CHECK_EVERY_S = 2.0

_Stamp = tuple[int, int] | None


def _stamp(path: Path) -> _Stamp:
    """(modification time in ns, size), or None when there is no file."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


class ConfigWatch:
    """The config file at `path`, checked for changes at most every `every_s` seconds."""

    def __init__(
        self,
        path: Path,
        every_s: float = CHECK_EVERY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = path
        self._every_s = every_s
        self._clock = clock
        self._checked_s = clock()
        self._seen = _stamp(path)  # the settings in use were loaded from this version

    def changed(self) -> Config | None:
        """The new settings when the file changed since the last check and loads; else None."""
        now_s = self._clock()
        if now_s - self._checked_s < self._every_s:
            return None
        self._checked_s = now_s
        stamp = _stamp(self.path)
        if stamp == self._seen:
            return None
        self._seen = stamp  # a broken version is reported once, not at every check
        try:
            config = load_config(self.path)
        except ConfigError as exc:
            log.warning("the changed config file does not load, so the settings stay: %s", exc)
            return None
        log.info("the config file changed; applying its settings (%s)", self.path)
        return config
