"""The calibration window: a live preview with the skeleton and framing advice, a countdown,
the sampling, then the captured baseline drawn over the picture to check before saving.

The window pulls one frame per tick of a Qt timer from any `FrameSource` (a camera, a stream,
a video, pictures), so it never blocks the desktop. Sampling and the baseline are the same code
as `calibrate` and `setup` (`posture.operations.calibration_sampling`); the framing advice is
setup's (`posture.setup.framing_advice`). Nothing is saved until the user presses Save with a
profile name; the frames stay in memory.

Calibration phases: `CALIBRATION_PHASES` is the required one, the upright posture the baseline
is built from. The optional phases checked in the window (`phase_choice`: the keyboard and the
other screen, the usual slouch) follow it, each with its instruction, countdown and sampling on
the same source; they are learned through the phase API once all are sampled, said in the
review and saved with the profile. With none checked the profile is the upright one alone.
`phases_done` receives every phase's samples before the review.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Literal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posture.config.schema import Config, Thresholds
from posture.core.baseline import Baseline
from posture.core.calibration import CalibrationRefused
from posture.core.frame import Frame, Skipped
from posture.core.landmarks import Pose
from posture.desktop.windows.phase_choice import PhaseChoice, learn_chosen
from posture.desktop.windows.pictures import annotated, baseline_overlay, fitted_pixmap
from posture.errors import UserError
from posture.operations.calibration_phases import Phase
from posture.operations.calibration_sampling import SampleSeen, calibrate, sample_source
from posture.ports import FrameSource, PoseEstimator
from posture.setup.answers import profile_name
from posture.setup.framing_advice import framing_advice

log = logging.getLogger(__name__)

# (name, what the user is asked to do); the baseline comes from the "upright" phase.
CALIBRATION_PHASES: tuple[tuple[str, str], ...] = (
    ("upright", "Sit tall, shoulders relaxed and level, eyes on the screen."),
)
TWO_PEOPLE = "Two or more people are in the picture: only you should be in view."
DISPLAY_MAX_SIDE_PX = 640
State = Literal["preview", "countdown", "sampling", "review"]
PhasesDone = Callable[[Mapping[str, Sequence[SampleSeen]]], None]


def advice_for(image_poses: tuple[Pose, ...], frame: Frame, min_visibility: float) -> list[str]:
    """Setup's framing advice for one frame, plus a word when more than one person shows."""
    advice = framing_advice(image_poses[0] if image_poses else None, frame.image, min_visibility)
    return [TWO_PEOPLE, *advice] if len(image_poses) > 1 else advice


