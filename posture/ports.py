"""Every seam between the pure core and the world, on one page.

The monitor loop and the setup flow depend on these Protocols and exceptions only; the
adapters in `posture.adapters` implement them, and tests pass hand-written fakes. Nothing here
touches a device, a file or a process: it imports the core's values and the standard library.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal, Protocol

from posture.config.schema import Config
from posture.core.baseline import Baseline
from posture.core.frame import Frame, Image, Skipped
from posture.core.landmarks import Pose
from posture.core.records import (
    AlertKind,
    AlertRecord,
    BreakRecord,
    IntervalRecord,
    ProfileRecord,
    SittingRecord,
    StateChange,
    StateKind,
)
from posture.core.vocabulary import Severity
from posture.errors import UserError

# -- Frames: where pictures come from --------------------------------------------------------


class FrameSource(Protocol):
    """Anything that yields frames in time order."""

    live: bool
    label: str

    def read(self) -> Frame | Skipped | None:
        """Return the next frame, a `Skipped` input, or None when the source has ended."""

    def skip(self) -> bool:
        """Advance past one frame without decoding it; False when the source has ended."""

    def close(self) -> None:
        """Release the device or file."""


class SourceEnded(Exception):
    """A replayed file has no more frames; `end_s` is when its last frame ended (or None)."""

    def __init__(self, spec: str, end_s: float | None = None) -> None:
        super().__init__(spec)
        self.end_s = end_s


class MonitorCamera(Protocol):
    """What the monitor loop needs from a camera."""

    live: bool

    def frame_at(self, now_s: float) -> Frame | None:
        """The frame to judge at `now_s`; None when the camera is unavailable right now."""

    def release(self) -> None:
        """Let go of the device until the next `frame_at` (the camera light goes off)."""

    def close(self) -> None:
        """Release everything for good."""


@dataclass(frozen=True)
class CameraFound:
    """A camera that delivered a picture, with that picture's size."""

    index: int
    width_px: int
    height_px: int

    def describe(self) -> str:
        """ "camera 0 (640x480)"."""
        return f"camera {self.index} ({self.width_px}x{self.height_px})"


# -- The pose model ----------------------------------------------------------------------------

Mode = Literal["video", "image"]


class PoseEstimator(Protocol):
    """Finds people in a frame.

    A picture the model cannot take raises `posture.core.frame.BadFrame` (with the reason),
    whatever the library underneath raised.
    """

    def detect(self, image: Image, time_s: float) -> list[Pose]:
        """Every person found, largest first; an empty list when nobody is there."""

    def close(self) -> None:
        """Free the model."""


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


# -- The history ------------------------------------------------------------------------------


class StorageError(UserError):
    """The history database could not be used; the message says which file and why."""

    def __init__(self, message: str, exit_status: int = 1) -> None:
        super().__init__(message, exit_status)


class StorageFull(StorageError):
    """The disk is full: this write was not saved, earlier ones are intact."""


class StorageReadOnly(StorageError):
    """The data folder or the history file cannot be written now; nothing was changed."""


class StorageLocked(StorageError):
    """Another program kept the database locked for longer than the busy timeout."""


class NewerDatabase(StorageError):
    """The database was written by a newer version of Posture; it is never downgraded."""


class HistoryWriter(Protocol):
    """What the monitor loop records: each call is one committed write."""

    def transaction(self) -> AbstractContextManager[None]: ...

    def add_interval(
        self,
        *,
        start_s: float,
        end_s: float,
        monitored_s: float,
        good_s: float,
        away_s: float = 0.0,
        unavailable_s: float = 0.0,
        paused_s: float = 0.0,
        drifted_s: float = 0.0,
        issue_s: Mapping[str, float] | None = None,
        score: float | None = None,
        profile: str | None = None,
    ) -> int: ...

    def add_state_change(
        self, t_s: float, kind: StateKind, value: str, detail: str | None = None
    ) -> int: ...

    def add_alert(
        self,
        *,
        t_s: float,
        kind: AlertKind,
        severity: Severity,
        message: str,
        issue: str | None = None,
        exercise: str | None = None,
    ) -> int: ...

    def mark_alert_corrected(self, alert_id: int, t_s: float) -> bool: ...

    def mark_exercise_done(self, alert_id: int, t_s: float) -> bool: ...

    def add_sitting(self, start_s: float, end_s: float) -> None: ...

    def add_break(self, start_s: float, end_s: float) -> None: ...


