"""What the pose model finds in each labelled picture, under each perturbation, found once.

`evaluate` judges the same picture many times (calibrations of 1, 3 and 5 frames, both rules,
leave one session out, with and without a perturbation); the model runs once per picture and
perturbation, and the poses are kept for the rest of the run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from posture.adapters.opencv_images import read_image_file
from posture.adapters.opencv_perturb import perturb
from posture.core.frame import BadFrame
from posture.core.landmarks import Pose
from posture.ports import PoseEstimator

log = logging.getLogger(__name__)

OnSkipped = Callable[[Path, str], None]


class FrameDetector:
    """Poses per (picture, perturbation), memoized; None for a picture that cannot be read."""

    def __init__(
        self,
        estimator: PoseEstimator,
        on_skipped: OnSkipped,
        on_detected: Callable[[], None] | None = None,
    ) -> None:
        self._estimator = estimator
        self._on_skipped = on_skipped
        self._on_detected = on_detected
        self._found: dict[tuple[Path, str | None], list[Pose] | None] = {}

    def __call__(self, path: Path, perturbation: str | None) -> list[Pose] | None:
        """The poses the model finds in `path` after `perturbation` (None: as it is)."""
        key = (path, perturbation)
        if key not in self._found:
            self._found[key] = self._detect(path, perturbation)
            if self._on_detected is not None:
                self._on_detected()
        return self._found[key]

    def _detect(self, path: Path, perturbation: str | None) -> list[Pose] | None:
        try:
            image = read_image_file(path)
        except BadFrame as exc:
            if perturbation is None:  # said once per picture, not once per perturbation
                self._on_skipped(path, str(exc))
            return None
        if perturbation is not None:
            image = perturb(perturbation, image)
        try:
            return self._estimator.detect(image, 0.0)
        except BadFrame as exc:
            self._on_skipped(path, str(exc))
            return None
