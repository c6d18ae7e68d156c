#!/usr/bin/env python3
"""Run Posture from a checkout: `python run.py [COMMAND] ...` (the same as `posture`)."""

import sys

from posture.cli import main

if __name__ == "__main__":
    sys.exit(main())
