"""A blank frame (a closed privacy shutter, a covered lens) is told from a picture at a glance."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from posture.core.frame import BLANK_MEAN_MAX, BLANK_STD_MAX, BadFrame, is_blank
from tests.support.videos import frames_of, load


def _reference(image: np.ndarray) -> tuple[float, float]:
    """The sample's mean and largest channel deviation, the plain numpy way."""
    small = image[:: max(1, image.shape[0] // 48), :: max(1, image.shape[1] // 64)]
    channels = small.reshape(-1, small.shape[2] if small.ndim == 3 else 1).astype(np.float64)
    return float(channels.mean()), float(channels.std(axis=0).max())


def test_real_frames_are_not_blank_and_agree_with_plain_numpy(shared_data: Path) -> None:
    for image in load(frames_of(shared_data, "notSlouching"))[:3]:
        mean, std = _reference(image)
        assert mean >= BLANK_MEAN_MAX and std >= BLANK_STD_MAX
        assert not is_blank(image)


@pytest.mark.parametrize(
    ("mean", "spread", "blank"),
    [
        (0, 0, True),  # a closed shutter
        (BLANK_MEAN_MAX / 2, 10, True),  # dark, whatever its noise
        (128, 0, True),  # a flat grey card over the lens
        (128, BLANK_STD_MAX * 0.5, True),  # grey with a little sensor noise
        (128, BLANK_STD_MAX * 4, False),  # something with texture
        (BLANK_MEAN_MAX + 10, BLANK_STD_MAX * 4, False),  # a dim room is still a room
    ],
)
def test_blank_frames_are_told_by_mean_and_spread(mean: float, spread: float, blank: bool) -> None:
    rng = np.random.default_rng(7)
    image = np.clip(rng.normal(mean, spread, (480, 640, 3)), 0, 255).astype(np.uint8)
    ref_mean, ref_std = _reference(image)
    assert (ref_mean < BLANK_MEAN_MAX or ref_std < BLANK_STD_MAX) is blank  # the case is real
    assert is_blank(image) is blank


def test_one_bright_channel_is_not_blank_and_grey_pictures_work() -> None:
    image = np.zeros((480, 640, 3), np.uint8)
    image[:, ::3, 2] = 255  # red stripes on black: only one channel varies
    assert not is_blank(image)
    assert is_blank(np.zeros((120, 160), np.uint8))
    with pytest.raises(BadFrame):
        is_blank(np.zeros((0, 0, 3), np.uint8))
