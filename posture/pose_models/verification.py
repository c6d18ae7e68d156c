"""Checking model files: against the pinned SHA-256, or, while none is pinned, for structure."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from .bundle import bundle_problem
from .errors import ModelError
from .manifest import VariantSpec

log = logging.getLogger(__name__)

HASH_CHUNK_BYTES = 1024 * 1024


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file at `path`, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _pins(spec: VariantSpec) -> list[tuple[str, int | None]]:
    """The (SHA-256, size) of each source of `spec`, an empty hash where not yet pinned."""
    pins = [(spec.sha256, spec.size)]
    if spec.fallback is not None:
        pins.append((spec.fallback.sha256, spec.fallback.size))
    return pins


def file_problem(path: Path, spec: VariantSpec, members: tuple[str, ...]) -> str | None:
    """What is wrong with the file at `path` as the model `spec`, or None if it is good.

    Good means: its SHA-256 is one pinned for a source of the variant, or, while a source is not
    yet pinned, it is a structurally valid task bundle.
    """
    if not path.is_file():
        return "it is missing"
    pins = _pins(spec)
    size = path.stat().st_size
    sizes = {pinned_size for sha, pinned_size in pins if sha}
    fully_pinned = all(sha and pinned_size for sha, pinned_size in pins)
    if fully_pinned and size not in sizes:
        expected = " or ".join(f"{s:,}" for s in sorted(s for s in sizes if s))
        return f"it has {size:,} bytes where {expected} were expected"
    digest = file_sha256(path)
    if any(sha == digest for sha, _ in pins):
        return None
    if all(sha for sha, _ in pins):
        return f"its SHA-256 {digest} is not one that was pinned"
    return bundle_problem(path, members)


def check_candidate(part: Path, sha256: str, members: tuple[str, ...], what: str) -> None:
    """Refuse the fetched file at `part` unless it matches `sha256` (or, unpinned, is valid)."""
    digest = file_sha256(part)
    if sha256:
        if digest != sha256:
            raise ModelError(f"refused {what}: its SHA-256 is {digest} but {sha256} was expected")
        return
    problem = bundle_problem(part, members)
    if problem is not None:
        raise ModelError(f"refused {what}: {problem}")
    log.warning(
        "accepted %s as a valid task bundle: SHA-256 %s, %d bytes; its hash is not yet pinned "
        "in posture/pose_models/manifest.toml, so pin these values there",
        what,
        digest,
        part.stat().st_size,
    )
