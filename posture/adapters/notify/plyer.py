"""Notifications through plyer, with its quiet failures made visible.

plyer's program-based backends drop their helper's exit status, so a stand-in for `subprocess`
inside the backend's module watches it; and each backend gets its text quoted for the transport
it uses, which plyer itself does not do.
"""

from __future__ import annotations

import contextlib
import io
import logging
import subprocess
import sys
import warnings
from collections.abc import Iterator, Sequence
from types import ModuleType
from typing import Any

from posture.adapters.notify.freedesktop import DISPLAY_S, body_markup
from posture.adapters.notify.programs import TOOL_TIMEOUT_S, exit_reason
from posture.adapters.notify.text import (
    APP_NAME,
    MESSAGE_LIMIT,
    TITLE_LIMIT,
    gvariant_escape,
    safe_text,
    strcompress_escape,
)

logger = logging.getLogger(__name__)

# plyer's Linux backends, by class name: which of them hand text to a freedesktop server.
_PLYER_FREEDESKTOP = frozenset({"NotifySendNotification", "NotifyDbus"})
_PLYER_PORTAL = "NotifyDesktopPortals"


class _SubprocessProbe:
    """Stands in for `subprocess` inside a plyer backend module to see the exit codes it drops."""

    def __init__(self) -> None:
        self.failure: str | None = None

    def __getattr__(self, attribute: str) -> Any:
        return getattr(subprocess, attribute)

    def run(self, args: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[Any]:
        kwargs.setdefault("stderr", subprocess.PIPE)
        kwargs.setdefault("stdin", subprocess.DEVNULL)
        kwargs.setdefault("timeout", TOOL_TIMEOUT_S)
        done = subprocess.run(args, check=False, **kwargs)
        if done.returncode != 0 and self.failure is None:
            error = done.stderr
            text = error.decode("utf-8", "replace") if isinstance(error, bytes) else error or ""
            self.failure = exit_reason(str(args[0]), done.returncode, text)
        return done

    def call(self, args: Sequence[str], **kwargs: Any) -> int:
        return self.run(args, **kwargs).returncode


@contextlib.contextmanager
def _probing(module: ModuleType | None, probe: _SubprocessProbe) -> Iterator[None]:
    if module is None or getattr(module, "subprocess", None) is not subprocess:
        yield
        return
    module.subprocess = probe  # type: ignore[attr-defined]
    try:
        yield
    finally:
        module.subprocess = subprocess  # type: ignore[attr-defined]


class PlyerNotifier:
    """Notifications through plyer, with its quiet failures made visible.

    plyer picks a backend on first use. On Linux that is dbus-python when importable, else the
    `notify-send` program, or the xdg portal inside Flatpak. The program-based backends ignore
    their exit status, so this adapter watches it; the portal backend pastes text into a GVariant
    literal unescaped, so text for it is escaped here. `notify-send` is called without "--", so a
    leading "-" becomes a minus sign, and it reads C escapes in the body, so backslashes are
    doubled. `backend` overrides plyer's choice (for tests).
    """

    def __init__(
        self, *, app_name: str = APP_NAME, display_s: int = DISPLAY_S, backend: Any = None
    ) -> None:
        self._app_name = app_name
        self._display_s = display_s
        self._backend: Any = backend
        self._markup: bool | None = None
        self.last_error: str | None = None

    @property
    def name(self) -> str:
        """The backend plyer chose, by class name, e.g. "plyer/NotifySendNotification"."""
        try:
            return f"plyer/{type(self._resolve()).__name__}"
        except Exception:
            return "plyer"

    def _resolve(self) -> Any:
        if self._backend is None:
            from plyer import notification

            # plyer warns about a missing dbus module and prints tracebacks of a failed import
            # to stderr; both go to the debug log instead.
            stderr = io.StringIO()
            with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stderr(stderr):
                warnings.simplefilter("always")
                backend = object.__getattribute__(notification, "_ensure_obj")()
            for warning in caught:
                logger.debug("plyer: %s", warning.message)
            if stderr.getvalue():
                logger.debug("plyer: %s", stderr.getvalue().strip())
            self._backend = backend
        return self._backend

    def notify(self, title: str, message: str) -> bool:
        """Send one notification; False (with `last_error`) when plyer's backend failed."""
        try:
            backend = self._resolve()
            kind = type(backend).__name__
            summary, body = self._texts(kind, title, message)
            probe = _SubprocessProbe()
            with _probing(sys.modules.get(type(backend).__module__), probe):
                backend.notify(
                    title=summary, message=body, app_name=self._app_name, timeout=self._display_s
                )
        except Exception as exc:
            self._markup = None
            self.last_error = f"plyer raised {type(exc).__name__}: {exc}"
            return False
        if probe.failure is not None:
            self._markup = None
            self.last_error = f"plyer's {kind} backend: {probe.failure}"
            return False
        self.last_error = None
        return True

    def _texts(self, kind: str, title: str, message: str) -> tuple[str, str]:
        if kind in _PLYER_FREEDESKTOP:
            if self._markup is None:
                self._markup = body_markup()
            summary = safe_text(title, TITLE_LIMIT) or self._app_name
            body = safe_text(message, MESSAGE_LIMIT, newlines=True, markup=self._markup)
            if kind == "NotifySendNotification":
                return _no_leading_dash(summary), _no_leading_dash(strcompress_escape(body))
            return summary, body
        summary = safe_text(title, TITLE_LIMIT) or self._app_name
        body = safe_text(message, MESSAGE_LIMIT, newlines=True)
        if kind == _PLYER_PORTAL:
            return gvariant_escape(summary), gvariant_escape(body)
        return summary, body


def _no_leading_dash(text: str) -> str:
    return "\u2212" + text[1:] if text.startswith("-") else text
