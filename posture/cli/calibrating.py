"""Calibrating a profile from a source, for `calibrate` and the `demo`, with typed parameters."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from posture.cli.common import checked_profile, estimator_for, report_skipped
from posture.config.schema import Config
from posture.core.baseline import Baseline
from posture.core.folder_layout import DataFolder
from posture.errors import UserError
from posture.ports import Mode

if TYPE_CHECKING:
    from posture.operations.calibration_phases import Phase


def calibrate_profile(
    *,
    folder: Path,
    settings: Config,
    variant: str,
    source: str,
    profile: str,
    seconds: float,
    countdown_s: int,
    preview: Path | None = None,
    phases: Sequence[tuple[Phase, str]] = (),
) -> None:
    """Count down (for a live camera), sample, check and store `profile` as the active one.

    `folder` is the data folder whose history keeps the profile; `variant` a checked model
    variant; `preview`, when given, receives the annotated frame the baseline came from;
    `phases` the optional phases to learn after it, each from its source
    (`posture.operations.calibration_phases`). A refused phase stores nothing.
    """
    from posture.adapters.opencv_images import ImageFiles
    from posture.adapters.opencv_sources import open_source
    from posture.adapters.sqlite.store import SqliteStore
    from posture.operations.calibrate import capture, countdown, write_preview

    profile = checked_profile(profile) or ""
    opened = open_source(source)
    mode: Mode = "image" if isinstance(opened, ImageFiles) else "video"
    estimator = estimator_for(variant, mode, num_poses=2)
    print(f"Calibrating profile '{profile}' from {opened.label} with the {variant} pose model.")
    if opened.live:
        print(
            "Sit the way you want to sit: back against the chair, shoulders relaxed and "
            "level, screen at eye level."
        )
        countdown(countdown_s)
    try:
        captured = capture(opened, estimator, settings.thresholds, seconds, report_skipped)
    finally:
        estimator.close()
    baseline = learn_phases(captured.baseline, phases, settings, variant, countdown_s)
    store = SqliteStore.open(DataFolder(folder).history)
    try:
        store.save_profile(profile, baseline.to_json(), activate=True)
    finally:
        store.close()
    if preview is not None:
        try:
            write_preview(preview, captured)
        except OSError as exc:
            raise UserError(
                f"Cannot save the preview to {preview}: {exc.strerror or exc}."
            ) from exc
        print(f"Saved the frame used for calibration to {preview}")
    for note in baseline.notes:
        print(f"Note: {note}.")
    print(f"Calibrated from {baseline.frames} frames; profile '{profile}' is now active.")


def learn_phases(
    baseline: Baseline,
    phases: Sequence[tuple[Phase, str]],
    settings: Config,
    variant: str,
    countdown_s: int,
) -> Baseline:
    """The baseline with what each phase learned from its source, each said in one line."""
    from posture.adapters.opencv_images import ImageFiles
    from posture.adapters.opencv_sources import open_source
    from posture.operations.calibrate import countdown
    from posture.operations.calibration_phases import learn, sample_phase, with_learned

    learned = []
    for phase, spec in phases:
        opened = open_source(spec)
        mode: Mode = "image" if isinstance(opened, ImageFiles) else "video"
        estimator = estimator_for(variant, mode, num_poses=2)
        print(f"Phase '{phase.name}' from {opened.label}: {phase.instruction}")
        try:
            if opened.live:
                countdown(countdown_s, what=phase.instruction)
            frames = sample_phase(opened, estimator, settings, phase.seconds, report_skipped)
        finally:
            opened.close()
            estimator.close()
        one = learn(phase.name, frames, baseline, settings)
        print(f"Learned {one.summary}.")
        learned.append(one)
    return with_learned(baseline, learned)
