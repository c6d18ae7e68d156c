"""Picture headers: the size a file claims is read right, and a picture too large is refused
before anything is decoded (a 57-byte PNG claiming 50000x50000, a real decompression bomb)."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import cv2
import pytest

from posture.adapters.opencv_images import ImageFiles, read_image_file
from posture.adapters.opencv_sources import open_source
from posture.adapters.picture_header import MAX_PIXELS, declared_size, too_many_pixels
from posture.core.frame import BadFrame, Skipped
from posture.errors import UserError
from tests.support.hostile_files import claims_huge_png, png_bomb

SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp"}


def test_the_declared_size_is_the_decoded_size_for_every_shared_picture(
    shared_data: Path, tmp_path: Path
) -> None:
    pictures = sorted(p for p in shared_data.rglob("*") if p.suffix.lower() in SUFFIXES)
    # BMP is in no shared set: write one from a real picture, in both row orders OpenCV reads.
    portrait = cv2.imread(str(shared_data / "portraits" / "portrait.jpg"))
    cv2.imwrite(str(tmp_path / "portrait.bmp"), portrait)
    pictures.append(tmp_path / "portrait.bmp")
    assert len(pictures) > 60
    for path in pictures:
        decoded = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
        assert declared_size(path.read_bytes()) == (decoded.shape[1], decoded.shape[0]), path


def test_a_tiny_png_claiming_50000_squared_is_refused_by_name(tmp_path: Path) -> None:
    path = claims_huge_png(tmp_path / "claims.png")
    assert path.stat().st_size == 57
    with pytest.raises(BadFrame, match="claims 50000x50000 pixels"):
        read_image_file(path)


def test_a_folder_skips_the_huge_picture_and_reads_the_rest(
    shared_data: Path, tmp_path: Path
) -> None:
    claims_huge_png(tmp_path / "a_claims.png")
    good = tmp_path / "b_astronaut.png"
    good.write_bytes((shared_data / "portraits" / "astronaut.png").read_bytes())
    source = open_source(str(tmp_path))
    assert isinstance(source, ImageFiles)
    first, second = source.read(), source.read()
    assert isinstance(first, Skipped) and "a_claims.png claims 50000x50000" in first.reason
    assert not isinstance(second, Skipped) and second is not None
    assert second.image.shape == (512, 512, 3)


def test_a_huge_picture_given_alone_is_one_sentence(tmp_path: Path) -> None:
    path = claims_huge_png(tmp_path / "claims.png")
    with pytest.raises(UserError, match=r"claims\.png claims 50000x50000 pixels"):
        open_source(str(path))


def test_the_limit_is_the_pixel_count() -> None:
    assert too_many_pixels(b"") is None
    assert MAX_PIXELS >= 4000 * 3000 * 8  # far above any webcam or phone picture


@pytest.mark.e2e  # builds a 900-megapixel PNG (seconds of zlib)
def test_a_decompression_bomb_is_refused_without_decoding(tmp_path: Path) -> None:
    bomb = png_bomb(tmp_path / "bomb.png")
    assert bomb.stat().st_size < 1_000_000
    before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(BadFrame, match="claims 30000x30000 pixels"):
        read_image_file(bomb)
    assert time.monotonic() - started < 1.0
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before_kb) / 1024
    assert grown_mb < 100  # decoded, it would be 900 MB grey, 2.7 GB as BGR
