"""The command line: argument parsing, one module per command, and the only `print`s for users.

Everything below may be imported from here; nothing imports the CLI. `main` is the entry point of
`python run.py`, `python -m posture` and the `posture` script.
"""

from posture.cli.main import main

__all__ = ["main"]
