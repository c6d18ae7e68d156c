"""The calibration window with the real pose model on real pictures: the live preview shows the
skeleton where the landmarks are, the framing advice follows the picture, and a calibration is
reviewed over the picture, then saved as a profile that a real `status` names."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from posture.adapters.mediapipe_pose import MediaPipePose
from posture.adapters.opencv_imaging import POINT_BGR, VISIBLE
from posture.adapters.opencv_sources import open_source
from posture.config.schema import Config
from posture.core.landmarks import LM
from posture.desktop.windows.calibration import TWO_PEOPLE, CalibrationWindow
from posture.desktop.windows.opening import open_calibration_window
from posture.desktop.windows.pictures import BASELINE_BGR
from tests.support.monitor_process import Sandbox, long_video, wait_for
from tests.support.stream_server import stream_server
from tests.support.videos import frames_of, load, write_video

pytestmark = pytest.mark.e2e  # the real pose model: the slow suite

UPRIGHT = "slouching-or-not/low-isSlouching__high-notSlouching/notSlouching"


def rgb_of(image: QImage) -> np.ndarray:
    """A grabbed widget picture as an (h, w, 3) RGB array."""
    converted = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = converted.width(), converted.height()
    data = np.frombuffer(converted.constBits(), np.uint8, converted.sizeInBytes())
    rows = data.reshape(height, converted.bytesPerLine())
    return rows[:, : width * 3].reshape(height, width, 3).copy()


def near(pixels: np.ndarray, bgr: tuple[int, int, int], tolerance: int = 40) -> np.ndarray:
    """Where `pixels` (RGB) are within `tolerance` of the OpenCV colour `bgr`."""
    want = np.array(bgr[::-1])
    return np.abs(pixels.astype(int) - want).max(axis=-1) <= tolerance


@pytest.fixture
def window(
    qtbot: QtBot, lite_model: Path, shared_data: Path, tmp_path: Path
) -> Iterator[CalibrationWindow]:
    made: list[CalibrationWindow] = []

    def opened(source: Path, folder: Path | None = None) -> CalibrationWindow:
        shown = open_calibration_window(
            folder=folder or tmp_path / "data",
            settings=Config(),
            source=str(source),
            model_path=lite_model,
            profile="desk",
            countdown_s=1,
        )
        qtbot.addWidget(shown)
        made.append(shown)
        return shown

    yield opened  # type: ignore[misc]
    for shown in made:
        shown.close()


def test_the_live_picture_shows_the_skeleton_where_the_landmarks_are(
    window: object, qtbot: QtBot, shared_data: Path
) -> None:
    picture = shared_data / "portraits" / "astronaut.png"
    shown: CalibrationWindow = window(picture)  # type: ignore[operator]
    qtbot.waitUntil(lambda: len(shown.last_poses) == 1, timeout=30_000)
    pose = shown.last_poses[0]
    pixmap = shown.picture.pixmap()
    qtbot.waitUntil(lambda: shown.picture.width() >= pixmap.width(), timeout=5_000)
    grabbed = rgb_of(shown.picture.grab().toImage())
    raw = cv2.imread(str(picture))[..., ::-1]
    scale = shown.display_scale
    checked = 0
    for lm in (LM.NOSE, LM.LEFT_SHOULDER, LM.RIGHT_SHOULDER, LM.LEFT_EAR, LM.RIGHT_EAR):
        if pose.visibility(lm) < VISIBLE:
            continue
        x, y = (round(v * scale) for v in pose.xy(lm))
        around = grabbed[max(0, y - 4) : y + 5, max(0, x - 4) : x + 5]
        # The joint's own colour (antialiasing and scaling move it a few levels at most) ...
        assert near(around, POINT_BGR, 10).sum() >= 4, f"no joint drawn at {lm.name} ({x}, {y})"
        rx, ry = (round(v) for v in pose.xy(lm))
        # ... which the photo itself (an orange suit) does not have there.
        assert not near(raw[max(0, ry - 4) : ry + 5, max(0, rx - 4) : rx + 5], POINT_BGR, 10).any()
        checked += 1
    assert checked >= 3
    assert shown.advice == []  # a well lit upright portrait: nothing to fix
    assert shown.advice_label.text() == "The picture is fine."


def test_the_advice_says_two_people_and_too_dark(
    window: object, qtbot: QtBot, shared_data: Path, tmp_path: Path
) -> None:
    crowd: CalibrationWindow = window(shared_data / "portraits" / "three_people.jpg")  # type: ignore[operator]
    qtbot.waitUntil(lambda: len(crowd.last_poses) > 1, timeout=30_000)
    assert TWO_PEOPLE in crowd.advice_label.text()

    dark = tmp_path / "dark.png"  # the same upright portrait at dusk with the light off
    image = cv2.imread(str(shared_data / "portraits" / "astronaut.png"))
    cv2.imwrite(str(dark), (image * 0.12).astype(np.uint8))
    dim: CalibrationWindow = window(dark)  # type: ignore[operator]
    qtbot.waitUntil(lambda: any("too dim" in a for a in dim.advice), timeout=30_000)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    box = Sandbox(tmp_path / "box").prepare()
    try:
        yield box
    finally:
        box.kill_leftovers()


def test_a_reviewed_calibration_is_saved_and_status_names_it(
    window: object,
    qtbot: QtBot,
    shared_data: Path,
    sandbox: Sandbox,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    shown: CalibrationWindow = window(shared_data / UPRIGHT, sandbox.data_dir)  # type: ignore[operator]
    qtbot.waitUntil(lambda: bool(shown.last_poses), timeout=30_000)
    qtbot.mouseClick(shown.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Starting in 1" in shown.prompt.text(), timeout=10_000)
    qtbot.waitUntil(lambda: shown.state == "review", timeout=60_000)
    assert shown.baseline is not None and shown.baseline.frames >= 5
    # The captured baseline is drawn over the picture before anything is saved.
    assert near(rgb_of(shown.picture.grab().toImage()), BASELINE_BGR, 30).sum() > 50
    assert shown.save_button.isVisible() and shown.name.isEnabled()
    shown.name.setText("desk-at-home")
    qtbot.mouseClick(shown.save_button, Qt.MouseButton.LeftButton)
    assert "Saved profile 'desk-at-home'" in shown.advice_label.text()

    video = long_video(tmp_path_factory, shared_data)
    sandbox.replay_in_background(video)
    wait_for(lambda: sandbox.status_file().get("profile"), 60, "the profile in the status")
    status = sandbox.cli("status")
    assert status.returncode == 0, status.stderr
    assert "Profile:    desk-at-home" in status.stdout, status.stdout
    assert sandbox.cli("stop").returncode == 0


def test_a_source_that_ends_starts_over(shared_data: Path) -> None:
    source = open_source(str(shared_data / "portraits" / "astronaut.png"))
    assert source.read() is not None and source.read() is None  # what the preview restarts on
    source.close()


def test_a_refused_calibration_says_why_and_the_phases_hook_sees_every_sample(
    qtbot: QtBot, lite_model: Path, shared_data: Path
) -> None:
    crowd = str(shared_data / "portraits" / "three_people.jpg")
    seen: list[dict[str, int]] = []
    estimator = MediaPipePose(lite_model, mode="image", num_poses=2)
    shown = CalibrationWindow(
        open_source=lambda: open_source(crowd),
        estimator=estimator,
        thresholds=Config().thresholds,
        save_profile=lambda name, baseline: pytest.fail("a refused calibration is not saved"),
        countdown_s=0,
        phases_done=lambda phases: seen.append({k: len(v) for k, v in phases.items()}),
        owns_estimator=True,
    )
    qtbot.addWidget(shown)
    shown.show()
    qtbot.mouseClick(shown.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "did not work" in shown.advice_label.text(), timeout=30_000)
    assert "more than one person was in view" in shown.advice_label.text()
    assert seen == [{"upright": 1}]  # the one picture, sampled once, handed to the hook
    assert shown.state == "preview" and shown.baseline is None
    assert shown.start_button.isEnabled() and not shown.save_button.isVisible()
    shown.close()


def test_the_countdown_shows_as_soon_as_start_is_pressed(
    qtbot: QtBot, lite_model: Path, shared_data: Path
) -> None:
    # A slow camera's next frame may come after the countdown's first second: the countdown
    # must not wait for it to show (it did, and a one-second countdown could go unseen).
    sitter = str(shared_data / "portraits" / "astronaut.png")
    shown = CalibrationWindow(
        open_source=lambda: open_source(sitter),
        estimator=MediaPipePose(lite_model, mode="image"),
        thresholds=Config().thresholds,
        save_profile=lambda name, baseline: None,
        countdown_s=3,
        owns_estimator=True,
    )
    qtbot.addWidget(shown)
    shown.show()
    qtbot.mouseClick(shown.start_button, Qt.MouseButton.LeftButton)
    assert shown.state == "countdown"
    assert "Starting in 3..." in shown.prompt.text(), shown.prompt.text()  # before any tick
    qtbot.waitUntil(lambda: "Starting in 1..." in shown.prompt.text(), timeout=10_000)
    shown.close()


def test_a_live_camera_counts_down_then_samples_on_the_wall_clock(
    window: object, qtbot: QtBot, shared_data: Path, tmp_path: Path
) -> None:
    video = tmp_path / "upright.avi"
    write_video(video, [(load(frames_of(shared_data, "notSlouching")[:5]), 20)])
    with stream_server(video, size="224:224") as camera:
        shown: CalibrationWindow = window(camera.url)  # type: ignore[operator]
        qtbot.waitUntil(lambda: len(shown.last_poses) == 1, timeout=60_000)
        clicked = time.monotonic()
        qtbot.mouseClick(shown.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Starting in 1" in shown.prompt.text(), timeout=10_000)
        qtbot.waitUntil(lambda: shown.state == "sampling", timeout=10_000)
        qtbot.waitUntil(lambda: shown.state == "review", timeout=60_000)
        took_s = time.monotonic() - clicked
    # One second of countdown and five of sampling at five frames a second, on the wall clock.
    assert took_s >= 6.0
    assert shown.baseline is not None and 10 <= shown.baseline.frames <= 30
