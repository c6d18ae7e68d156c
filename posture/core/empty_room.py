"""The empty room: while nobody is in view, a look that sees the room as it was when the model
last found nobody needs no model run to say so.

Away from the desk, a look every few seconds would run the pose model on the same empty chair
each time (about 12 ms of a core a look). Instead the picture is compared, on a small copy, with
the one the model last found empty: when hardly a pixel has changed, nobody has come; when a
person walks in (or the light changes) many pixels change at once and the model is asked again.
The model is still asked at least every `RECHECK_S`, whatever the comparison says. Numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from posture.core.frame import Image

# The small copy's long side, in pixels (every n-th pixel of the frame: microseconds).
THUMBNAIL_SIDE_PX = 80
# A pixel has changed when a colour moved by more than this (of 255): well past sensor noise
# and JPEG artefacts, well short of a person against a wall.
PIXEL_CHANGE = 25
# The room is as it was while at most this share of the small copy's pixels changed.
CHANGED_SHARE_MAX = 0.01
# However still the room looks, the model looks again after this long.
RECHECK_S = 30.0


def thumbnail(image: Image) -> npt.NDArray[np.int16]:
    """Every n-th pixel of `image`, about `THUMBNAIL_SIDE_PX` on the long side."""
    step = max(1, max(image.shape[:2]) // THUMBNAIL_SIDE_PX)
    return image[::step, ::step].astype(np.int16)


@dataclass(frozen=True)
class EmptyRoom:
    """The last picture the model found nobody in, and when (None: no such picture now)."""

    picture: npt.NDArray[np.int16] | None = None
    seen_s: float = 0.0
    shape: tuple[int, ...] = ()  # the frame's own shape: another one is another camera

    def still(self, image: Image, now_s: float) -> bool:
        """True when `image` shows the room as it was, recently enough to skip the model."""
        if self.picture is None or not 0.0 <= now_s - self.seen_s < RECHECK_S:
            return False
        if image.shape != self.shape:
            return False
        small = thumbnail(image)
        moved = np.abs(small - self.picture)
        if moved.ndim == 3:
            moved = moved.max(axis=-1)
        return float(np.mean(moved > PIXEL_CHANGE)) <= CHANGED_SHARE_MAX


def after_look(image: Image, found_anyone: bool, now_s: float) -> EmptyRoom:
    """What to compare the next look with, after the model looked at `image`."""
    return EmptyRoom() if found_anyone else EmptyRoom(thumbnail(image), now_s, image.shape)