class CalibrationWindow(QWidget):
    """Preview, count down, sample each phase, review, save; `saved` carries the profile name."""

    saved = Signal(str)

    def __init__(
        self,
        *,
        open_source: Callable[[], FrameSource],
        estimator: PoseEstimator,
        thresholds: Thresholds,
        save_profile: Callable[[str, Baseline], None],
        profile: str = "default",
        seconds: float = 5.0,
        countdown_s: int = 3,
        tick_ms: int = 50,
        clock: Callable[[], float] = time.monotonic,
        phases_done: PhasesDone | None = None,
        owns_estimator: bool = False,
        settings: Config | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Posture: calibrate")
        self._open_source, self._estimator = open_source, estimator
        self._thresholds, self._save_profile = thresholds, save_profile
        self._seconds, self._countdown_s, self._clock = seconds, countdown_s, clock
        self._phases_done, self._owns_estimator = phases_done, owns_estimator
        self._source: FrameSource | None = None
        self._sampling: Iterator[SampleSeen] | None = None
        self._phase, self._settings = 0, settings or Config(thresholds=thresholds)
        self.choice, self._chosen = PhaseChoice(), tuple[Phase, ...]()
        # (name, instruction, seconds) of each phase of this run: upright, then those checked.
        self.run: tuple[tuple[str, str, float], ...] = ((*CALIBRATION_PHASES[0], seconds),)
        self._samples: dict[str, list[SampleSeen]] = {}
        self._countdown_end_s = 0.0
        self.state: State = "preview"
        self.baseline: Baseline | None = None
        self.last_poses: tuple[Pose, ...] = ()
        self.display_scale = 1.0
        self.advice: list[str] = []

        self.picture = QLabel("Opening the camera...")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.picture.setMinimumSize(320, 240)
        self.prompt = QLabel(CALIBRATION_PHASES[0][1])
        self.advice_label = QLabel("")
        self.advice_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.start_button = QPushButton("Start")
        self.name = QLineEdit(profile)
        self.name.setPlaceholderText("profile name, e.g. desk or laptop")
        self.save_button = QPushButton("Save")
        self.retry_button = QPushButton("Again")
        for button, slot in ((self.start_button, self.start), (self.save_button, self.save)):
            button.clicked.connect(slot)
        self.retry_button.clicked.connect(self.again)
        row, layout = QHBoxLayout(), QVBoxLayout(self)
        controls: tuple[QWidget, ...] = (self.start_button, QLabel("Profile:"), self.name)
        for widget in (*controls, self.retry_button, self.save_button):
            row.addWidget(widget)
        for widget in (self.picture, self.prompt, self.advice_label, self.progress, self.choice):
            layout.addWidget(widget)
        layout.addLayout(row)
        self._show_review_controls(False)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(tick_ms)

    # -- the steps ---------------------------------------------------------------------------

    def start(self) -> None:
        """Count down, then sample the upright phase, then each optional phase checked."""
        self._phase, self._samples, self.baseline = 0, {}, None
        self._chosen = chosen = self.choice.chosen()
        optional = tuple((p.name, p.instruction, p.seconds) for p in chosen)
        self.run = ((*CALIBRATION_PHASES[0], self._seconds), *optional)
        self._begin_countdown()

    def again(self) -> None:
        """Back to the live preview, the captured baseline dropped."""
        self.baseline = None
        self.state = "preview"
        self.prompt.setText(CALIBRATION_PHASES[0][1])
        self._show_review_controls(False)

    def save(self) -> None:
        """Store the reviewed baseline under the profile name (the active profile from now)."""
        if self.baseline is None:
            return
        try:
            name = profile_name(self.name.text())
            self._save_profile(name, self.baseline)
        except (ValueError, OSError) as exc:  # a bad name, or the history cannot be written
            self.advice_label.setText(f"Not saved: {exc}.")
            return
        self.advice_label.setText(f"Saved profile '{name}'; it is the active profile now.")
        self.saved.emit(name)

    def tick(self) -> None:
        """One frame: preview, count down or sample, as the state says."""
        try:
            if self.state in ("preview", "countdown"):
                self._preview()
                if self.state == "countdown":
                    self._count_down()
            elif self.state == "sampling":
                self._sample()
        except (UserError, RuntimeError, ValueError, OSError) as exc:  # a camera gone, a bad file
            log.warning("calibration preview: %s", exc)
            self.advice_label.setText(f"The camera picture cannot be read: {exc}.")
            self._close_source()

    # -- inside ------------------------------------------------------------------------------

    def _begin_countdown(self) -> None:
        self.state = "countdown"
        self._countdown_end_s = self._clock() + self._countdown_s
        # The countdown shows at once: a slow camera's next frame may come after its first second.
        left, instruction = self._countdown_s, self.run[self._phase][1]
        self.prompt.setText(
            f"{instruction} Starting in {math.ceil(left)}..." if left > 0 else instruction
        )
        self._show_review_controls(False)
        self.start_button.setEnabled(False)
        self.choice.setEnabled(False)

    def _count_down(self) -> None:
        left_s = self._countdown_end_s - self._clock()
        if left_s > 0:
            self.progress.setValue(0)
            self.prompt.setText(f"{self.run[self._phase][1]} Starting in {math.ceil(left_s)}...")
            return
        if self._source is not None and not self._source.live:
            self._close_source()  # a file calibrates from its start, as `calibrate` reads it
        self.state = "sampling"
        self.prompt.setText(f"{self.run[self._phase][1]} Hold still...")
        self._sampling = sample_source(
            self._opened(), self._estimator, self._thresholds, window_s=self.run[self._phase][2]
        )

    def _opened(self) -> FrameSource:
        if self._source is None:
            self._source = self._open_source()
        return self._source

    def _preview(self) -> None:
        source = self._opened()
        item = source.read()
        while isinstance(item, Skipped):
            item = source.read()
        if item is None:  # a file ended: start it over, as a camera would go on
            self._close_source()
            return
        poses = tuple(self._estimator.detect(item.image, item.time_s))
        self._show(item, poses, advice_for(poses, item, self._thresholds.min_visibility))

    def _sample(self) -> None:
        assert self._sampling is not None
        seen = next(self._sampling, None)
        if seen is None:
            self._phase_done()
            return
        name = self.run[self._phase][0]
        self._samples.setdefault(name, []).append(seen)
        advice = advice_for(seen.poses, seen.frame, seen.min_visibility)
        self._show(seen.frame, seen.poses, advice)
        self.progress.setValue(round(100 * (seen.fraction or 0.0)))

    def _phase_done(self) -> None:
        self._sampling = None
        self._phase += 1
        if self._phase < len(self.run):
            self._begin_countdown()
            return
        if self._phases_done is not None:
            self._phases_done(self._samples)
        upright = self._samples.get("upright", [])
        try:
            captured = calibrate(upright, self._thresholds)
        except CalibrationRefused as exc:
            self.state = "preview"
            self.start_button.setEnabled(True)
            self.choice.setEnabled(True)
            self.advice_label.setText(f"Calibration did not work: {exc}. Try again.")
            return
        self.baseline, learned = learn_chosen(
            self._chosen, self._samples, captured.baseline, self._settings
        )
        self.state = "review"
        self.progress.setValue(100)
        if captured.best is not None:
            image, pose = captured.best
            self._show_picture(baseline_overlay(annotated(image, [pose]), captured.baseline))
        notes = "; ".join(captured.baseline.notes)
        self.prompt.setText(
            f"Calibrated from {captured.baseline.frames} frames. The blue lines are the posture "
            "Posture will compare you with: name the profile and save, or try again."
        )
        self.advice_label.setText("\n".join([*([f"Note: {notes}."] if notes else []), *learned]))
        self._show_review_controls(True)

    def _show(self, frame: Frame, poses: tuple[Pose, ...], advice: list[str]) -> None:
        self.last_poses = poses
        self.advice = advice
        self.advice_label.setText("\n".join(advice) if advice else "The picture is fine.")
        self._show_picture(annotated(frame.image, poses))

    def _show_picture(self, image: object) -> None:
        pixmap, self.display_scale = fitted_pixmap(image, DISPLAY_MAX_SIDE_PX)  # type: ignore[arg-type]
        self.picture.setMinimumSize(pixmap.size())  # shown whole, at its top-left corner
        self.picture.setPixmap(pixmap)

    def _show_review_controls(self, reviewing: bool) -> None:
        self.save_button.setVisible(reviewing)
        self.retry_button.setVisible(reviewing)
        self.name.setEnabled(reviewing)
        self.start_button.setVisible(not reviewing)
        self.start_button.setEnabled(not reviewing)
        self.choice.setEnabled(not reviewing)

    def _close_source(self) -> None:
        if self._source is not None:
            self._source.close()
            self._source = None
        if self.state == "sampling":
            self._sampling = None
            self.state = "preview"
            self.start_button.setEnabled(True)
            self.choice.setEnabled(True)

    def closeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        """Stop the preview and let the camera go (and the model, when the window owns it)."""
        self.timer.stop()
        self._close_source()
        if self._owns_estimator:
            self._owns_estimator = False
            self._estimator.close()
        super().closeEvent(event)  # type: ignore[arg-type]
