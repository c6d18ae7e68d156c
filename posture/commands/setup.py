"""`setup`: provision the pose model."""

from __future__ import annotations

import argparse

from posture.commands.common import model_variant, provision_model


def run(args: argparse.Namespace) -> int:
    """Provision the chosen model variant."""
    variant = model_variant(args)
    path = provision_model(variant, offline=bool(args.offline))
    print(f"Pose model '{variant}' is ready: {path}")
    return 0
