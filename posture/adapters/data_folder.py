"""Where the user's files live: the private data folder, the history database and the config.

Every function takes the environment, platform and home folder as optional arguments that
default to the real ones, so tests can pass their own and never touch the real home.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

from posture.errors import UserError
from posture.pose_models.locations import user_data_dir

log = logging.getLogger(__name__)

PRIVATE_DIR_MODE = 0o700
HISTORY_FILENAME = "history.sqlite3"
CONFIG_FILENAME = "config.toml"


def data_dir(
    override: str | Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
) -> Path:
    """The folder for the user's history and profiles.

    In order: `override` (the `--data-dir` option); `POSTURE_DATA_DIR`; the platform's per-user
    data folder: `$XDG_DATA_HOME/posture` or `~/.local/share/posture` on Linux and other Unix,
    `~/Library/Application Support/Posture` on macOS, `%APPDATA%\\Posture` on Windows. The model
    files use the same rule (`posture.pose_models.locations`), so the two always agree.
    """
    if override is not None and str(override) != "":
        return Path(override).expanduser()
    return Path(
        user_data_dir(
            os.environ if env is None else env,
            sys.platform if platform is None else platform,
            Path.home() if home is None else home,
        )
    )


def config_path(
    data_folder: Path,
    *,
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
) -> Path:
    """The user's config file (it need not exist).

    `POSTURE_CONFIG` if set; on Linux and other Unix `$XDG_CONFIG_HOME/posture/config.toml`
    or `~/.config/posture/config.toml`; on macOS and Windows, `config.toml` in `data_folder`,
    since those systems have no separate per-user config folder convention for such tools.
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if env.get("POSTURE_CONFIG"):
        return Path(env["POSTURE_CONFIG"]).expanduser()
    if platform == "darwin" or platform.startswith("win"):
        return data_folder / CONFIG_FILENAME
    xdg = env.get("XDG_CONFIG_HOME")
    base = Path(xdg) if xdg else (Path.home() if home is None else home) / ".config"
    return base / "posture" / CONFIG_FILENAME


def history_path(data_folder: Path) -> Path:
    """The history database inside the data folder."""
    return data_folder / HISTORY_FILENAME


def ensure_private_dir(path: Path) -> Path:
    """Create `path` readable by its owner only (0o700), or tighten it if it exists.

    Posture history is health data. An existing folder is tightened only when the current user
    owns it; someone else's folder is left alone with a warning. Raises UserError when the
    folder cannot be made.
    """
    try:
        path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
        info = path.stat()
    except OSError as exc:
        raise UserError(f"Cannot create the data folder {path}: {exc.strerror or exc}.") from exc
    if not hasattr(os, "getuid"):  # Windows: folder rights are ACLs that chmod cannot express
        return path
    mode = stat.S_IMODE(info.st_mode)
    if mode == PRIVATE_DIR_MODE:
        return path
    if info.st_uid != os.getuid():
        if mode & 0o077:
            log.warning(
                "The data folder %s belongs to another user and is readable by others "
                "(mode %o); leaving it as it is.",
                path,
                mode,
            )
        return path
    try:
        path.chmod(PRIVATE_DIR_MODE)
    except OSError as exc:
        raise UserError(
            f"Cannot make the data folder {path} private: {exc.strerror or exc}."
        ) from exc
    log.info("Made the data folder %s private (mode %o, was %o).", path, PRIVATE_DIR_MODE, mode)
    return path
