"""The notifier of last resort: the notification goes to the log."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


class LogNotifier:
    """The last resort: the notification goes to the log, which always works."""

    name = "log"

    def __init__(self, level: int = logging.INFO) -> None:
        self._level = level

    def notify(self, title: str, message: str) -> bool:
        """Log the notification; always True."""
        logger.log(self._level, "notification: %s: %s", title, message)
        return True
