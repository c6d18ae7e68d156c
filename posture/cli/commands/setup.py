"""`setup`: the guided first run (see posture/setup/flow.py), with the real world behind it.

`--yes` takes every default without asking, for scripts and tests; `--source` replaces the
camera search; `--model` and `--offline` choose the pose model as before, and `--model-only`
does nothing else (what the test script uses to provision the models).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from posture.cli.common import (
    checked_profile,
    data_dir,
    model_variant,
    provision_model,
    report_skipped,
)
from posture.config.model_variants import checked_variant
from posture.config.schema import Config, ConfigError, load_config
from posture.core.baseline import Baseline
from posture.core.folder_layout import DataFolder
from posture.errors import UserError
from posture.ports import CameraFound, Look, Prompter
from posture.setup.flow import run_setup
from posture.setup.plan import SetupPlan
from posture.setup.prompter import ConsolePrompter, DefaultsPrompter
from posture.setup.steps_notifications import TEST_MESSAGE, TEST_TITLE

HELP = "guided first run: model, camera, calibration, settings"
DESCRIPTION = (
    "Walk through seven steps: provision the pose model, pick the camera (a snapshot with the "
    "skeleton drawn is saved in the data folder), check framing and light, calibrate, test a "
    "notification, choose the sitting limit, quiet hours and login autostart, and save the "
    "config file. Run it again any time; any step can be skipped."
)

# A live camera adjusts its exposure over its first frames; the snapshot waits this long.
WARM_UP_S = 1.0
CALIBRATION_S = 5.0
COUNTDOWN_S = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--offline, --yes, --source, --profile and --model-only."""
    parser.add_argument(
        "--offline",
        action="store_true",
        help="skip Google's model storage and use the package index only",
    )
    parser.add_argument(
        "-y", "--yes", action="store_true", help="take every default without asking (for scripts)"
    )
    parser.add_argument(
        "--source",
        metavar="SOURCE",
        help="camera index, video, picture, folder or stream URL to use instead "
        "of searching for cameras (a recording serves the snapshot and calibration but is "
        "not saved as the source to watch)",
    )
    parser.add_argument(
        "--profile",
        default="default",
        metavar="NAME",
        help="the calibration profile's suggested name (default: default)",
    )
    parser.add_argument(
        "--phases",
        default="",
        metavar="PHASE,...",
        help="after the upright calibration, learn your range too, from the same camera: "
        "keyboard, screen, slouch (as `calibrate --phases`)",
    )
    parser.add_argument(
        "--model-only",
        action="store_true",
        help="only provision the pose model, asking nothing (the old setup)",
    )


