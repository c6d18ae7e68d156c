"""The seams of sight: where frames come from (a file, a camera) and the pose model that
finds people in them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from posture.core.frame import Frame, Image, Skipped
from posture.core.landmarks import Pose

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
