"""The pose model variants a user can choose, and which one is used when nobody chose.

This is the one list: the config schema's `monitor.model`, the `--model` option and its help,
and `posture.pose_models` all take it from here. The model manifest
(`posture/pose_models/manifest.toml`) is data and cannot import it; a test keeps its variants
equal to this list, in this order.
"""

from __future__ import annotations

from posture.errors import UserError

# Fastest first: the order `models` lists them and the help names them in.
MODEL_VARIANTS = ("lite", "full", "heavy")
DEFAULT_MODEL_VARIANT = "lite"


def variant_choices() -> str:
    """The variants as a phrase for people: "lite, full or heavy"."""
    *head, last = MODEL_VARIANTS
    return f"{', '.join(head)} or {last}" if head else last


def checked_variant(name: str) -> str:
    """The variant `name` names (in any case); `UserError` naming the choices for anything else."""
    variant = name.lower()
    if variant not in MODEL_VARIANTS:
        raise UserError(f"unknown model variant '{variant}'; choose {variant_choices()}")
    return variant
