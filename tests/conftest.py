"""Shared fixtures: where the real test data and the real, provisioned models are.

Nothing here skips: a test that cannot find what it needs fails and says what is missing.
Helpers live in `tests/support/`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import provisioned_model, shared_data_dir


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real photos and videos (`../shared/data`), read in place and never copied."""
    path = shared_data_dir()
    if not (path / "labels.csv").is_file():
        pytest.fail(f"the shared test data is missing at {path} (set POSTURE_SHARED_DATA)")
    return path


@pytest.fixture(scope="session")
def lite_model() -> Path:
    return provisioned_model("lite")


@pytest.fixture(scope="session")
def full_model() -> Path:
    return provisioned_model("full")
