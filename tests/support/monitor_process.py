"""Real monitor processes for the tests: a sandboxed home, a long replay, bounded waits.

Every process is started with HOME, XDG_* and POSTURE_DATA_DIR in a temporary folder and the
`log` notifier, so nothing touches the real home or needs a desktop. A 3-hour video at 1 fps
replays in a minute or two, which keeps a monitor alive long enough to talk to it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import pytest

from posture.adapters.single_instance import running_pid
from posture.core.folder_layout import DataFolder
from tests.support.cli import REPO, run_cli
from tests.support.videos import frames_of, load, write_video

LONG_VIDEO_S = 3 * 3600.0
POLL_S = 0.05


def long_video(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    """A 3-hour MJPG video (224x224, 1 fps) of a real sitter, built once per test session."""
    path = tmp_path_factory.getbasetemp() / "sitter-3h.avi"
    if not path.exists():
        frames = [
            cv2.resize(f, (224, 224)) for f in load(frames_of(shared_data, "notSlouching")[:5])
        ]
        part = path.with_suffix(".part.avi")
        write_video(part, [(frames, LONG_VIDEO_S)], fps=1.0)
        part.replace(path)
    return path


def wait_for(condition: Callable[[], Any], timeout_s: float, what: str) -> Any:
    """Poll `condition` until it returns something true; fail naming `what` after the timeout."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout_s:g} s waiting for {what}")
        time.sleep(POLL_S)


def processes_using(folder: Path) -> list[int]:
    """Live processes whose command line names `folder` (zombies have no command line)."""
    needle = str(folder).encode()
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if needle in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:
            continue
    return [pid for pid in found if pid != os.getpid()]


@dataclass
class Sandbox:
    """A private home, data folder and config for one test's monitor processes."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def config(self) -> Path:
        return self.root / "config.toml"

    @property
    def run_log(self) -> Path:
        """What a `replay_in_background` process printed."""
        return self.root / "run.log"

    @property
    def env(self) -> dict[str, str]:
        home = self.root / "home"
        return {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "POSTURE_DATA_DIR": str(self.data_dir),
            "POSTURE_CONFIG": str(self.config),
        }

    def prepare(self) -> Sandbox:
        (self.root / "home").mkdir(parents=True, exist_ok=True)
        self.config.write_text('[monitor]\nnotifier = "log"\n', encoding="utf-8")
        return self

    def cli(self, *args: str, timeout: float = 120) -> Any:
        """`python run.py ARGS` in the sandbox."""
        return run_cli(*args, env=self.env, timeout=timeout)

    def replay_in_background(self, video: Path) -> subprocess.Popen[bytes]:
        """`python run.py run --source VIDEO` as a background process, the one instance of the
        data folder (so `status` and `stop` work on it): a recording replays on its own clock as
        fast as the machine allows (`start` takes cameras and streams only). What it prints
        (its log lines among them) goes to `run_log`."""
        with self.run_log.open("wb") as printed:
            process = subprocess.Popen(
                [sys.executable, str(REPO / "run.py"), "run", "--source", str(video)],
                env={**os.environ, **self.env},
                stdin=subprocess.DEVNULL,
                stdout=printed,
                stderr=subprocess.STDOUT,
            )
        wait_for(lambda: self.running_pid() is not None, 90, "the replay holding the data folder")
        return process

    def running_pid(self) -> int | None:
        return running_pid(self.data_dir)

    def status_file(self) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads((DataFolder(self.data_dir).status).read_text())
        except (OSError, ValueError):
            return {}
        return data

    def kill_leftovers(self) -> None:
        """SIGKILL any monitor this sandbox started and a failed test left running."""
        for pid in processes_using(self.data_dir):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
