"""The nudge on a real X server (Xvfb): shown, its colour is along every edge of the root
window's screenshot and not in the middle; hidden, it is gone. The strips are frameless, on top
and transparent for input (their window flags), so clicks pass through to what is under them."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from posture.desktop.windows.nudge import ISSUE_COLOUR, Nudge, issue_lasts
from tests.support.cli import REPO
from tests.support.notify_server import NotificationServer, notification_server

SCRIPT = REPO / "tests" / "support" / "qt_nudge.py"


def rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])


def screenshot(env: dict[str, str]) -> np.ndarray:
    """The X server's root window as an RGB array (ImageMagick's `import`)."""
    done = subprocess.run(
        ["import", "-window", "root", "png:-"], env=env, capture_output=True, timeout=30
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    bgr = cv2.imdecode(np.frombuffer(done.stdout, np.uint8), cv2.IMREAD_COLOR)
    return np.ascontiguousarray(bgr[..., ::-1])


def share_of(pixels: np.ndarray, colour: str) -> float:
    """The share of `pixels` within a few levels of `colour`."""
    near = np.abs(pixels.reshape(-1, 3).astype(int) - rgb(colour)).max(axis=1) <= 6
    return float(near.mean())


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[NotificationServer]:
    with notification_server(tmp_path / "desktop", dunst=False) as server:
        yield server


class NudgeProcess:
    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(SCRIPT)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.answer() == "ready"

    def answer(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()  # the program answers or exits

    def say(self, line: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.answer()

    def quit(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=30)


@pytest.mark.e2e
def test_the_border_shows_on_every_edge_and_goes(desktop: NotificationServer) -> None:
    env = {
        **os.environ,
        **desktop.env,
        "QT_QPA_PLATFORM": "xcb",
        "PYTHONPATH": str(REPO),
    }
    before = screenshot(env)
    assert share_of(before[:6], ISSUE_COLOUR) == 0.0  # nothing amber before
    nudge = NudgeProcess(env)
    try:
        assert nudge.say("show") == "shown"
        shown = screenshot(env)
        height, width = shown.shape[:2]
        for name, edge in {
            "top": shown[:6],
            "bottom": shown[height - 6 :],
            "left": shown[:, :6],
            "right": shown[:, width - 6 :],
        }.items():
            assert share_of(edge, ISSUE_COLOUR) > 0.95, name
        assert share_of(shown[20 : height - 20, 20 : width - 20], ISSUE_COLOUR) == 0.0
        assert nudge.say("hide") == "hidden"
        hidden = screenshot(env)
        assert share_of(hidden[:6], ISSUE_COLOUR) == 0.0
        assert share_of(hidden[:, :6], ISSUE_COLOUR) == 0.0
    finally:
        nudge.quit()
    assert nudge.proc.returncode == 0


@pytest.mark.parametrize(
    ("status", "lasts"),
    [
        ({"state": "watching", "posture": "slouch"}, True),
        ({"state": "watching", "posture": "forward_head, slouch"}, True),
        ({"state": "watching", "posture": "good"}, False),
        ({"state": "away", "posture": "-"}, False),
        ({"state": "snoozed until 14:30", "posture": "slouch"}, False),
        ({}, False),
    ],
)
def test_an_issue_lasts_only_while_watching_and_not_good(
    status: dict[str, str], lasts: bool
) -> None:
    assert issue_lasts(status) is lasts


def test_the_strips_let_clicks_through_and_stay_on_top(qapp: QApplication) -> None:
    nudge = Nudge()
    try:
        for strip in nudge.strips:
            flags = strip.windowFlags()
            for wanted in (
                Qt.WindowType.WindowTransparentForInput,
                Qt.WindowType.FramelessWindowHint,
                Qt.WindowType.WindowStaysOnTopHint,
                Qt.WindowType.WindowDoesNotAcceptFocus,
            ):
                assert flags & wanted, wanted
        nudge.follow({"state": "watching", "posture": "slouch"}, enabled=False)
        assert not nudge.shown  # off unless the setting is on
        nudge.follow({"state": "watching", "posture": "slouch"}, enabled=True)
        assert nudge.shown and nudge.colour == ISSUE_COLOUR
        nudge.follow({"state": "watching", "posture": "good"}, enabled=True)
        assert not nudge.shown
    finally:
        nudge.close()
