"""Calibrating a profile from a source, for `calibrate` and the `demo`, with typed parameters."""

from __future__ import annotations

from pathlib import Path

from posture.cli.common import estimator_for, report_skipped
from posture.config.schema import Config
from posture.core.folder_layout import DataFolder
from posture.errors import UserError


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
) -> None:
    """Count down (for a live camera), sample, check and store `profile` as the active one.

    `folder` is the data folder whose history keeps the profile; `variant` a checked model
    variant; `preview`, when given, receives the annotated frame the baseline came from.
    """
    from posture.adapters.opencv_sources import ImageFiles, open_source
    from posture.adapters.sqlite.store import SqliteStore
    from posture.operations.calibrate import capture, countdown, write_preview
    from posture.ports import Mode

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
    store = SqliteStore.open(DataFolder(folder).history)
    try:
        store.save_profile(profile, captured.baseline.to_json(), activate=True)
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
    for note in captured.baseline.notes:
        print(f"Note: {note}.")
    print(f"Calibrated from {captured.baseline.frames} frames; profile '{profile}' is now active.")
