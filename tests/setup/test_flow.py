"""The setup walk-through, every step, with a scripted prompter and a fake world.

Its pure parts have their own tests (test_answers.py, test_framing_advice.py, test_prompter.py);
the real process, driven through a pseudo-terminal and with `--yes`, is in tests/cli/test_setup.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from posture.config.schema import Config
from posture.core.baseline import Baseline
from posture.core.calibration import CalibrationRefused
from posture.errors import UserError
from posture.ports import CameraFound, Look, SetupStopped
from posture.setup.flow import run_setup
from posture.setup.plan import SetupPlan
from posture.setup.prompter import DefaultsPrompter
from tests.support.poses import upright_pose

LIT = np.full((480, 640, 3), 120, np.uint8)
DARK = np.full((480, 640, 3), 20, np.uint8)


class ScriptedPrompter:
    """Answers from a list, in order; records every line said and question asked."""

    interactive = True

    def __init__(self, script: list[str]) -> None:
        self.script = list(script)
        self.questions: list[str] = []
        self.lines: list[str] = []

    def say(self, text: str = "") -> None:
        self.lines.append(text)

    def ask(self, question: str) -> str:
        self.questions.append(question)
        if not self.script:
            raise SetupStopped("the script ran out", exit_status=1)
        return self.script.pop(0)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class FakeWorld:
    """Records what setup did; parts can be set to fail."""

    def __init__(self, tmp: Path, cameras: list[CameraFound] | None = None) -> None:
        self.tmp = tmp
        self.cameras = cameras if cameras is not None else [CameraFound(0, 640, 480)]
        self.provisioned: list[str] = []
        self.calibrations: list[str] = []
        self.refusals = 0
        self.notified: list[str] = []
        self.desktop = True
        self.autostart: Path | None = None
        self.saved: dict[str, dict[str, Any]] | None = None
        self.look_image = LIT

    def provision_model(self, variant: str) -> Path:
        self.provisioned.append(variant)
        return self.tmp / f"{variant}.task"

    def model_ready(self, variant: str) -> bool:
        return True

    def find_cameras(self) -> list[CameraFound]:
        return self.cameras

    def check_source(self, spec: str) -> str:
        if spec.isdigit() or spec == "clip.mp4":
            return spec
        raise UserError(f"{spec}: no such file or folder")

    def look(self, spec: str, variant: str) -> Look:
        return Look(self.look_image, upright_pose())

    def save_snapshot(self, look: Look) -> Path:
        return self.tmp / "setup-snapshot.png"

    def calibrate(
        self, spec: str, variant: str, profile: str, phases: Sequence[str] = ()
    ) -> Baseline:
        self.phases = tuple(phases)
        if self.refusals:
            self.refusals -= 1
            raise CalibrationRefused("you moved too much while calibrating")
        self.calibrations.append(profile)
        learned = {"keyboard_pitch_deg": -18.0} if "keyboard" in phases else {}
        return Baseline({}, {}, 25, 640, 480, learned=learned)

    def test_notification(self, preference: str) -> tuple[str, str]:
        self.notified.append(preference)
        if self.desktop or preference == "native":
            return "dbus/notify-send", ""
        return "log", "no server"

    def enable_autostart(self) -> Path:
        self.autostart = self.tmp / "autostart" / "posture.desktop"
        return self.autostart

    def save_config(self, updates: dict[str, dict[str, Any]]) -> tuple[Config, Path, Path | None]:
        self.saved = updates
        return Config(), self.tmp / "config.toml", None


@pytest.fixture
def world(tmp_path: Path) -> Iterator[FakeWorld]:
    return FakeWorld(tmp_path)


def plan(tmp_path: Path, **kwargs: Any) -> SetupPlan:
    return SetupPlan(
        variant="lite", current=Config(), config_path=tmp_path / "config.toml", **kwargs
    )


def test_every_default(world: FakeWorld, tmp_path: Path) -> None:
    prompter = DefaultsPrompter(write=lambda text: None)
    assert run_setup(prompter, world, plan(tmp_path)) == 0
    assert world.provisioned == ["lite"] and world.calibrations == ["default"]
    assert world.notified == ["auto"] and world.autostart is None
    assert world.saved == {
        "monitor": {"model": "lite", "source": "0"},
        "sitting": {"sit_limit_min": 50.0},
        "coaching": {"quiet_hours_start": "", "quiet_hours_end": ""},
    }


def test_answers_asked_again_and_a_skipped_step(world: FakeWorld, tmp_path: Path) -> None:
    script = [
        "s",  # 1: skip the model (it is already there)
        "7",
        "clip.mp4",  # 2: no camera 7; a video instead
        "",
        "my desk",
        "desk",  # 4: calibrate, a bad name, then a good one
        "",
        "n",
        "carrier pigeon",
        "native",  # 5: not seen; a bad choice, then native
        "45",
        "25:00",
        "22:00",
        "22:00",
        "06:30",
        "y",  # 6: limit, quiet hours, autostart
        "",  # 7: save
    ]
    prompter = ScriptedPrompter(script)
    world.desktop = False
    assert run_setup(prompter, world, plan(tmp_path)) == 0, prompter.text
    assert not prompter.script
    assert world.provisioned == [] and world.calibrations == ["desk"]
    assert world.notified == ["auto", "native"]
    assert world.autostart is not None
    assert world.saved == {
        "monitor": {"notifier": "native"},  # a recording is not saved as the source
        "sitting": {"sit_limit_min": 45.0},
        "coaching": {"quiet_hours_start": "22:00", "quiet_hours_end": "06:30"},
    }
    text = prompter.text
    assert "[1/7] Pose model" in text and "[7/7] Save settings" in text
    assert "there is no camera 7" in text
    assert "'my desk' cannot be a profile name" in text
    assert "type one of: native, log" in text
    assert "'25:00' is not a time" in text and "the end must differ" in text


def test_everything_skipped_writes_nothing(world: FakeWorld, tmp_path: Path) -> None:
    prompter = ScriptedPrompter(["s", "s", "s", "s"])
    assert run_setup(prompter, world, plan(tmp_path)) == 0
    assert world.saved is None and world.calibrations == [] and world.notified == []
    assert "Nothing to save" in prompter.text


def test_source_option_replaces_the_camera_question(world: FakeWorld, tmp_path: Path) -> None:
    prompter = DefaultsPrompter(write=lambda text: None)
    assert run_setup(prompter, world, plan(tmp_path, source="0")) == 0
    assert world.saved is not None and world.saved["monitor"]["source"] == "0"


def test_a_recording_is_used_but_not_saved_as_the_source(world: FakeWorld, tmp_path: Path) -> None:
    lines: list[str] = []
    assert (
        run_setup(DefaultsPrompter(write=lines.append), world, plan(tmp_path, source="clip.mp4"))
        == 0
    )
    assert world.saved is not None and "source" not in world.saved.get("monitor", {})
    assert world.calibrations  # the recording still served the calibration
    text = "\n".join(lines)
    assert "clip.mp4 is a recording, not a camera" in text
    assert "does not save it as the source to watch (Posture keeps watching '0')" in text


def test_no_camera_and_no_answer_skips_calibration(tmp_path: Path) -> None:
    world = FakeWorld(tmp_path, cameras=[])
    lines: list[str] = []
    assert run_setup(DefaultsPrompter(write=lines.append), world, plan(tmp_path)) == 0
    text = "\n".join(lines)
    assert "No camera was found" in text and world.calibrations == []
    assert "calibration needs the pose model and a camera" in text


def test_framing_advice_and_a_second_look(world: FakeWorld, tmp_path: Path) -> None:
    world.look_image = DARK
    prompter = ScriptedPrompter(["", "", "r", "s", "s", "s", "s"])
    original_look = world.look

    def look(spec: str, variant: str) -> Look:
        found = original_look(spec, variant)
        world.look_image = LIT  # the user turned on a lamp
        return found

    world.look = look  # type: ignore[method-assign]
    assert run_setup(prompter, world, plan(tmp_path)) == 0
    assert "too dim" in prompter.text and "the light is good" in prompter.text


def test_a_refused_calibration_can_be_retried(world: FakeWorld, tmp_path: Path) -> None:
    world.refusals = 1
    prompter = ScriptedPrompter(["", "", "", "", "r", "s", "s", "s"])
    assert run_setup(prompter, world, plan(tmp_path)) == 0
    assert "you moved too much" in prompter.text and world.calibrations == ["default"]


def test_a_refused_calibration_given_up_is_a_failure(world: FakeWorld, tmp_path: Path) -> None:
    world.refusals = 5
    prompter = ScriptedPrompter(["", "", "", "", "", "s", "s", ""])
    # A refused calibration is the user's input, not a failure of Posture: exit status 2.
    assert run_setup(prompter, world, plan(tmp_path)) == 2
    assert "calibration did not work" in prompter.text


def test_the_phases_asked_for_are_learned_after_the_upright_calibration(
    world: FakeWorld, tmp_path: Path
) -> None:
    lines: list[str] = []
    result = run_setup(
        DefaultsPrompter(write=lines.append), world, plan(tmp_path, phases=("keyboard",))
    )
    assert result == 0
    assert world.phases == ("keyboard",)
    assert "  Learned keyboard: your head nods 18° down to the keys; that is not a fault." in lines


def test_without_phases_setup_calibrates_upright_only(world: FakeWorld, tmp_path: Path) -> None:
    lines: list[str] = []
    assert run_setup(DefaultsPrompter(write=lines.append), world, plan(tmp_path)) == 0
    assert world.phases == () and not any("Learned" in line for line in lines)
