"""Questions in the terminal behind a small `Prompter`, so the setup flow can be tested.

`ConsolePrompter` reads the keyboard; `DefaultsPrompter` (for `setup --yes`) answers every
question with its default and shows what it took. `ask` repeats a question until the answer
parses, and returns `None` when the user skips with "s".
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

from posture.errors import UserError
from posture.ports import Prompter, SetupStopped

T = TypeVar("T")
SKIP_ANSWERS = frozenset({"s", "skip"})


def print_line(text: str) -> None:
    """Print one line at once, so it shows before a long wait even when piped."""
    print(text, flush=True)


def read_line(question: str) -> str:
    """Show `question` on stdout and read one line from stdin (EOFError at the end).

    Not `input(question)`: on a terminal, Python writes that prompt to stderr, which the CLI
    points at the null device to keep native libraries quiet.
    """
    sys.stdout.write(question)
    sys.stdout.flush()
    return input()


class ConsolePrompter:
    """The terminal: `print` and `input`."""

    interactive = True

    def __init__(
        self, read: Callable[[str], str] = read_line, write: Callable[[str], None] = print_line
    ) -> None:
        self._read = read
        self._write = write

    def say(self, text: str = "") -> None:
        """Print a line."""
        self._write(text)

    def ask(self, question: str) -> str:
        """Read one line; end of input stops setup with a hint about --yes."""
        try:
            return self._read(question)
        except EOFError:
            self._write("")
            raise SetupStopped(
                "setup stopped before it was done (no more answers); run "
                "`python run.py setup --yes` to take every default",
                exit_status=1,
            ) from None


class DefaultsPrompter:
    """Takes the default of every question and shows the question with what it took."""

    interactive = False

    def __init__(self, write: Callable[[str], None] = print_line) -> None:
        self._write = write

    def say(self, text: str = "") -> None:
        """Print a line."""
        self._write(text)

    def ask(self, question: str) -> str:
        """Answer with the default (an empty answer)."""
        self._write(f"{question}(default)")
        return ""


def ask(
    prompter: Prompter,
    question: str,
    default: str,
    parse: Callable[[str], T],
    *,
    skippable: bool = True,
    shown_default: str | None = None,
) -> T | None:
    """Ask until the answer parses; the default on Enter, None on "s" when `skippable`."""
    label = default if shown_default is None else shown_default
    suffix = f" [{label}{', s: skip' if skippable else ''}] " if label or skippable else " "
    while True:
        text = prompter.ask(f"{question}{suffix}").strip() or default
        if skippable and text.lower() in SKIP_ANSWERS:
            return None
        try:
            return parse(text)
        except ValueError as exc:
            if not prompter.interactive:
                raise UserError(f"the default answer to '{question}' is not valid: {exc}") from None
            prompter.say(f"  {exc}; try again.")
