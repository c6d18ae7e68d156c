"""What every setup step shares: what it is given, what it leaves behind, and how it opens.

A step is a function `(prompter, world, plan, outcome) -> None`: `SetupPlan` is what the user
gave on the command line and the settings as they are, `Outcome` gathers what the steps did
and the settings to write, and each step opens with its numbered `header` and, when it does
something the user may not want now, a `go_on` question that Enter accepts and "s" skips.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from posture.config.schema import Config
from posture.ports import Look, Prompter, SetupWorld
from posture.setup.prompter import ask

STEPS = 7


@dataclass
class SetupPlan:
    """What the user gave on the command line and what the settings are now."""

    variant: str
    current: Config
    config_path: Path
    source: str | None = None  # --source: the camera step asks nothing
    profile: str = "default"
    # --phases: the optional calibration phases after the upright one (posture.core.learned).
    phases: tuple[str, ...] = ()


@dataclass
class Outcome:
    """What setup did; `updates` are the settings to write."""

    updates: dict[str, dict[str, Any]] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    # A failure that was the user's input (a calibration refused: a side view, nobody in view):
    # setup then ends with exit status 2, like any other command given a mistake.
    refused: bool = False
    source: str | None = None
    look: Look | None = None
    model: bool = False

    def set(self, section: str, key: str, value: Any) -> None:
        """Remember one setting to write."""
        self.updates.setdefault(section, {})[key] = value


def header(prompter: Prompter, number: int, title: str) -> None:
    """A step's numbered header."""
    prompter.say("")
    prompter.say(f"[{number}/{STEPS}] {title}")


def _go_ahead(text: str) -> bool:
    answer = text.strip().lower()
    if answer in {"y", "yes"}:
        return True
    if answer in {"n", "no"}:
        return False
    raise ValueError("press Enter to go ahead, or type s to skip this step")


def go_on(prompter: Prompter, question: str) -> bool:
    """A step's first question: Enter (or y) does it, "s" (or n) skips it."""
    return ask(prompter, question, "yes", _go_ahead, shown_default="Enter: yes") is True


Step = Callable[[Prompter, SetupWorld, SetupPlan, Outcome], None]
