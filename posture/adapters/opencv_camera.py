"""The monitor's view of a frame source: the frame for a moment in time, cheaply.

`ReplayCamera` plays a file on its own clock: asking for the frame at `now` skips (grabs without
converting) the frames in between, so a one-hour recording replays in minutes with every timer
behaving as it would live. `LiveCamera` opens a camera or stream when needed, drops the frames
that queued up since the last look without decoding them where the backend allows, and can be
released so the camera light goes off while nobody is there.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import cv2

from posture.adapters.opencv_images import ImageFiles
from posture.adapters.opencv_sources import CaptureSource, open_source
from posture.core.frame import Frame, Skipped
from posture.errors import UserError
from posture.ports import FrameSource, SourceEnded

log = logging.getLogger(__name__)

# Images of a folder replayed as a video stand one second apart.
FOLDER_FRAME_S = 1.0


class ReplayCamera:
    """A video file or folder of pictures replayed on its own clock, starting at `start_s`."""

    live = False

    def __init__(self, spec: str, start_s: float) -> None:
        self._spec = spec
        self._start_s = start_s
        self._source: FrameSource = open_source(spec)
        self._folder_index = 0
        self._last: Frame | None = None
        self.skipped = 0

    def frame_at(self, now_s: float) -> Frame | None:
        target_s = now_s - self._start_s
        if isinstance(self._source, ImageFiles):
            return self._folder_frame(target_s)
        assert isinstance(self._source, CaptureSource)
        source = self._source
        frame_s = 1.0 / source.fps
        if self._last is not None and source.position_s() + frame_s > target_s + 1e-9:
            return self._last  # the frame shown now is still the latest one due
        # Skip, without converting, every frame that a later frame replaces before the target.
        while self._last is not None and source.position_s() + 2 * frame_s <= target_s + 1e-9:
            if not source.skip():
                raise SourceEnded(self._spec, self._end_s(frame_s))
            self.skipped += 1
        while True:
            item = source.read()
            if item is None:
                raise SourceEnded(self._spec, self._end_s(frame_s))
            if isinstance(item, Frame):
                self._last = item
                return item
            log.warning("skipped a frame of %s: %s", self._spec, item.reason)

    def _end_s(self, frame_s: float) -> float:
        """The replayed clock's time when the last frame read or skipped ended."""
        assert isinstance(self._source, CaptureSource)
        return self._start_s + max(0.0, self._source.position_s()) + frame_s

    def _folder_frame(self, target_s: float) -> Frame | None:
        wanted = int(target_s // FOLDER_FRAME_S)
        while self._folder_index <= wanted:
            item = self._source.read()
            if item is None:
                raise SourceEnded(self._spec, self._start_s + self._folder_index * FOLDER_FRAME_S)
            self._folder_index += 1
            if isinstance(item, Frame):
                self._last = Frame(
                    item.image, self._folder_index * FOLDER_FRAME_S, self._folder_index, item.origin
                )
        return self._last

    def release(self) -> None:
        """A file has no light to turn off; keep its position."""

    def close(self) -> None:
        self._source.close()


class LiveCamera:
    """A camera index or stream URL, opened on demand and released when asked."""

    live = True

    def __init__(
        self,
        spec: str,
        clock: Callable[[], float] = time.time,
        open_source_fn: Callable[[str], FrameSource] = open_source,
    ) -> None:
        self._spec = spec
        self._clock = clock
        self._open = open_source_fn
        self._source: FrameSource | None = None
        self._failures = 0
        self._retry_at_s = 0.0

    @property
    def is_open(self) -> bool:
        """True while the device is held."""
        return self._source is not None

    def frame_at(self, now_s: float) -> Frame | None:
        if self._source is None:
            if now_s < self._retry_at_s:
                return None
            try:
                self._source = self._open(self._spec)
                _prefer_fresh_frames(self._source)
            except UserError as exc:
                self._failed(now_s, str(exc))
                return None
        item = self._freshest(self._source)
        if item is None:
            self.release()
            self._failed(now_s, "no frame arrived")
            return None
        self._failures = 0
        return item

    def _freshest(self, source: FrameSource) -> Frame | None:
        """Drop queued frames without decoding, then decode the newest one."""
        for _ in range(2):
            if not source.skip():
                return None
        item = source.read()
        while isinstance(item, Skipped):
            item = source.read()
        return item

    def _failed(self, now_s: float, reason: str) -> None:
        # Back off 1, 2, 4 ... up to 60 s between attempts; log only the first failure in a row.
        if self._failures == 0:
            log.warning("camera %s is unavailable (%s); retrying with backoff", self._spec, reason)
        self._retry_at_s = now_s + min(60.0, 2.0**self._failures)
        self._failures += 1

    def release(self) -> None:
        if self._source is not None:
            self._source.close()
            self._source = None

    def close(self) -> None:
        self.release()


# What a camera is asked for: looks come about once a second, so a few frames a second are
# plenty, and frames that are never judged then cost the camera and the driver nothing.
CAMERA_FPS = 5.0


def _prefer_fresh_frames(source: FrameSource) -> None:
    """Ask the device for one buffer and a low frame rate, so a look sees a recent frame and
    skipped frames cost little; a device or backend that ignores either is used as it is."""
    if isinstance(source, CaptureSource):
        source.set_property(cv2.CAP_PROP_BUFFERSIZE, 1)
        source.set_property(cv2.CAP_PROP_FPS, CAMERA_FPS)
