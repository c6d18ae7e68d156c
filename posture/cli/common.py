"""What several commands share: the model variant, provisioning, estimators, config, profiles.

Importing this loads no OpenCV or MediaPipe: every command module imports it, and they are all
imported to build the parser, before `--verbose` is known (see `posture.cli.commands`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from posture.config.model_variants import DEFAULT_MODEL_VARIANT, checked_variant
from posture.config.schema import Config, load_config
from posture.core.baseline import POPULATION, Baseline
from posture.core.frame import Skipped
from posture.core.profile_names import check_profile_name
from posture.errors import UserError, shown
from posture.ports import Mode

if TYPE_CHECKING:
    from posture.adapters.mediapipe_pose import MediaPipePose


def model_variant(args: argparse.Namespace) -> str:
    """The variant the user chose with --model (default: lite), checked."""
    return checked_variant(str(getattr(args, "model", None) or DEFAULT_MODEL_VARIANT))


def provision_model(variant: str, offline: bool = False) -> Path:
    """The verified model file, fetched with a progress bar when it is missing or damaged."""
    from posture.adapters.private_files import replacing_own
    from posture.adapters.terminal_progress import ProgressBar
    from posture.pose_models.provision import ModelError, ensure_model

    try:
        path: Path = ensure_model(
            variant,
            progress=ProgressBar(f"pose model ({variant})"),
            offline=offline,
            replace=replacing_own,
        )
        return path
    except ModelError as exc:
        raise UserError(str(exc), exit_status=1) from exc


def make_estimator(args: argparse.Namespace, mode: Mode, num_poses: int) -> MediaPipePose:
    """The real pose model, provisioned on first use."""
    return estimator_for(model_variant(args), mode, num_poses)


def estimator_for(variant: str, mode: Mode, num_poses: int) -> MediaPipePose:
    """The real pose model of a checked `variant`, provisioned on first use."""
    from posture.adapters.mediapipe_pose import MediaPipePose

    return MediaPipePose(provision_model(variant), mode=mode, num_poses=num_poses)


def report_skipped(item: Skipped) -> None:
    """One clear line for an input that could not be read."""
    # A file name may hold escape codes: shown spelled out, not sent to the terminal.
    print(f"posture: skipped {shown(item.reason, 400)}", file=sys.stderr)


def data_dir(args: argparse.Namespace) -> Path:
    """The user's data directory (created private on first use)."""
    from posture.adapters.data_folder import data_dir as resolve
    from posture.adapters.data_folder import ensure_private_dir

    return ensure_private_dir(resolve(getattr(args, "data_dir", None)))


def config(args: argparse.Namespace, folder: Path | None = None) -> Config:
    """The user's configuration: defaults overridden by their file.

    The file is --config, else the config file of `folder` (by default the data folder).
    """
    return load_config(config_file(args, folder))


def config_file(args: argparse.Namespace, folder: Path | None = None) -> Path:
    """The user's config file (it need not exist): --config, else the one of `folder`."""
    from posture.adapters.data_folder import config_path

    explicit = getattr(args, "config", None)
    # lexists: a link that loops or leads nowhere is named as such by `load_config`.
    if explicit is not None and not os.path.lexists(explicit):
        raise UserError(f"{shown(str(explicit))}: no such configuration file")
    if explicit is not None:
        return Path(explicit)
    return config_path(folder if folder is not None else data_dir(args))


def checked_profile(name: str | None) -> str | None:
    """A profile name the user gave (None for none), by the one rule; UserError otherwise."""
    if name is None:
        return None
    try:
        return check_profile_name(name)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def unknown_profile(name: str, known: list[str]) -> UserError:
    """The sentence for a profile that does not exist, naming those that do."""
    if not known:
        return UserError(
            f"there is no calibration profile named '{name}'; run "
            f"`python run.py calibrate --profile {name}` first"
        )
    return UserError(
        f"there is no calibration profile named '{name}'; the profiles are: {', '.join(known)} "
        f"(or run `python run.py calibrate --profile {name}`)"
    )


def load_baseline(args: argparse.Namespace, name: str | None) -> tuple[str | None, Baseline]:
    """The named (or active) calibration profile, or population defaults when there is none."""
    return stored_baseline(data_dir(args), name)


def stored_baseline(folder: Path, name: str | None) -> tuple[str | None, Baseline]:
    """The named (or active) profile in the history of `folder`, or population defaults."""
    from posture.adapters.sqlite.store import SqliteStore
    from posture.core.folder_layout import DataFolder

    name = checked_profile(name)
    store = SqliteStore.open(DataFolder(folder).history)
    try:
        found = store.load_profile(name)
        known = [profile.name for profile in store.list_profiles()]
    finally:
        store.close()
    if found is None:
        if name is not None:
            raise unknown_profile(name, known)
        return None, POPULATION
    profile_name, baseline_json = found
    try:
        return profile_name, Baseline.from_json(baseline_json)
    except (ValueError, KeyError) as exc:
        raise UserError(
            f"the calibration profile '{profile_name}' cannot be read; calibrate again"
        ) from exc
