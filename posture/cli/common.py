"""What several commands share: the model variant, provisioning, estimators, config, profiles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from posture.adapters.mediapipe_pose import MediaPipePose
from posture.config.schema import Config, load_config
from posture.core.baseline import POPULATION, Baseline
from posture.core.frame import Skipped
from posture.errors import UserError
from posture.ports import Mode

DEFAULT_VARIANT = "lite"
VARIANTS = ("lite", "full", "heavy")


def model_variant(args: argparse.Namespace) -> str:
    """The variant the user chose, checked."""
    variant = str(getattr(args, "model", None) or DEFAULT_VARIANT).lower()
    if variant not in VARIANTS:
        raise UserError(f"unknown model variant '{variant}'; choose lite, full or heavy")
    return variant


def provision_model(variant: str, offline: bool = False) -> Path:
    """The verified model file, fetched with a progress bar when it is missing or damaged."""
    from posture.adapters.terminal_progress import ProgressBar
    from posture.pose_models.provision import ModelError, ensure_model

    try:
        path: Path = ensure_model(
            variant, progress=ProgressBar(f"pose model ({variant})"), offline=offline
        )
        return path
    except ModelError as exc:
        raise UserError(str(exc), exit_status=1) from exc


def make_estimator(args: argparse.Namespace, mode: Mode, num_poses: int) -> MediaPipePose:
    """The real pose model, provisioned on first use."""
    return MediaPipePose(provision_model(model_variant(args)), mode=mode, num_poses=num_poses)


def report_skipped(item: Skipped) -> None:
    """One clear line for an input that could not be read."""
    print(f"posture: skipped {item.reason}", file=sys.stderr)


def data_dir(args: argparse.Namespace) -> Path:
    """The user's data directory (created private on first use)."""
    from posture.adapters.data_folder import data_dir as resolve
    from posture.adapters.data_folder import ensure_private_dir

    return ensure_private_dir(resolve(getattr(args, "data_dir", None)))


def config(args: argparse.Namespace) -> Config:
    """The user's configuration: defaults overridden by their file."""
    from posture.adapters.data_folder import config_path

    explicit = getattr(args, "config", None)
    if explicit is not None and not Path(explicit).exists():
        raise UserError(f"{explicit}: no such configuration file")
    path = Path(explicit) if explicit is not None else config_path(data_dir(args))
    return load_config(path)


def load_baseline(args: argparse.Namespace, name: str | None) -> tuple[str | None, Baseline]:
    """The named (or active) calibration profile, or population defaults when there is none."""
    from posture.adapters.data_folder import history_path
    from posture.adapters.sqlite.store import SqliteStore

    store = SqliteStore.open(history_path(data_dir(args)))
    try:
        found = store.load_profile(name)
    finally:
        store.close()
    if found is None:
        if name is not None:
            raise UserError(
                f"there is no calibration profile named '{name}'; run "
                f"`python run.py calibrate --profile {name}` first"
            )
        return None, POPULATION
    profile_name, baseline_json = found
    try:
        return profile_name, Baseline.from_json(baseline_json)
    except (ValueError, KeyError) as exc:
        raise UserError(
            f"the calibration profile '{profile_name}' cannot be read; calibrate again"
        ) from exc
