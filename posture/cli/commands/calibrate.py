"""`calibrate`: the guided capture of the user's good posture, stored as a named profile."""

from __future__ import annotations

import argparse

from posture.adapters.opencv_sources import ImageFiles, open_source
from posture.cli.common import config, data_dir, make_estimator, report_skipped
from posture.core.folder_layout import DataFolder
from posture.errors import UserError
from posture.operations.calibrate import capture, countdown, write_preview
from posture.ports import Mode


def run(args: argparse.Namespace) -> int:
    """Count down, sample, check and store the baseline."""
    from posture.adapters.sqlite.store import SqliteStore

    settings = config(args)
    folder = data_dir(args)
    source = open_source(args.source)
    mode: Mode = "image" if isinstance(source, ImageFiles) else "video"
    estimator = make_estimator(args, mode, num_poses=2)
    print(f"Calibrating profile '{args.profile}' from {source.label}.")
    if source.live:
        print(
            "Sit the way you want to sit: back against the chair, shoulders relaxed and "
            "level, screen at eye level."
        )
        countdown(args.countdown)
    try:
        captured = capture(source, estimator, settings.thresholds, args.seconds, report_skipped)
    finally:
        estimator.close()
    store = SqliteStore.open(DataFolder(folder).history)
    try:
        store.save_profile(args.profile, captured.baseline.to_json(), activate=True)
    finally:
        store.close()
    if args.preview is not None:
        try:
            write_preview(args.preview, captured)
        except OSError as exc:
            raise UserError(
                f"Cannot save the preview to {args.preview}: {exc.strerror or exc}."
            ) from exc
        print(f"Saved the frame used for calibration to {args.preview}")
    for note in captured.baseline.notes:
        print(f"Note: {note}.")
    print(
        f"Calibrated from {captured.baseline.frames} frames; profile '{args.profile}' is now "
        "active."
    )
    return 0
