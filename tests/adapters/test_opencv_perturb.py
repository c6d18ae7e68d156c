"""The benign perturbations `evaluate --perturb` applies, on a real picture."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from posture.adapters.opencv_images import read_image_file
from posture.adapters.opencv_perturb import (
    APPLIES_TO_CALIBRATION,
    DARK_FACTOR,
    NOISE_SIGMA,
    PERTURBATIONS,
    SHIFT_CROP_FRAC,
    perturb,
)
from posture.cli.main import build_parser


@pytest.fixture(scope="module")
def picture(shared_data: Path) -> np.ndarray:
    return read_image_file(shared_data / "portraits" / "astronaut.png")


@pytest.mark.parametrize("name", sorted(PERTURBATIONS))
def test_the_command_line_offers_every_perturbation(name: str) -> None:
    args = build_parser().parse_args(["evaluate", "labels.csv", "--perturb", name])
    assert args.perturb == name


def test_the_command_line_offers_nothing_else(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["evaluate", "labels.csv", "--perturb", "sepia"])
    assert "mirror" in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(PERTURBATIONS))
def test_each_change_keeps_an_8_bit_colour_picture(picture: np.ndarray, name: str) -> None:
    out = perturb(name, picture)
    assert out.dtype == np.uint8 and out.ndim == 3 and out.flags["C_CONTIGUOUS"]
    assert not np.array_equal(out, picture)


def test_mirror_twice_is_the_picture(picture: np.ndarray) -> None:
    assert np.array_equal(perturb("mirror", perturb("mirror", picture)), picture)
    assert np.array_equal(perturb("mirror", picture)[:, 0], picture[:, -1])


def test_dark_scales_every_value(picture: np.ndarray) -> None:
    out = perturb("dark", picture).astype(float)
    assert np.abs(out - picture * DARK_FACTOR).max() <= 0.5 + 1e-9


def test_noise_has_its_sigma_and_is_the_same_every_run(picture: np.ndarray) -> None:
    grey = np.full_like(picture, 128)
    noisy = perturb("noise", grey).astype(float)
    assert noisy.std() == pytest.approx(NOISE_SIGMA, rel=0.05)
    assert np.array_equal(perturb("noise", grey), perturb("noise", grey))


def test_jpeg_and_blur_keep_the_size(picture: np.ndarray) -> None:
    for name in ("jpeg", "blur"):
        assert perturb(name, picture).shape == picture.shape


def test_blur_grows_with_the_picture() -> None:
    """Sigma is the long side over 640, so a larger picture is blurred proportionally more."""
    edge = np.zeros((64, 1280, 3), np.uint8)
    edge[:, 640:] = 255
    row = perturb("blur", edge)[32, :, 0].astype(float)
    small_row = perturb("blur", np.ascontiguousarray(edge[:, ::4]))[32, :, 0].astype(float)
    spread = np.count_nonzero((row > 10) & (row < 245))
    small_spread = np.count_nonzero((small_row > 10) & (small_row < 245))
    assert spread > small_spread


def test_shift_cuts_a_strip_off_one_side(picture: np.ndarray) -> None:
    out = perturb("shift", picture)
    cut = round(picture.shape[1] * SHIFT_CROP_FRAC)
    assert out.shape == (picture.shape[0], picture.shape[1] - cut, 3)
    assert np.array_equal(out, picture[:, cut:])


def test_only_a_mirror_changes_the_calibration_frames_too() -> None:
    assert frozenset({"mirror"}) == APPLIES_TO_CALIBRATION