class RealSetup:
    """The world setup acts on: model files, cameras, MediaPipe, the notifier, store and files."""

    def __init__(self, args: argparse.Namespace, config_file: Path, current: Config) -> None:
        self._args = args
        self._config_file = config_file
        self._current = current
        self._offline = bool(getattr(args, "offline", False))

    def provision_model(self, variant: str) -> Path:
        return provision_model(variant, offline=self._offline)

    def model_ready(self, variant: str) -> bool:
        from posture.pose_models.provision import list_models

        return any(s.variant == variant and s.verified for s in list_models())

    def find_cameras(self) -> list[CameraFound]:
        from posture.adapters.opencv_probe import probe_cameras

        return probe_cameras()

    def check_source(self, spec: str) -> str:
        from posture.adapters.opencv_sources import open_source

        spec = _absolute(spec)
        open_source(spec).close()
        return spec

    def look(self, spec: str, variant: str) -> Look:
        from posture.adapters.mediapipe_pose import MediaPipePose
        from posture.adapters.opencv_sources import open_source
        from posture.core.frame import Frame

        source = open_source(_absolute(spec))
        frame: Frame | None = None
        try:
            deadline = time.monotonic() + WARM_UP_S
            while (item := source.read()) is not None:
                if isinstance(item, Frame):
                    frame = item
                    if not source.live or time.monotonic() >= deadline:
                        break
        finally:
            source.close()
        if frame is None:
            raise UserError(f"{spec} gave no picture")
        estimator = MediaPipePose(self.provision_model(variant), mode="image", num_poses=1)
        try:
            poses = estimator.detect(frame.image, 0.0)
        finally:
            estimator.close()
        return Look(frame.image, poses[0] if poses else None)

    def save_snapshot(self, look: Look) -> Path:
        from posture.adapters.opencv_imaging import draw_pose, save_image

        image = draw_pose(look.image, look.pose, "setup") if look.pose is not None else look.image
        path = DataFolder(data_dir(self._args)).snapshot
        save_image(path, image, replace_link=True)
        return path

    def calibrate(
        self, spec: str, variant: str, profile: str, phases: Sequence[str] = ()
    ) -> Baseline:
        from posture.adapters.mediapipe_pose import MediaPipePose
        from posture.adapters.opencv_images import ImageFiles
        from posture.adapters.opencv_sources import open_source
        from posture.adapters.sqlite.store import SqliteStore
        from posture.cli.calibrating import learn_phases
        from posture.operations.calibrate import capture, countdown
        from posture.operations.calibration_phases import plan as plan_phases
        from posture.ports import Mode

        source = open_source(_absolute(spec))
        mode: Mode = "image" if isinstance(source, ImageFiles) else "video"
        estimator = MediaPipePose(self.provision_model(variant), mode=mode, num_poses=2)
        if source.live:
            countdown(COUNTDOWN_S)
        try:
            captured = capture(
                source, estimator, self._current.thresholds, CALIBRATION_S, report_skipped
            )
        finally:
            estimator.close()
        asked = [(phase, _absolute(spec)) for phase in plan_phases(phases)]
        baseline = learn_phases(captured.baseline, asked, self._current, variant, COUNTDOWN_S)
        store = SqliteStore.open(DataFolder(data_dir(self._args)).history)
        try:
            store.save_profile(profile, baseline.to_json(), activate=True)
        finally:
            store.close()
        return baseline

    def test_notification(self, preference: str) -> tuple[str, str]:
        import logging

        from posture.adapters.notify import build_notifier

        notifier = build_notifier(preference)
        # Setup says itself why the desktop did not take it; the chain's warnings would repeat it.
        chain_log = logging.getLogger("posture.adapters.notify")
        level = chain_log.level
        chain_log.setLevel(logging.ERROR)
        try:
            notifier.notify(TEST_TITLE, TEST_MESSAGE)
        finally:
            chain_log.setLevel(level)
        reasons = [str(getattr(n, "last_error", None) or "") for n in notifier.chain]
        return notifier.active_backend or "log", next((r for r in reasons if r), "")

    def enable_autostart(self) -> Path:
        return enable_login_autostart(self._args)

    def save_config(self, updates: dict[str, dict[str, Any]]) -> tuple[Config, Path, Path | None]:
        from posture.adapters.config_file import save

        loaded, kept = save(self._config_file, updates)
        return loaded, self._config_file, kept


def enable_login_autostart(args: argparse.Namespace) -> Path:
    """Hook for the login entry: `login_autostart.enable` with the `autostart` command's
    command line (same data folder, config and model as this setup)."""
    import os

    try:
        from posture.adapters import login_autostart as autostart
        from posture.cli.commands.autostart import login_command
    except ImportError as exc:
        raise UserError("login autostart is not available in this version of Posture") from exc
    path = Path(autostart.entry_path(sys.platform, Path.home(), os.environ))
    autostart.enable(path, autostart.entry_text(sys.platform, login_command(args)))
    return path


def _absolute(spec: str) -> str:
    """A file or folder as an absolute path, so the config means it from any folder."""
    if spec.isdigit() or "://" in spec:
        return spec
    return str(Path(spec).expanduser().absolute())


def config_file(args: argparse.Namespace) -> Path:
    """The config file setup writes: --config, else $POSTURE_CONFIG or the per-user one."""
    from posture.adapters.data_folder import config_path
    from posture.adapters.data_folder import data_dir as resolve

    explicit = getattr(args, "config", None)
    # Only resolved, not created: nothing is written before the user has said yes to something.
    return (
        Path(explicit).expanduser()
        if explicit
        else config_path(resolve(getattr(args, "data_dir", None)))
    )


def run(args: argparse.Namespace) -> int:
    """Walk through setup in the terminal (or take every default with --yes)."""
    if args.model_only:
        variant = model_variant(args)
        path = provision_model(variant, offline=bool(args.offline))
        print(f"Pose model '{variant}' is ready: {path}")
        return 0
    prompter: Prompter = DefaultsPrompter() if args.yes else ConsolePrompter()
    path = config_file(args)
    try:
        current = load_config(path)
    except ConfigError as exc:
        prompter.say(f"posture: {exc}")
        prompter.say(
            "Setup starts from the defaults; saving (step 7) keeps the old file as a "
            ".bak beside the new one."
        )
        current = Config()
    variant = checked_variant(str(getattr(args, "model", None) or current.monitor.model))
    source = _absolute(args.source) if args.source is not None else None
    from posture.operations.calibration_phases import plan as plan_phases

    phases = tuple(phase.name for phase in plan_phases(args.phases))  # a typo stops here
    plan = SetupPlan(
        variant=variant,
        current=current,
        config_path=path,
        source=source,
        profile=checked_profile(args.profile) or "",
        phases=phases,
    )
    return run_setup(prompter, RealSetup(args, path, current), plan)
