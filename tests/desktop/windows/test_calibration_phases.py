"""The calibration window's optional phases with the real lite model on real frames: after the
upright capture, "Show me your usual slouch" samples real slouch frames of `slouching-or-not`
(per its labels.csv folders), learns through the phase API, says so in the review and saves the
profile with it; with no phase chosen the profile is today's upright one alone.

The source is the seam: as a person in front of the camera does what the window asks, it shows
the upright frames, then the slouch frames once the window asks for the slouch.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posture.adapters.mediapipe_pose import MediaPipePose
from posture.adapters.opencv_sources import open_source
from posture.adapters.sqlite.store import SqliteStore
from posture.config.schema import Config
from posture.core.folder_layout import DataFolder
from posture.desktop.windows.calibration import CalibrationWindow
from posture.desktop.windows.opening import profile_saver
from posture.desktop.windows.phase_choice import CHOICES
from posture.ports import FrameSource
from tests.support.videos import SESSION_B

pytestmark = pytest.mark.e2e  # the real pose model: the slow suite

SLOUCH_CHOICE = [label for label, names in CHOICES].index("Show me your usual slouch")


@pytest.fixture
def estimator(lite_model: Path) -> Iterator[MediaPipePose]:
    est = MediaPipePose(lite_model, mode="image", num_poses=2)
    yield est
    est.close()


def calibrated(
    qtbot: QtBot,
    estimator: MediaPipePose,
    folder: Path,
    upright: Path,
    asked_slouch: Path,
    choose_slouch: bool,
) -> tuple[CalibrationWindow, dict[str, object]]:
    """Calibrate in the window (the slouch phase checked or not), save as 'desk', and return
    the window and the profile as stored in the real history."""
    shown: CalibrationWindow

    def camera() -> FrameSource:  # what the person shows: a slouch once asked for one
        asked = "usual slouch" in shown.prompt.text()
        return open_source(str(asked_slouch if asked else upright))

    shown = CalibrationWindow(
        open_source=camera,
        estimator=estimator,
        thresholds=Config().thresholds,
        save_profile=profile_saver(folder),
        settings=Config(),
        profile="desk",
        countdown_s=1,
    )
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: bool(shown.last_poses), timeout=30_000)
    shown.choice.boxes[SLOUCH_CHOICE].setChecked(choose_slouch)
    qtbot.mouseClick(shown.start_button, Qt.MouseButton.LeftButton)
    if choose_slouch:
        qtbot.waitUntil(lambda: "usual slouch" in shown.prompt.text(), timeout=60_000)
        assert not shown.choice.isEnabled()  # the choice is fixed while the phases run
        qtbot.waitUntil(lambda: "Starting in 1" in shown.prompt.text(), timeout=10_000)
    qtbot.waitUntil(lambda: shown.state == "review", timeout=60_000)
    shown.setProperty("review_text", shown.advice_label.text())  # what the review said
    qtbot.mouseClick(shown.save_button, Qt.MouseButton.LeftButton)
    assert "Saved profile 'desk'" in shown.advice_label.text()
    store = SqliteStore.open(DataFolder(folder).history)
    try:
        stored = store.load_profile("desk")
    finally:
        store.close()
    assert stored is not None
    return shown, json.loads(stored[1])


def test_the_usual_slouch_chosen_in_the_window_is_learned_shown_and_saved(
    qtbot: QtBot, estimator: MediaPipePose, shared_data: Path, tmp_path: Path
) -> None:
    session = shared_data / SESSION_B
    review: list[str] = []
    shown, profile = calibrated(
        qtbot,
        estimator,
        tmp_path / "data",
        session / "notSlouching",
        session / "isSlouching",
        choose_slouch=True,
    )
    review.append(str(shown.property("review_text")))
    learned = profile["learned"]
    assert isinstance(learned, dict) and learned
    assert all(key.startswith("slouch_") for key in learned)
    assert "slouch_sink_sw" in learned and learned["slouch_sink_sw"] > 0
    assert [name for name, _, _ in shown.run] == ["upright", "slouch"]
    assert shown.baseline is not None and dict(shown.baseline.learned) == learned
    assert "Learned usual slouch: " in review[0], review[0]


def test_an_upright_shown_as_the_slouch_is_said_and_not_stored(
    qtbot: QtBot, estimator: MediaPipePose, shared_data: Path, tmp_path: Path
) -> None:
    upright = shared_data / SESSION_B / "notSlouching"
    shown, profile = calibrated(
        qtbot, estimator, tmp_path / "data", upright, upright, choose_slouch=True
    )
    text = str(shown.property("review_text"))
    assert "Not learned (slouch): " in text and "looked the same as your upright" in text, text
    assert profile["learned"] == {}


def test_no_phase_chosen_saves_the_upright_profile_alone(
    qtbot: QtBot, estimator: MediaPipePose, shared_data: Path, tmp_path: Path
) -> None:
    session = shared_data / SESSION_B
    shown, profile = calibrated(
        qtbot,
        estimator,
        tmp_path / "data",
        session / "notSlouching",
        session / "isSlouching",
        choose_slouch=False,
    )
    assert [name for name, _, _ in shown.run] == ["upright"]
    assert profile["learned"] == {}
    assert "Learned" not in str(shown.property("review_text"))
    upright_frames = len(list((session / "notSlouching").glob("*.jpg")))
    assert profile["frames"] == shown.baseline.frames == upright_frames  # type: ignore[union-attr]
