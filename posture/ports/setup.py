"""The seams of the guided setup: the prompter that talks to the user and the world that
setup acts on (model, cameras, calibration, notifications, autostart, config)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from posture.config.schema import Config
from posture.core.baseline import Baseline
from posture.core.frame import Image
from posture.core.landmarks import Pose
from posture.errors import UserError
from posture.ports.frames import CameraFound

# -- Setup ------------------------------------------------------------------------------------


class SetupStopped(UserError):
    """The user ended the questions (end of input) before setup was done."""


class Prompter(Protocol):
    """Says things and asks questions."""

    @property
    def interactive(self) -> bool:
        """False when nobody answers (answers are the defaults)."""
        ...

    def say(self, text: str = "") -> None:
        """Show a line."""
        ...

    def ask(self, question: str) -> str:
        """Show `question` and return the answer as typed."""
        ...


@dataclass(frozen=True)
class Look:
    """One picture from the source and the person found in it, if any."""

    image: Image
    pose: Pose | None


class SetupWorld(Protocol):
    """What setup does to the world; the command builds the real one, tests a fake."""

    def provision_model(self, variant: str) -> Path:
        """The verified model file, fetched when missing (UserError when it cannot be)."""
        ...

    def model_ready(self, variant: str) -> bool:
        """Whether a verified model file is already there."""
        ...

    def find_cameras(self) -> list[CameraFound]:
        """The cameras that deliver a picture."""
        ...

    def check_source(self, spec: str) -> str:
        """The source as it is to be saved (files made absolute); UserError if it won't open."""
        ...

    def look(self, spec: str, variant: str) -> Look:
        """One picture from the source, with the pose model's view of it."""
        ...

    def save_snapshot(self, look: Look) -> Path:
        """Save the picture with the skeleton drawn, owner-only; where it went."""
        ...

    def calibrate(
        self, spec: str, variant: str, profile: str, phases: Sequence[str] = ()
    ) -> Baseline:
        """Capture and store the profile, then learn the optional `phases` from the same
        source (CalibrationRefused/PhaseRefused/UserError with the reason; nothing stored)."""
        ...

    def test_notification(self, preference: str) -> tuple[str, str]:
        """Send the test notification: the backend that took it ("log" when no other did),
        and why the first that failed did not."""
        ...

    def enable_autostart(self) -> Path:
        """Install the login entry; where it is (UserError when that cannot be done)."""
        ...

    def save_config(self, updates: dict[str, dict[str, Any]]) -> tuple[Config, Path, Path | None]:
        """Write the settings; the loaded result, the file, and where a broken old file went."""
        ...
