"""The real parts the command line puts behind setup's world: the camera probe, the config
file writer, and the owner-only snapshot."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import numpy as np
import pytest

from posture.adapters.opencv_probe import probe_cameras
from posture.ports import CameraFound

LIT = np.full((480, 640, 3), 120, np.uint8)


class FakeCapture:
    def __init__(self, index: int) -> None:
        self.index = index
        self.released = False

    def isOpened(self) -> bool:  # noqa: N802 - OpenCV's name
        return self.index in (0, 2, 3)

    def read(self) -> tuple[bool, np.ndarray | None]:
        return (self.index != 3, LIT if self.index != 3 else None)

    def release(self) -> None:
        self.released = True


def test_probe_lists_cameras_that_deliver_a_picture() -> None:
    made: list[FakeCapture] = []

    def opener(index: int) -> FakeCapture:
        made.append(FakeCapture(index))
        return made[-1]

    assert probe_cameras(range(6), opener) == [CameraFound(0, 640, 480), CameraFound(2, 640, 480)]
    assert all(c.released for c in made) and len(made) == 6


def test_probe_of_real_indices_is_quiet(capfd: pytest.CaptureFixture[str]) -> None:
    probe_cameras()  # no camera here; OpenCV would warn about each index
    assert "VIDEOIO" not in capfd.readouterr().err


def test_snapshot_is_owner_only(tmp_path: Path) -> None:
    from posture.adapters.private_files import write_owner_only

    target = tmp_path / "data" / "setup-snapshot.png"
    write_owner_only(target, b"png")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert os.listdir(target.parent) == ["setup-snapshot.png"]
