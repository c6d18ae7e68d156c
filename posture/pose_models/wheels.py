"""Fetching one wheel from the Python package index with pip, the index's ordinary client."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from .errors import ModelError

log = logging.getLogger(__name__)

PIP_TIMEOUT_S = 600


def _normalized(name: str) -> str:
    """A distribution name as it appears in wheel file names (PEP 427: runs of -_. become _)."""
    return "_".join(part for part in name.replace("-", "_").replace(".", "_").split("_") if part)


def find_wheel(directory: Path, package: str, version: str, platform: str = "") -> Path | None:
    """A wheel of `package` `version` (for `platform`, if given) already in `directory`."""
    prefix = f"{_normalized(package).lower()}-{version}-"
    suffix = f"{platform}.whl".lower()
    for path in sorted(directory.glob("*.whl")):
        name = path.name.lower()
        if name.startswith(prefix) and name.endswith(suffix):
            return path
    return None


def pip_download_command(
    package: str, version: str, directory: Path, platform: str = "", python_version: str = ""
) -> list[str]:
    """The pip command that downloads exactly one wheel of `package`==`version` into `directory`.

    With `platform` and `python_version` the wheel for that platform is fetched, whatever the
    host, so a build from it gives the same bytes everywhere.
    """
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--no-cache-dir",
        "--disable-pip-version-check",
        "--only-binary=:all:",
        "-d",
        str(directory),
    ]
    if platform:
        command += ["--platform", platform]
    if python_version:
        command += ["--python-version", python_version, "--implementation", "cp"]
    return [*command, f"{package}=={version}"]


def fetch_wheel(
    package: str, version: str, directory: Path, platform: str = "", python_version: str = ""
) -> Path:
    """The wheel of `package` `version` in `directory`, downloaded with pip unless already there."""
    found = find_wheel(directory, package, version, platform)
    if found is not None:
        log.debug("using the cached wheel %s", found)
        return found
    # pip's own download folder (a scratch folder, or a test's wheel cache), not user data.
    directory.mkdir(parents=True, exist_ok=True)
    command = pip_download_command(package, version, directory, platform, python_version)
    log.info("fetching %s %s from the package index", package, version)
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=PIP_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ModelError(f"could not run pip to fetch {package} {version} ({exc})") from exc
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["no message"])[-1]
        log.debug("pip said:\n%s", result.stderr)
        raise ModelError(f"the package index did not provide {package} {version} ({detail})")
    found = find_wheel(directory, package, version, platform)
    if found is None:
        raise ModelError(f"pip reported success but left no wheel of {package} {version}")
    return found
