"""The terminal prompter: the end of input stops setup with a hint."""

from __future__ import annotations

import pytest

from posture.ports import SetupStopped
from posture.setup.prompter import ask


def test_end_of_input_stops_with_a_hint() -> None:
    from posture.setup.prompter import ConsolePrompter

    def read(question: str) -> str:
        raise EOFError

    with pytest.raises(SetupStopped, match="--yes"):
        ask(ConsolePrompter(read=read, write=lambda text: None), "Name", "x", str)
