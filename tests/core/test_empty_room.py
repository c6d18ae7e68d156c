"""The empty room, on real pictures: the same empty office through a webcam's noise and JPEG
is "still"; the sitter in view, or the light changed, is not; nor is anything after
`RECHECK_S` or after the model found someone."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from posture.core.empty_room import RECHECK_S, EmptyRoom, after_look
from tests.support.videos import empty_scene, frames_of, load


def _as_webcam(image: np.ndarray, seed: int, quality: int = 80) -> np.ndarray:
    """`image` with sensor noise (sigma 3 levels), through a webcam's JPEG."""
    rng = np.random.default_rng(seed)
    noisy = np.clip(image + rng.normal(0.0, 3.0, image.shape), 0, 255).astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", noisy, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.imdecode(jpeg, cv2.IMREAD_COLOR)


@pytest.fixture
def office(shared_data: Path) -> np.ndarray:
    return cv2.resize(empty_scene(shared_data), (640, 480), interpolation=cv2.INTER_CUBIC)


def test_the_same_empty_office_is_still_through_noise_and_jpeg(office: np.ndarray) -> None:
    room = after_look(_as_webcam(office, 0), found_anyone=False, now_s=100.0)
    for seed in range(1, 8):
        assert room.still(_as_webcam(office, seed, quality=60 + 5 * seed), 100.0 + seed)


def test_the_sitter_in_view_is_never_still(shared_data: Path, office: np.ndarray) -> None:
    room = after_look(office, found_anyone=False, now_s=0.0)
    for label in ("notSlouching", "isSlouching"):
        for picture in load(frames_of(shared_data, label)):
            sitter = cv2.resize(picture, (640, 480), interpolation=cv2.INTER_CUBIC)
            assert not room.still(sitter, 3.0)


def test_the_light_changing_asks_the_model_again(office: np.ndarray) -> None:
    room = after_look(office, found_anyone=False, now_s=0.0)
    dimmer = (office * 0.7).astype(np.uint8)
    assert not room.still(dimmer, 3.0)


def test_the_model_is_asked_again_after_a_while_or_after_it_found_someone(
    office: np.ndarray,
) -> None:
    room = after_look(office, found_anyone=False, now_s=0.0)
    assert room.still(office, RECHECK_S - 0.1)
    assert not room.still(office, RECHECK_S)
    assert not room.still(office, -1.0)  # a clock that went back
    assert not after_look(office, found_anyone=True, now_s=0.0).still(office, 1.0)
    assert not EmptyRoom().still(office, 1.0)
    assert not room.still(cv2.resize(office, (320, 240)), 1.0)  # another camera size
