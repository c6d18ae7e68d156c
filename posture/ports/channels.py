"""The seams between the loop and the desktop and disk: notifications, the status it
publishes, the settings as they change, and writing a file whole."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from posture.config.schema import Config

# -- Notifications ----------------------------------------------------------------------------


class Notifier(Protocol):
    """Anything that can show a notification and say whether it did."""

    @property
    def name(self) -> str:
        """A short name for logs and `doctor`, such as "dbus/notify-send"."""
        ...

    def notify(self, title: str, message: str) -> bool:
        """Show one notification; True when it was delivered as far as can be known."""
        ...


class NotifyFailed(Exception):
    """Raised inside an adapter when its mechanism reports a failure; carries the reason."""


# -- What the loop publishes -----------------------------------------------------------------


class StatusBoard(Protocol):
    """Where the loop publishes what it sees, for `status` (a file, a tray icon, ...)."""

    def publish(self, status: Mapping[str, Any]) -> None:
        """Replace what was published before; a failure is logged, never raised."""


class SettingsSource(Protocol):
    """The user's settings as they change while the loop runs (the config file, in the program)."""

    def changed(self) -> Config | None:
        """New settings when they changed since the last call, else None; cheap, never raises."""


# -- Writing a file whole ----------------------------------------------------------------------


class PendingFile(Protocol):
    """A temporary file that takes the target's place when its block ends well."""

    @property
    def path(self) -> Path:
        """Where it is while written (to check it, or for a writer that takes a name)."""
        ...

    @property
    def file(self) -> BinaryIO:
        """It, open for writing."""
        ...


# `posture.adapters.private_files.replacing`, handed to model provisioning, which sits below
# the adapters: `with replace(target) as pending:` write `pending.file`, and the target becomes it.
Replace = Callable[[Path], AbstractContextManager[PendingFile]]
