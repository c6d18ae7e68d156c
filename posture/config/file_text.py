"""Reading a config file safely: a regular file of sane size, or one sentence saying why not.

A path given as `--config` may be anything: `/dev/zero` (endless), a FIFO (a read that never
returns), a symlink loop, a folder, a huge file. Only a regular file of at most
MAX_CONFIG_BYTES is read, opened without blocking so a FIFO cannot hang the command.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from posture.errors import shown

MAX_CONFIG_BYTES = 1 << 20  # a config is a few KB; a megabyte is already a mistake


class ConfigFileRefused(ValueError):
    """The config path names something that is not a readable regular file of sane size."""


def read_config_text(path: Path) -> str | None:
    """The UTF-8 text of the config file at `path`, None when nothing is there.

    Raises ConfigFileRefused with the reason: a link that leads nowhere or in a loop, a device,
    a pipe, a folder, a file too large, unreadable or not UTF-8.
    """
    where = shown(str(path))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        if os.path.lexists(path):
            raise ConfigFileRefused(f"{where} is a link to nothing") from None
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ConfigFileRefused(f"{where} is a symbolic link that loops") from None
        raise ConfigFileRefused(f"{where} cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigFileRefused(
                f"{where} cannot be read as a configuration file: it is not a regular file "
                "(but a folder, device or pipe)"
            )
        if info.st_size > MAX_CONFIG_BYTES:
            raise ConfigFileRefused(
                f"{where} is {info.st_size} bytes, too large for a configuration file "
                f"(at most {MAX_CONFIG_BYTES // 1024} KB)"
            )
        data = os.read(fd, MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigFileRefused(f"{where} cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigFileRefused(f"{where} is not UTF-8 text") from None
