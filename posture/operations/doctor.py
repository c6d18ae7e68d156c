"""`doctor`'s checks: each looks at one part of the installation and says ok, warn or FAIL.

A check returns a `Check` with one sentence on what it found and, for a warning or failure, one
sentence on how to fix it. The checks take what they look at as arguments (paths, the model
list, an opener, the bus answer), so tests can hand them broken parts; the command gathers the
real ones. Nothing here changes anything: a missing data folder is not created.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from posture.config.schema import Config, ConfigError, load_config
from posture.errors import UserError

Level = Literal["ok", "warn", "FAIL"]
PRIVATE_MODE = 0o700


@dataclass(frozen=True)
class Check:
    """What one check found; `fix` says what to do about a warning or failure."""

    name: str
    level: Level
    message: str
    fix: str = ""

    def line(self) -> str:
        """The check as one line of output."""
        fix = f" Fix: {self.fix}" if self.fix and self.level != "ok" else ""
        return f"{self.level:<4}  {self.name:<13} {self.message}{fix}"


@dataclass(frozen=True)
class ModelState:
    """One variant's file as the model list reports it."""

    variant: str
    path: Path
    present: bool
    verified: bool


def check_model(variant: str, states: Sequence[ModelState]) -> Check:
    """The configured variant's file is present and passes its checksum."""
    setup = f"run `python run.py setup --model {variant}` (add --offline without Google's storage)"
    for state in states:
        if state.variant != variant:
            continue
        if state.verified:
            return Check(
                "model", "ok", f"the {variant} pose model is present and verified ({state.path})"
            )
        if state.present:
            return Check(
                "model",
                "FAIL",
                f"the {variant} pose model at {state.path} is damaged "
                "(its checksum does not match)",
                setup,
            )
        return Check("model", "FAIL", f"the {variant} pose model is missing ({state.path})", setup)
    return Check(
        "model",
        "FAIL",
        f"there is no pose model variant '{variant}'",
        "set [monitor] model to lite, full or heavy",
    )


def check_source(spec: str, opener: Callable[[str], object], running_pid: int | None) -> Check:
    """The configured source opens (a camera index, a file, a folder or a stream)."""
    what = f"camera {spec}" if spec.isdigit() else spec
    try:
        opener(spec)
    except UserError as exc:
        if spec.isdigit() and running_pid is not None:
            return Check(
                "camera", "ok", f"{what} is in use by the running Posture (pid {running_pid})"
            )
        if spec.isdigit():
            return Check(
                "camera",
                "FAIL",
                f"{what} could not be opened",
                "connect the camera and close other programs that use it, or pick "
                "another with `python run.py setup` (it lists the cameras it finds)",
            )
        return Check(
            "camera",
            "FAIL",
            str(exc),
            "set [monitor] source in your config to a camera index or a file that "
            "exists (`python run.py setup` does this)",
        )
    return Check("camera", "ok", f"{what} opens")


def check_notifications(
    preference: str, server: bool | None, chain: Sequence[str], freedesktop: bool
) -> Check:
    """A notification server answers where one is needed; the chain of backends is named."""
    route = " -> ".join(chain)
    if preference == "log":
        return Check("notifications", "ok", 'notifications go to the log only (notifier = "log")')
    if server is True:
        return Check(
            "notifications", "ok", f"a notification server is running; they go through {route}"
        )
    if server is False:
        return Check(
            "notifications",
            "FAIL",
            "no notification server answers on the session "
            "bus, so notifications reach only the log",
            "start your desktop's notification service (such as dunst or mako), or set "
            '[monitor] notifier = "log" to keep them in the log on purpose',
        )
    if freedesktop:
        return Check(
            "notifications",
            "warn",
            "cannot tell whether a notification server runs "
            "(no session bus, or neither gdbus nor dbus-send is installed)",
            "run `python run.py setup` and answer whether its test notification appeared",
        )
    return Check("notifications", "ok", f"notifications go through {route}")


def check_data_dir(path: Path) -> Check:
    """The data folder exists (or can be made), is owner-only and writable."""
    where = "point --data-dir or POSTURE_DATA_DIR at a folder you can write to"
    if path.is_symlink():
        return Check(
            "data folder",
            "FAIL",
            f"{path} is a symbolic link; Posture keeps health data only in a real folder",
            f"point --data-dir or POSTURE_DATA_DIR at {path.resolve()}",
        )
    if path.exists() and not path.is_dir():
        return Check("data folder", "FAIL", f"{path} is a file, not a folder", where)
    if not path.exists():
        ancestor = next((p for p in path.parents if p.exists()), None)
        if ancestor is None or not ancestor.is_dir():
            return Check(
                "data folder",
                "FAIL",
                f"{path} cannot be created: {ancestor} is a file, not a folder",
                where,
            )
        if not os.access(ancestor, os.W_OK | os.X_OK):
            return Check(
                "data folder",
                "FAIL",
                f"{path} cannot be created: {ancestor} is not writable",
                where,
            )
        return Check(
            "data folder",
            "ok",
            f"{path} does not exist yet; it is created, owner-only, on first use",
        )
    try:
        # A probe, removed at once: mkstemp creates it O_EXCL (never through a link), 0600.
        fd, probe = tempfile.mkstemp(dir=path, prefix=".doctor-")
    except OSError as exc:
        return Check(
            "data folder",
            "FAIL",
            f"{path} is not writable ({exc.strerror or exc})",
            f"give yourself write access (chmod u+rwx {path}), or {where}",
        )
    os.close(fd)
    os.unlink(probe)
    mode = stat.S_IMODE(path.stat().st_mode)
    if hasattr(os, "getuid") and mode & 0o077:
        return Check(
            "data folder",
            "warn",
            f"{path} is readable by others (mode {mode:o})",
            f"chmod 700 {path} (Posture also does this when it next starts)",
        )
    return Check("data folder", "ok", f"{path} is private and writable")


def check_config(path: Path, explicit: bool) -> tuple[Check, Config]:
    """The config file loads (or there is none); the settings the other checks use."""
    if not path.exists():
        if explicit:
            return Check(
                "config",
                "FAIL",
                f"{path}: no such configuration file",
                "create it with `python run.py setup`, or leave out --config",
            ), Config()
        return Check("config", "ok", f"no config file at {path}; the defaults apply"), Config()
    try:
        loaded = load_config(path)
    except ConfigError as exc:
        return Check(
            "config",
            "FAIL",
            str(exc),
            "correct what the message names (posture/config/default.toml documents every "
            "setting), or run `python run.py setup` to write a fresh file",
        ), Config()
    return Check("config", "ok", f"{path} is valid"), loaded


def check_autostart(entry: Path | None) -> Check:
    """Whether Posture starts at login; for information only."""
    if entry is None:
        return Check("autostart", "ok", "login autostart is not available in this version")
    if entry.exists():
        return Check("autostart", "ok", f"enabled at login ({entry})")
    return Check(
        "autostart",
        "ok",
        "not enabled at login (`python run.py autostart enable` "
        "or `python run.py setup` turns it on)",
    )
