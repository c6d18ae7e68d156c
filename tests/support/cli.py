"""Running Posture as a user would, and finding what the tests need: the checkout, the models.

Nothing here skips: a test that cannot find what it needs fails and says what is missing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    """`../shared/data` beside the checkout, or `$POSTURE_SHARED_DATA`."""
    override = os.environ.get("POSTURE_SHARED_DATA")
    return Path(override) if override else REPO.parent / "shared" / "data"


def provisioned_model(variant: str) -> Path:
    """The model file the project's own setup step provisioned; fail loudly when absent."""
    from posture.adapters.private_files import replacing_own
    from posture.pose_models.provision import ensure_model

    try:
        return ensure_model(variant, offline=True, replace=replacing_own)
    except Exception as exc:
        pytest.fail(f"the {variant} pose model is not provisioned ({exc}); run scripts/test")


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python run.py ARGS` as a real process and capture its output."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, str(REPO / "run.py"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        cwd=cwd or REPO,
    )
