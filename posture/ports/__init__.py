"""Every seam between the pure core and the world, on one page.

The monitor loop and the setup flow depend on these Protocols and exceptions only; the
adapters in `posture.adapters` implement them, and tests pass hand-written fakes. Nothing here
touches a device, a file or a process: it imports the core's values and the standard library.

By seam: `frames` (frame sources, the camera, the pose model), `history` (the store and its
errors), `channels` (notifications, the published status, live settings, whole-file writes)
and `setup` (the prompter and the world the guided setup acts on). Import from here.
"""

from __future__ import annotations

from posture.ports.channels import (
    Notifier,
    NotifyFailed,
    PendingFile,
    Replace,
    SettingsSource,
    StatusBoard,
)
from posture.ports.frames import (
    CameraFound,
    FrameSource,
    Mode,
    MonitorCamera,
    PoseEstimator,
    SourceEnded,
)
from posture.ports.history import (
    HistoryReader,
    HistoryWriter,
    NewerDatabase,
    Profiles,
    Snoozes,
    StorageError,
    StorageFull,
    StorageLocked,
    StorageReadOnly,
    Store,
)
from posture.ports.setup import (
    Look,
    Prompter,
    SetupStopped,
    SetupWorld,
)

__all__ = [
    "CameraFound",
    "FrameSource",
    "HistoryReader",
    "HistoryWriter",
    "Look",
    "Mode",
    "MonitorCamera",
    "NewerDatabase",
    "Notifier",
    "NotifyFailed",
    "PendingFile",
    "PoseEstimator",
    "Profiles",
    "Prompter",
    "Replace",
    "SettingsSource",
    "SetupStopped",
    "SetupWorld",
    "Snoozes",
    "SourceEnded",
    "StatusBoard",
    "StorageError",
    "StorageFull",
    "StorageLocked",
    "StorageReadOnly",
    "Store",
]
