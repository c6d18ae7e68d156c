"""The MJPEG stream reader: newest frame only, decoded no larger than the model needs."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from posture.adapters.mediapipe_pose import MediaPipePose
from posture.adapters.mjpeg_stream import JpegDecoder, MjpegStream, reduction_for
from posture.adapters.opencv_camera import LiveCamera
from posture.adapters.opencv_sources import open_source
from posture.core.frame import Frame
from tests.support.stamped_stream import stamp, stamp_s, stamped_stream
from tests.support.videos import frames_of, load

UPPER_BODY = [0, 2, 5, 7, 8, 11, 12]  # nose, eyes, ears, shoulders


def test_reduction_keeps_the_model_size() -> None:
    assert reduction_for(640, 640) == 1
    assert reduction_for(1280, 640) == 2
    assert reduction_for(1920, 640) == 2
    assert reduction_for(2592, 640) == 4
    assert reduction_for(5120, 640) == 8
    assert reduction_for(1280, 320) == 4


def test_the_decoder_gives_opencvs_pixels(shared_data: Path) -> None:
    # The faster decoder must not change what the model sees: byte for byte what
    # cv2.imdecode gives, whole and at 1/2, on real frames of two sitters.
    pictures = load(frames_of(shared_data, "notSlouching"))[:2]
    pictures += load(frames_of(shared_data, "isSlouching"))[:2]
    sizes = (((640, 480), cv2.IMREAD_COLOR), ((1280, 960), cv2.IMREAD_REDUCED_COLOR_2))
    for picture in pictures:
        for size, flag in sizes:
            resized = cv2.resize(picture, size)
            jpeg = cv2.imencode(".jpg", resized, [cv2.IMWRITE_JPEG_QUALITY, 85])[1]
            ours = JpegDecoder(640).decode(jpeg.tobytes())
            theirs = cv2.imdecode(jpeg, flag)
            assert ours is not None and ours.dtype == np.uint8
            assert ours.shape == theirs.shape == (480, 640, 3)
            assert np.array_equal(ours, theirs)


def test_the_decoder_refuses_what_is_not_a_whole_jpeg() -> None:
    picture = np.random.default_rng(3).integers(0, 256, (480, 640, 3), dtype=np.uint8)
    jpeg = cv2.imencode(".jpg", picture)[1].tobytes()
    decoder = JpegDecoder(640)
    assert decoder.decode(b"--boundary\r\n not a picture") is None
    assert decoder.decode(jpeg[: len(jpeg) // 2]) is None  # cut short: no half-grey frame
    assert decoder.decode(b"") is None
    grey = decoder.decode(cv2.imencode(".jpg", picture[:, :, 0])[1].tobytes())
    assert grey is not None and grey.shape == (480, 640, 3)
    # A camera that changes its size mid-stream is decoded at the new size's reduction.
    hd = decoder.decode(cv2.imencode(".jpg", cv2.resize(picture, (1920, 1080)))[1].tobytes())
    assert hd is not None and hd.shape == (540, 960, 3) and decoder.factor == 2
    small = decoder.decode(jpeg)
    assert small is not None and small.shape == (480, 640, 3) and decoder.factor == 1


def _picture(shared_data: Path, size: tuple[int, int]) -> np.ndarray:
    sitter = load(frames_of(shared_data, "notSlouching"))[0]
    return cv2.resize(sitter, size, interpolation=cv2.INTER_CUBIC)


@pytest.mark.e2e
def test_each_look_judges_the_newest_frame_of_a_live_stream(shared_data: Path) -> None:
    # Issue 12: read at one look a second, a 30 fps stream's backlog served frames seconds
    # old. Each frame here carries its send time; the judged one must be at most 0.5 s old.
    with stamped_stream(_picture(shared_data, (640, 480)), fps=30) as server:
        camera = LiveCamera(server.url)
        ages = []
        pace = threading.Event()  # the monitor's one look a second: wall time must pass
        try:
            for _ in range(8):
                frame = camera.frame_at(time.time())
                assert isinstance(frame, Frame)
                judged_s = time.time()
                ages.append(judged_s - stamp_s(frame.image, judged_s))
                assert frame.image.shape == (480, 640, 3)
                pace.wait(1.0)
        finally:
            camera.close()
        assert server.sent >= 8 * 20  # the camera really sent a 30 fps stream meanwhile
    assert max(ages) <= 0.5, [round(a, 2) for a in ages]
    assert min(ages) >= -0.05  # the stamps read back are real times


@pytest.mark.e2e
def test_an_hd_stream_is_decoded_at_the_model_size(shared_data: Path) -> None:
    with stamped_stream(_picture(shared_data, (1280, 960)), fps=15) as server:
        source = open_source(server.url)
        try:
            assert isinstance(source, MjpegStream)
            first, second = source.read(), source.read()
        finally:
            source.close()
    assert isinstance(first, Frame) and isinstance(second, Frame)
    # 1/2 straight from the JPEG (the first frame's header tells the size).
    assert first.image.shape == second.image.shape == (480, 640, 3)
    assert source.factor == 2
    assert abs(stamp_s(second.image, time.time()) - second.time_s) < 0.5


@pytest.mark.e2e
def test_landmarks_from_a_reduced_decode_match_the_full_decode(
    shared_data: Path, lite_model: Path
) -> None:
    # The model is given at most 640 px either way: decoding an HD JPEG at 1/2 replaces the
    # full decode plus the adapter's shrink. The upper body must land where it did.
    seated = cv2.imread(str(shared_data / "pose-reference" / "seated_test_image.jpg"))
    sitter = load(frames_of(shared_data, "notSlouching"))[0]
    worst = []
    for picture in (seated, sitter):
        height, width = picture.shape[:2]
        hd = cv2.resize(picture, (1280, round(1280 * height / width)), cv2.INTER_CUBIC)
        jpeg = np.frombuffer(cv2.imencode(".jpg", hd)[1].tobytes(), np.uint8)
        factor = reduction_for(1280, 640)
        full = cv2.imdecode(jpeg, cv2.IMREAD_COLOR)
        reduced = JpegDecoder(640).decode(jpeg.tobytes())
        assert reduced is not None
        found = []
        for image, scale in ((full, 1.0), (reduced, float(factor))):
            model = MediaPipePose(lite_model, mode="image", max_side_px=640)
            try:
                poses = model.detect(image, 0.0)
            finally:
                model.close()
            assert poses
            found.append(poses[0].image[UPPER_BODY, :2] * scale)
        shoulder_px = float(np.hypot(*(found[0][5] - found[0][6])))
        worst.append(float(np.abs(found[0] - found[1]).max()) / shoulder_px)
    # 0.02 shoulder widths: a quarter of the smallest slouch threshold (0.08).
    assert max(worst) <= 0.02, worst


def test_stamps_read_back() -> None:
    picture = np.full((240, 320, 3), 90, np.uint8)
    now = time.time()
    image = cv2.imdecode(cv2.imencode(".jpg", stamp(picture, now))[1], cv2.IMREAD_REDUCED_COLOR_4)
    assert abs(stamp_s(image, now + 3.0) - now) < 0.002
