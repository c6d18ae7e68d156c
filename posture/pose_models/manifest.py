"""The model manifest (`manifest.toml`) as typed, frozen values.

Parsing is strict: a missing or mistyped key raises `ModelError` naming it, so a bad edit of the
manifest fails at once instead of turning into a silent `None` later.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ModelError

MANIFEST_NAME = "manifest.toml"


@dataclass(frozen=True)
class MemberSpec:
    """One TFLite model taken from a wheel into a built task bundle, with its normalization."""

    source: str
    target: str
    norm_mean: float
    norm_std: float


@dataclass(frozen=True)
class FallbackSpec:
    """Where a variant comes from when Google's storage cannot be reached: a wheel on the index.

    `kind` is "wheel-member" (the task file is a member of the wheel, copied as it is) or
    "built-from-wheel" (the task bundle is built from TFLite members of the wheel).
    An empty `sha256` means not yet pinned.
    """

    kind: str
    package: str
    version: str
    sha256: str
    size: int | None
    member: str = ""
    platform: str = ""
    python_version: str = ""
    members: tuple[MemberSpec, ...] = ()


@dataclass(frozen=True)
class VariantSpec:
    """One model variant: its file name, official source, licence and pinned hash (empty if not)."""

    name: str
    file: str
    url: str
    licence: str
    licence_source: str
    sha256: str
    size: int | None
    fallback: FallbackSpec | None


@dataclass(frozen=True)
class Manifest:
    """All variants, in manifest order, and the members every task bundle must hold."""

    variants: Mapping[str, VariantSpec]
    bundle_members: tuple[str, ...]

    def variant(self, name: str) -> VariantSpec:
        """The named variant; `ModelError` for a name the manifest does not know."""
        try:
            return self.variants[name]
        except KeyError:
            choices = ", ".join(self.variants)
            if len(self.variants) > 1:
                head, _, last = choices.rpartition(", ")
                choices = f"{head} or {last}"
            raise ModelError(f"unknown model variant '{name}'; choose {choices}") from None


def _get(table: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = table.get(key)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ModelError(f"the model manifest needs {kind.__name__} '{key}' in [{where}]")
    return value


def _size(table: Mapping[str, Any], where: str) -> int | None:
    """An optional size: absent or 0 means not yet pinned."""
    if "size" not in table:
        return None
    size = _get(table, "size", int, where)
    return int(size) if size > 0 else None


def _sha256(table: Mapping[str, Any], where: str) -> str:
    digest = str(_get(table, "sha256", str, where)).lower()
    if digest and (len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest)):
        raise ModelError(f"the model manifest has a malformed sha256 in [{where}]")
    return digest


def _member(table: Mapping[str, Any], where: str) -> MemberSpec:
    return MemberSpec(
        source=_get(table, "source", str, where),
        target=_get(table, "target", str, where),
        norm_mean=_get(table, "norm_mean", float, where),
        norm_std=_get(table, "norm_std", float, where),
    )


def _fallback(table: Mapping[str, Any], where: str) -> FallbackSpec:
    kind = _get(table, "kind", str, where)
    common = {
        "kind": kind,
        "package": _get(table, "package", str, where),
        "version": _get(table, "version", str, where),
        "sha256": _sha256(table, where),
        "size": _size(table, where),
    }
    if kind == "wheel-member":
        return FallbackSpec(**common, member=_get(table, "member", str, where))
    if kind == "built-from-wheel":
        members = _get(table, "members", list, where)
        return FallbackSpec(
            **common,
            platform=str(table.get("platform", "")),
            python_version=str(table.get("python_version", "")),
            members=tuple(_member(m, f"{where}.members") for m in members),
        )
    raise ModelError(f"the model manifest has an unknown fallback kind '{kind}' in [{where}]")


def parse_manifest(text: str) -> Manifest:
    """Parse the manifest's TOML text into a `Manifest`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ModelError(f"the model manifest is not valid TOML ({exc})") from exc
    members = _get(data.get("bundle", {}), "members", list, "bundle")
    variants: dict[str, VariantSpec] = {}
    for name, table in _get(data, "variants", dict, "variants").items():
        where = f"variants.{name}"
        fallback = table.get("fallback")
        variants[name] = VariantSpec(
            name=name,
            file=_get(table, "file", str, where),
            url=_get(table, "url", str, where),
            licence=_get(table, "licence", str, where),
            licence_source=_get(table, "licence_source", str, where),
            sha256=_sha256(table, where),
            size=_size(table, where),
            fallback=_fallback(fallback, f"{where}.fallback") if fallback is not None else None,
        )
    return Manifest(variants=variants, bundle_members=tuple(str(m) for m in members))


def load_manifest() -> Manifest:
    """The manifest shipped with this package."""
    text = Path(__file__).with_name(MANIFEST_NAME).read_text(encoding="utf-8")
    return parse_manifest(text)
