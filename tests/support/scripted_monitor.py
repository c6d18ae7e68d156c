"""A monitor on a script: a camera, a pose model and a notifier that show and record what a
test says at each moment, on a fixed clock, with the real store and the real rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC

import numpy as np

from posture.adapters.sqlite.store import SqliteStore
from posture.config.schema import Config
from posture.core.baseline import frame_values, robust_baseline
from posture.core.exercises import load_exercises
from posture.core.frame import Frame, Image, is_blank
from posture.core.landmarks import LM, Pose
from posture.monitor.step import Monitor
from tests.support.poses import moved, upright_pose

T0 = 1_800_000_000.0  # a fixed UTC moment
PERSON = np.full((480, 640, 3), 120, np.uint8)
PERSON[100:400, 200:450] = 200  # something with texture, not a blank frame
BLACK = np.zeros((480, 640, 3), np.uint8)


class ScriptedCamera:
    """Shows what the script says at each moment; counts opens and releases."""

    live = True

    def __init__(self, script: Callable[[float], Image | None]) -> None:
        self.script = script
        self.open = False
        self.releases = 0
        self.looks = 0

    def frame_at(self, now_s: float) -> Frame | None:
        image = self.script(now_s - T0)
        if image is None:
            return None
        self.open = True
        self.looks += 1
        return Frame(image, now_s, self.looks, "scripted")

    def release(self) -> None:
        if self.open:
            self.releases += 1
        self.open = False

    def close(self) -> None:
        self.open = False


class ScriptedPose:
    """A pose chosen by the scripted time; never consulted for blank frames."""

    def __init__(self, script: Callable[[float], Pose | None]) -> None:
        self.script = script
        self.calls = 0

    def detect(self, image: Image, time_s: float) -> list[Pose]:
        self.calls += 1
        assert not is_blank(image), "a blank frame must not reach the model"
        pose = self.script(time_s - T0)
        return [] if pose is None else [pose]

    def close(self) -> None:
        pass


class RecordingNotifier:
    name = "recording"

    def __init__(self) -> None:
        self.sent: list[tuple[float, str, str]] = []
        self.now = 0.0

    def notify(self, title: str, message: str) -> bool:
        self.sent.append((self.now, title, message))
        return True


UPRIGHT = upright_pose()
SLOUCHED = upright_pose()
for _lm in LM:
    SLOUCHED = moved(SLOUCHED, _lm, dy_px=60)  # the whole body sinks by a third of a shoulder


def make_monitor(
    store: SqliteStore,
    camera: ScriptedCamera,
    pose: ScriptedPose,
    config: Config | None = None,
    paused: Callable[[float], str] = lambda now: "",
) -> tuple[Monitor, RecordingNotifier]:
    notifier = RecordingNotifier()
    baseline = robust_baseline([frame_values(UPRIGHT, 0.5)] * 5, 640, 480)
    monitor = Monitor(
        camera=camera,
        pose=pose,
        notifier=notifier,
        store=store,
        config=config or Config(),
        baseline=baseline,
        library=load_exercises(),
        zone=UTC,
        profile="desk",
        paused=paused,
    )
    return monitor, notifier


def drive(monitor: Monitor, notifier: RecordingNotifier, until_s: float) -> list[float]:
    """Step on the scripted clock; returns the delays the monitor asked for."""
    now, delays = T0, []
    while now < T0 + until_s:
        notifier.now = now - T0
        delay = monitor.step(now)
        delays.append(delay)
        now += delay
    monitor.close(now)
    return delays
