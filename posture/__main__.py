"""`python -m posture`: the same as `python run.py` and the `posture` command."""

import sys

from posture.cli import main

if __name__ == "__main__":
    sys.exit(main())
