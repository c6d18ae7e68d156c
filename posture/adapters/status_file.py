"""The status file (`DataFolder.status`): what a running monitor sees, for `status`.

The loop publishes through it every few seconds; `start` and `status` read it back. Each file
carries the writer's pid, so a file left by an earlier monitor is never taken for this one's.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from posture.adapters.private_files import write_owner_only

log = logging.getLogger(__name__)


class StatusFile:
    """A `StatusBoard` that replaces one owner-only JSON file, atomically."""

    def __init__(self, path: Path, pid: int | None = None) -> None:
        self.path = path
        self._pid = os.getpid() if pid is None else pid
        self._failing = False

    def publish(self, status: Mapping[str, Any]) -> None:
        """Replace the file with `status` and this process's pid; a failure is only logged."""
        data = json.dumps({**status, "pid": self._pid}).encode("utf-8")
        try:
            # The name is Posture's own: a link left there is replaced, never followed.
            write_owner_only(self.path, data, sync=False, replace_link=True)
        except OSError as exc:
            if not self._failing:
                log.warning(
                    "cannot write the status file %s (%s); `status` shows the last one written",
                    self.path,
                    exc.strerror or exc,
                )
            self._failing = True
            return
        if self._failing:
            log.warning("the status file %s is written again", self.path)
        self._failing = False


def read_status(path: Path, pid: int) -> dict[str, Any]:
    """The status file's fields when process `pid` wrote it; empty while it is starting."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("pid") != pid:
        return {}  # an older monitor's file: this one has not written yet
    return data


def status_written_by(path: Path, pid: int) -> bool:
    """Whether the status file at `path` was written by the process `pid`."""
    return bool(read_status(path, pid))


def storage_problem(folder: Path, files: tuple[Path, ...]) -> str:
    """A sentence when the data folder or one of `files` cannot be written now, else "".

    `access(W_OK)` sees read-only mounts, immutable files and permissions; a missing file is
    fine (it is made when needed).
    """
    for path in (folder, *files):
        if not os.access(path, os.W_OK, follow_symlinks=False) and os.path.lexists(path):
            return f"{path} cannot be written now (a read-only disk or folder, or permissions)"
    return ""
