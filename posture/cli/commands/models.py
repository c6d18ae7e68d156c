"""`models`: list the pose model variants and whether each is present and verified."""

from __future__ import annotations

import argparse

HELP = "list the pose models present"
DESCRIPTION = None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options beyond the common ones."""


def run(args: argparse.Namespace) -> int:
    """Print one line per variant."""
    from posture.pose_models.provision import list_models

    print(f"{'variant':<8} {'state':<12} {'size':>12}  path")
    for status in list_models():
        state = "verified" if status.verified else ("damaged" if status.present else "missing")
        size = f"{status.size:,}" if status.present else "-"
        print(f"{status.variant:<8} {state:<12} {size:>12}  {status.path}")
    return 0
