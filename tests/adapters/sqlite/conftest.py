"""A history database in a temporary folder, opened with a scripted clock.

Nothing here touches the real home folder: every path is under `tmp_path`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.core.folder_layout import DataFolder
from tests.support.history_db import ScriptedClock


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return DataFolder(tmp_path / "data").history


@pytest.fixture
def clock() -> ScriptedClock:
    return ScriptedClock()


@pytest.fixture
def store(db_path: Path, clock: ScriptedClock) -> Iterator[SqliteStore]:
    opened = SqliteStore.open(db_path, clock=clock)
    yield opened
    opened.close()
