"""Frame sources: every kind a user can name, with real files and a real loopback stream."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from posture.adapters.opencv_images import ImageFiles
from posture.adapters.opencv_pixels import normalize_image
from posture.adapters.opencv_sources import CaptureSource, open_source
from posture.core.frame import BadFrame, Frame, Skipped
from posture.errors import UserError
from posture.ports import FrameSource
from tests.support.stream_server import free_port


def test_missing_path_is_one_clear_sentence(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file or folder"):
        open_source(str(tmp_path / "nope.mp4"))


def test_camera_that_does_not_exist_is_refused() -> None:
    with pytest.raises(UserError, match="camera 9 could not be opened"):
        open_source("9")


def test_text_file_is_not_a_video(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(UserError, match="not a video or picture"):
        open_source(str(path))


def test_folder_yields_good_images_and_explains_bad_ones(shared_data: Path, tmp_path: Path) -> None:
    shutil.copy(shared_data / "portraits" / "portrait.jpg", tmp_path / "a.jpg")
    data = (shared_data / "portraits" / "portrait.jpg").read_bytes()
    (tmp_path / "b_truncated.jpg").write_bytes(data[: len(data) // 2])
    (tmp_path / "c_notes.txt").write_text("not a picture")
    items = []
    source = open_source(str(tmp_path))
    assert isinstance(source, ImageFiles)
    while (item := source.read()) is not None:
        items.append(item)
    assert isinstance(items[0], Frame) and items[0].image.shape[2] == 3
    assert isinstance(items[1], Skipped) and "truncated JPEG" in items[1].reason
    assert isinstance(items[2], Skipped) and "not a picture" in items[2].reason


@pytest.mark.parametrize(
    ("image", "shape"),
    [
        (np.zeros((10, 20), np.uint8), (10, 20, 3)),
        (np.zeros((10, 20, 1), np.uint8), (10, 20, 3)),
        (np.zeros((10, 20, 4), np.uint8), (10, 20, 3)),
        (np.full((10, 20, 3), 65535, np.uint16), (10, 20, 3)),
        (np.zeros((10, 20, 3), np.float32), (10, 20, 3)),
    ],
)
def test_any_picture_layout_becomes_8bit_bgr(image: np.ndarray, shape: tuple[int, ...]) -> None:
    out = normalize_image(image)
    assert out.shape == shape and out.dtype == np.uint8


def test_sixteen_bit_keeps_brightness() -> None:
    assert normalize_image(np.full((2, 2, 3), 65535, np.uint16)).max() == 255


def test_huge_picture_is_shrunk_not_refused() -> None:
    out = normalize_image(np.zeros((6000, 8000, 3), np.uint8), max_side_px=1920)
    assert out.shape == (1440, 1920, 3)


@pytest.mark.parametrize("image", [np.zeros((0, 0, 3), np.uint8), np.zeros((4,), np.uint8)])
def test_empty_or_odd_pictures_are_refused_with_a_reason(image: np.ndarray) -> None:
    with pytest.raises(BadFrame, match="empty"):
        normalize_image(image)


def test_video_file_uses_its_own_clock_and_skip_does_not_decode(shared_data: Path) -> None:
    source = open_source(str(shared_data / "pose-reference" / "pose_squats.mp4"))
    assert isinstance(source, CaptureSource) and not source.live
    first = source.read()
    assert isinstance(first, Frame) and first.time_s == 0.0 and first.index == 0
    assert source.skip() and source.skip()
    third = source.read()
    assert isinstance(third, Frame) and third.index == 3
    assert third.time_s == pytest.approx(0.6, abs=1e-3)
    source.close()


def serve_mjpeg(video: Path, port: int) -> subprocess.Popen[bytes]:
    """ffmpeg serving a real video as MJPEG over HTTP on loopback, like an IP camera."""
    if shutil.which("ffmpeg") is None:
        pytest.fail("ffmpeg is not installed; scripts/test installs it")
    return subprocess.Popen(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-re",
            "-stream_loop",
            "-1",
            "-i",
            str(video),
            "-vf",
            "scale=360:640",
            "-c:v",
            "mjpeg",
            "-q:v",
            "5",
            "-f",
            "mpjpeg",
            "-listen",
            "1",
            f"http://127.0.0.1:{port}/cam.mjpg",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def open_when_ready(url: str, timeout_s: float = 15.0) -> FrameSource:
    """The server needs a moment to listen; the first successful open wins."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return open_source(url)
        except UserError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def mjpeg_stream(shared_data: Path) -> Iterator[str]:
    port = free_port()
    proc = serve_mjpeg(shared_data / "pose-reference" / "pose_squats.mp4", port)
    try:
        yield f"http://127.0.0.1:{port}/cam.mjpg"
    finally:
        proc.kill()
        proc.wait()


def test_network_stream_frames_carry_the_wall_clock(mjpeg_stream: str) -> None:
    before = time.time()
    source = open_when_ready(mjpeg_stream)
    assert source.live
    frames = []
    while len(frames) < 3:
        item = source.read()
        assert item is not None
        assert isinstance(item, Frame)
        frames.append(item)
    source.close()
    assert frames[0].image.shape == (640, 360, 3)
    assert before <= frames[0].time_s <= frames[-1].time_s <= time.time()
    assert cv2.mean(frames[-1].image)[0] > 0
