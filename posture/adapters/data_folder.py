"""Where the user's files live: the private data folder and the config file.

What is inside the data folder is named by `posture.core.folder_layout.DataFolder`; the
platform's per-user folders come from `posture.pose_models.locations` (platformdirs). Every
function takes the environment, platform and home folder as optional arguments that default to
the real ones, so tests can pass their own and never touch the real home.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

from posture.adapters.private_files import DIR_MODE, make_private_folders, tighten_folder
from posture.core.folder_layout import CONFIG_FILENAME, DataFolder
from posture.errors import UserError
from posture.pose_models.locations import platform_kind, user_config_dir, user_data_dir

log = logging.getLogger(__name__)

PRIVATE_DIR_MODE = DIR_MODE


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
    return user_data_dir(env, platform, home)


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
    given = os.environ if env is None else env
    if given.get("POSTURE_CONFIG"):
        return Path(given["POSTURE_CONFIG"]).expanduser()
    if platform_kind(sys.platform if platform is None else platform) != "xdg":
        return DataFolder(data_folder).config
    return user_config_dir(env, platform, home) / CONFIG_FILENAME


def ensure_private_dir(path: Path) -> Path:
    """Create `path` readable by its owner only (0o700), or tighten it if it exists.

    Posture history is health data. An existing folder is tightened only when the current user
    owns it; someone else's folder is left alone with a warning. A data folder that is itself a
    symbolic link is refused (see `posture.adapters.private_files`). Raises UserError when the
    folder cannot be made or used.
    """
    try:
        make_private_folders(path)
        info = path.lstat()
    except OSError as exc:
        raise UserError(f"Cannot create the data folder {path}: {exc.strerror or exc}.") from exc
    if stat.S_ISLNK(info.st_mode):
        raise UserError(
            f"Cannot use the data folder {path}: it is a symbolic link, and Posture keeps health "
            f"data only in a real folder; pass --data-dir {path.resolve()} (or set "
            "POSTURE_DATA_DIR) instead."
        )
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
        tighten_folder(path)
    except OSError as exc:
        raise UserError(
            f"Cannot make the data folder {path} private: {exc.strerror or exc}."
        ) from exc
    log.info("Made the data folder %s private (mode %o, was %o).", path, PRIVATE_DIR_MODE, mode)
    return path
