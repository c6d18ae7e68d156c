"""What to fix before calibrating: nobody in view, shoulders out of view, too little light."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from posture.core.landmarks import LM
from posture.setup.framing_advice import DIM_MEAN, brightness, framing_advice
from tests.support.poses import upright_pose, with_visibility

LIT = np.full((480, 640, 3), 120, np.uint8)
DARK = np.full((480, 640, 3), 20, np.uint8)


@pytest.mark.parametrize(
    ("pose", "image", "expected"),
    [
        (upright_pose(), LIT, []),
        (None, LIT, ["Nobody"]),
        (with_visibility(upright_pose(), LM.LEFT_SHOULDER, 0.2), LIT, ["shoulders"]),
        (with_visibility(upright_pose(), LM.RIGHT_SHOULDER, 0.49), LIT, ["shoulders"]),
        (upright_pose(), DARK, ["too dim"]),
        (with_visibility(upright_pose(), LM.LEFT_SHOULDER, 0.1), DARK, ["shoulders", "too dim"]),
        (None, DARK, ["Nobody", "too dim"]),
    ],
)
def test_framing_advice(pose: Any, image: np.ndarray, expected: list[str]) -> None:
    advice = framing_advice(pose, image)
    assert len(advice) == len(expected)
    for line, words in zip(advice, expected, strict=True):
        assert words in line


def test_brightness_uses_luma_and_the_documented_level(shared_data: Path) -> None:
    import cv2

    assert brightness(np.zeros((10, 10, 3), np.uint8)) == 0
    assert brightness(np.full((10, 10, 3), 255, np.uint8)) == pytest.approx(255)
    green = np.zeros((10, 10, 3), np.uint8)
    green[..., 1] = 100
    assert brightness(green) == pytest.approx(58.7)
    # The darkest real frames in the data still count as lit (they work well with the model).
    dusk = next((shared_data / "slouching-or-not").rglob("*.jpg"))
    assert brightness(cv2.imread(str(dusk))) > DIM_MEAN
