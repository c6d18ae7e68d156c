"""Freedesktop notifications through `notify-send` or `gdbus`, which report failure honestly."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence

from posture.adapters.notify.answerable import ActionWaiters
from posture.adapters.notify.freedesktop import DISPLAY_S, NOTIFICATIONS, body_markup
from posture.adapters.notify.programs import run_program
from posture.adapters.notify.text import (
    APP_NAME,
    MESSAGE_LIMIT,
    TITLE_LIMIT,
    gvariant_string,
    safe_text,
    strcompress_escape,
)
from posture.ports import NotifyFailed


class DBusNotifier:
    """Freedesktop notifications on the session bus through `notify-send` or `gdbus`; no plyer.

    Both tools report failure in their exit status, which plyer ignores. The body is escaped
    when the server says it parses markup (asked once, again after a failure).
    """

    def __init__(
        self, *, tool: str | None = None, app_name: str = APP_NAME, display_s: int = DISPLAY_S
    ) -> None:
        found = tool or ("notify-send" if shutil.which("notify-send") else "gdbus")
        if found not in ("notify-send", "gdbus"):
            raise ValueError(f"tool must be 'notify-send' or 'gdbus', not {found!r}")
        self._tool = found
        self._app_name = app_name
        self._expire_ms = display_s * 1000
        self._markup: bool | None = None
        self._answerable = ActionWaiters()
        self.last_error: str | None = None

    @property
    def name(self) -> str:
        """The tool in use: "dbus/notify-send" or "dbus/gdbus"."""
        return f"dbus/{self._tool}"

    def notify(self, title: str, message: str) -> bool:
        """Send one notification; False (with `last_error`) when the tool or server refused."""
        if self._markup is None:
            self._markup = body_markup()
        summary = safe_text(title, TITLE_LIMIT) or self._app_name
        body = safe_text(message, MESSAGE_LIMIT, newlines=True, markup=self._markup)
        try:
            run_program(self._argv(summary, body))
        except NotifyFailed as exc:
            self._markup = None
            self.last_error = str(exc)
            return False
        self.last_error = None
        return True

    def notify_answerable(
        self,
        title: str,
        message: str,
        actions: Sequence[tuple[str, str]],
        answered: Callable[[str], None],
    ) -> bool:
        """Send with buttons (`actions` as (key, label)) where the server has "actions"; the key
        of the one pressed goes to `answered`, from another thread. Elsewhere, `notify`."""
        if self._tool != "notify-send" or not self._answerable.capable():
            return self.notify(title, message)
        if self._markup is None:
            self._markup = body_markup()
        summary = safe_text(title, TITLE_LIMIT) or self._app_name
        body = safe_text(message, MESSAGE_LIMIT, newlines=True, markup=self._markup)
        labels = [(key, safe_text(label, TITLE_LIMIT)) for key, label in actions]
        if self._answerable.start(self._argv(summary, body), labels, answered):
            self.last_error = None
            return True
        self._answerable.forget_capability()
        return self.notify(title, message)

    def close(self) -> None:
        """Stop waiting for answers."""
        self._answerable.close()

    def _argv(self, summary: str, body: str) -> list[str]:
        if self._tool == "notify-send":
            options = [f"--app-name={self._app_name}", f"--expire-time={self._expire_ms}"]
            # "--" keeps a title such as "-5 °C" from being read as an option.
            return ["notify-send", *options, "--", summary, strcompress_escape(body)]
        dest, path = NOTIFICATIONS
        target = ["--dest", dest, "--object-path", path, "--method", f"{dest}.Notify"]
        arguments = [
            gvariant_string(self._app_name),
            "uint32 0",
            "''",
            gvariant_string(summary),
            gvariant_string(body),
            "@as []",
            "@a{sv} {}",
            f"int32 {self._expire_ms}",
        ]
        return ["gdbus", "call", "--session", *target, *arguments]
