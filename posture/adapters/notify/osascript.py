"""macOS Notification Center through `osascript`, which reports failure in its exit status."""

from __future__ import annotations

from posture.adapters.notify.programs import run_program
from posture.adapters.notify.text import (
    APP_NAME,
    MESSAGE_LIMIT,
    TITLE_LIMIT,
    applescript_string,
    safe_text,
)
from posture.ports import NotifyFailed


class OsascriptNotifier:
    """macOS Notification Center through `osascript -e 'display notification ...'`."""

    name = "osascript"

    def __init__(self) -> None:
        self.last_error: str | None = None

    def notify(self, title: str, message: str) -> bool:
        """Show one notification; False (with `last_error`) when osascript failed."""
        summary = applescript_string(safe_text(title, TITLE_LIMIT) or APP_NAME)
        body = applescript_string(safe_text(message, MESSAGE_LIMIT, newlines=True))
        try:
            run_program(["osascript", "-e", f"display notification {body} with title {summary}"])
        except NotifyFailed as exc:
            self.last_error = str(exc)
            return False
        self.last_error = None
        return True
