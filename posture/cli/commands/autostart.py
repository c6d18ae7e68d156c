"""`autostart enable|disable|status`: start Posture in the background when the user logs in.

The entry runs `start` with the same `--data-dir`, `--config` and `--model` given here, so the
monitor at login uses the files the user chose now. On XDG desktops it runs `desktop
--or-start` instead: the desktop app when a display and Qt are there, else `start` as before;
`enable` there also installs an app launcher and its icon (`desktop_launcher`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from posture.adapters import login_autostart as autostart
from posture.adapters.launcher import self_command
from posture.errors import UserError

HELP = "start Posture when you log in"
DESCRIPTION = (
    "Install or remove a per-user login entry that runs `start` (on Linux: the desktop app "
    "when a display is available, else `start`); `enable` also installs an app launcher there."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The action: enable, disable or status (the default)."""
    parser.add_argument(
        "action",
        nargs="?",
        choices=("enable", "disable", "status"),
        default="status",
        help="what to do (default: status)",
    )


def login_command(args: argparse.Namespace, platform: str = sys.platform) -> list[str]:
    """The command the login entry runs: this Posture's `start` (`desktop --or-start` on XDG
    desktops), with the chosen files."""
    command = _posture(args)
    if autostart.kind_of(platform) == "xdg":
        return [*command, "desktop", "--or-start"]
    return [*command, "start"]


def _posture(args: argparse.Namespace) -> list[str]:
    command = self_command(prefer_script=True)
    for attribute, flag in (("data_dir", "--data-dir"), ("config", "--config")):
        value = getattr(args, attribute, None)
        if value:
            command += [flag, str(Path(value).expanduser().absolute())]
    if getattr(args, "model", None):
        command += ["--model", str(args.model)]
    return command


def run(args: argparse.Namespace) -> int:
    """Install, remove or describe the login entry."""
    action = getattr(args, "action", None) or "status"
    path = Path(autostart.entry_path(sys.platform, Path.home(), os.environ))
    text = autostart.entry_text(sys.platform, login_command(args))
    if action == "enable":
        try:
            written = autostart.enable(path, text)
        except OSError as exc:
            raise UserError(
                f"Cannot write the login entry {path}: {exc.strerror or exc}.", exit_status=1
            ) from exc
        if written:
            print(
                f"Autostart enabled: Posture will start in the background when you log in ({path})."
            )
        else:
            print(f"Autostart is already enabled ({path}).")
        if autostart.kind_of(sys.platform) == "xdg":
            _install_launcher(args)
    elif action == "disable":
        if autostart.disable(path):
            print(f"Autostart disabled (removed {path}).")
        else:
            print("Autostart was not enabled.")
    elif not path.exists():
        print(f"Autostart is not enabled; `python run.py autostart enable` would add {path}.")
    elif autostart.is_current(path, text):
        print(f"Autostart is enabled ({path}).")
    else:
        print(
            f"Autostart is enabled ({path}), with a different command from this Posture's; "
            "`python run.py autostart enable` updates it."
        )
    return 0


def _install_launcher(args: argparse.Namespace) -> None:
    from posture.adapters import desktop_launcher

    try:
        paths = desktop_launcher.install(
            Path.home(), os.environ, [*_posture(args), "desktop", "--or-start"]
        )
    except OSError as exc:
        raise UserError(
            f"Cannot install the app launcher: {exc.strerror or exc}.", exit_status=1
        ) from exc
    if paths:
        print(f"Installed the app launcher: {', '.join(map(str, paths))}.")
