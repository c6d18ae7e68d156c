"""`doctor`: check the installation, one line per check, and exit 1 when any check failed."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from posture.operations.doctor import (
    Check,
    ModelState,
    check_autostart,
    check_config,
    check_data_dir,
    check_model,
    check_notifications,
    check_source,
)

HELP = "check the model, camera, notifications, files"
DESCRIPTION = (
    "Check the pose model, the camera, notifications, the data folder, the config file and the "
    "login autostart; one line each (ok, warn or FAIL) with a fix for each failure. Exit 0 when "
    "nothing failed, 1 otherwise."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options beyond the common ones."""


def _model_states() -> list[ModelState]:
    from posture.pose_models.provision import list_models

    return [ModelState(s.variant, s.path, s.present, s.verified) for s in list_models()]


def _open_and_close(spec: str) -> None:
    from posture.adapters.opencv_sources import open_source

    open_source(spec).close()


def _running_pid(folder: Path) -> int | None:
    try:
        from posture.adapters.single_instance import running_pid
    except ImportError:
        return None
    try:
        return running_pid(folder) if folder.is_dir() else None
    except OSError:
        return None


def _autostart_entry() -> Path | None:
    try:
        from posture.adapters import login_autostart as autostart
    except ImportError:
        return None
    return Path(autostart.entry_path(sys.platform, Path.home(), os.environ))


def gather(args: argparse.Namespace) -> list[Check]:
    """Every check, in the order a user would fix things."""
    from posture.adapters.data_folder import config_path, data_dir
    from posture.adapters.notify import build_notifier, notification_server_available

    folder = data_dir(getattr(args, "data_dir", None))
    explicit = getattr(args, "config", None)
    config_check, settings = check_config(
        Path(explicit).expanduser() if explicit else config_path(folder), explicit is not None
    )
    variant = str(getattr(args, "model", None) or settings.monitor.model).lower()
    preference = settings.monitor.notifier
    chain = [str(n.name) for n in build_notifier(preference).chain]
    return [
        check_model(variant, _model_states()),
        check_source(settings.monitor.source, _open_and_close, _running_pid(folder)),
        check_notifications(
            preference,
            notification_server_available(),
            chain,
            freedesktop=not sys.platform.startswith(("darwin", "win", "cygwin")),
        ),
        check_data_dir(folder),
        config_check,
        check_autostart(_autostart_entry()),
    ]


def run(args: argparse.Namespace) -> int:
    """Print each check; 0 when none failed."""
    checks = gather(args)
    for check in checks:
        print(check.line(), flush=True)
    failed = [c for c in checks if c.level == "FAIL"]
    print(f"{len(failed)} of {len(checks)} checks failed." if failed else "Everything checks out.")
    return 1 if failed else 0
