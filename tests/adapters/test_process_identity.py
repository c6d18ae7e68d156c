"""Telling Posture's own processes from others by their command lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from posture.adapters.process_identity import is_posture, runs_posture
from tests.support.cli import REPO


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([sys.executable, str(REPO / "run.py"), "run"], True),
        (["python3", "run.py", "run", "--source", "0"], True),  # relative to its cwd, REPO
        ([sys.executable, "-m", "posture", "run"], True),
        ([sys.executable, "/usr/local/bin/posture", "run"], True),
        (["/usr/local/bin/posture", "run"], True),
        (["sleep", "300"], False),
        ([sys.executable, "/tmp/run.py"], False),  # a run.py with no posture package beside it
        ([sys.executable, "-m", "http.server"], False),
        (["vim", "run.py"], False),  # run.py here, but no package beside the cwd
        ([], False),
    ],
)
def test_a_command_line_runs_posture_or_not(args: list[str], expected: bool) -> None:
    cwd = Path("/") if args[:1] == ["vim"] else REPO
    assert runs_posture(args, cwd) is expected


def test_a_live_process_that_is_not_posture_is_told_apart() -> None:
    sleeper = subprocess.Popen(["sleep", "300"])
    try:
        assert is_posture(sleeper.pid) is False
    finally:
        sleeper.kill()
        sleeper.wait()
    assert is_posture(sleeper.pid) is False  # gone


def test_this_test_runner_is_not_posture() -> None:
    import os

    assert is_posture(os.getpid()) is False
