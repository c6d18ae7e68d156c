"""The command line: argument parsing, one module per command, and the only `print`s for users.

`main` builds the parser (the common options; each module in `commands/` adds its own) and runs
the chosen command. The work several commands share is here beside it, with typed parameters:
`calibrating` (calibrate, demo), `monitoring` (run, demo), `reporting` (report, demo), and
`watch_options` (the options of run that start passes on). Everything below may be imported
from here; nothing imports the CLI. `main` is the entry point of `python run.py`,
`python -m posture` and the `posture` script.
"""

from posture.cli.main import main

__all__ = ["main"]