class HistoryReader(Protocol):
    """What the report reads back: every record overlapping a span of time."""

    def intervals_between(self, start_s: float, end_s: float) -> list[IntervalRecord]: ...

    def state_changes_between(self, start_s: float, end_s: float) -> list[StateChange]: ...

    def alerts_between(self, start_s: float, end_s: float) -> list[AlertRecord]: ...

    def sittings_between(self, start_s: float, end_s: float) -> list[SittingRecord]: ...

    def breaks_between(self, start_s: float, end_s: float) -> list[BreakRecord]: ...


class Profiles(Protocol):
    """Named calibration profiles (one per desk setup); one of them is active."""

    def save_profile(self, name: str, baseline_json: str, activate: bool = True) -> None: ...

    def load_profile(self, name: str | None = None) -> tuple[str, str] | None: ...

    def list_profiles(self) -> list[ProfileRecord]: ...

    def activate_profile(self, name: str) -> bool: ...

    def delete_profile(self, name: str) -> bool: ...


class Snoozes(Protocol):
    """Stretches of time the user asked to keep quiet."""

    def add_snooze(self, start_s: float, until_s: float, reason: str = "") -> int: ...

    def active_snooze(self, now_s: float) -> float | None: ...

    def end_snooze(self, now_s: float) -> int: ...


class Store(HistoryWriter, HistoryReader, Profiles, Snoozes, Protocol):
    """The whole history, as one file holds it."""

    def close(self) -> None: ...


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


# -- Setup ------------------------------------------------------------------------------------


class SetupStopped(UserError):
    """The user ended the questions (end of input) before setup was done."""


class Prompter(Protocol):
    """Says things and asks questions."""

    @property
    def interactive(self) -> bool:
        """False when nobody answers (answers are the defaults)."""
        ...

    def say(self, text: str = "") -> None:
        """Show a line."""
        ...

    def ask(self, question: str) -> str:
        """Show `question` and return the answer as typed."""
        ...


@dataclass(frozen=True)
class Look:
    """One picture from the source and the person found in it, if any."""

    image: Image
    pose: Pose | None


class SetupWorld(Protocol):
    """What setup does to the world; the command builds the real one, tests a fake."""

    def provision_model(self, variant: str) -> Path:
        """The verified model file, fetched when missing (UserError when it cannot be)."""
        ...

    def model_ready(self, variant: str) -> bool:
        """Whether a verified model file is already there."""
        ...

    def find_cameras(self) -> list[CameraFound]:
        """The cameras that deliver a picture."""
        ...

    def check_source(self, spec: str) -> str:
        """The source as it is to be saved (files made absolute); UserError if it won't open."""
        ...

    def look(self, spec: str, variant: str) -> Look:
        """One picture from the source, with the pose model's view of it."""
        ...

    def save_snapshot(self, look: Look) -> Path:
        """Save the picture with the skeleton drawn, owner-only; where it went."""
        ...

    def calibrate(
        self, spec: str, variant: str, profile: str, phases: Sequence[str] = ()
    ) -> Baseline:
        """Capture and store the profile, then learn the optional `phases` from the same
        source (CalibrationRefused/PhaseRefused/UserError with the reason; nothing stored)."""
        ...

    def test_notification(self, preference: str) -> tuple[str, str]:
        """Send the test notification: the backend that took it ("log" when no other did),
        and why the first that failed did not."""
        ...

    def enable_autostart(self) -> Path:
        """Install the login entry; where it is (UserError when that cannot be done)."""
        ...

    def save_config(self, updates: dict[str, dict[str, Any]]) -> tuple[Config, Path, Path | None]:
        """Write the settings; the loaded result, the file, and where a broken old file went."""
        ...
