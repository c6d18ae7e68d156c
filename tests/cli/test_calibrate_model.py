"""`calibrate` uses the model variant of the config (as `run` does), unless --model says else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.videos import frames_of

pytestmark = pytest.mark.e2e  # real processes and the real model: the slow suite


@pytest.mark.parametrize(("flag", "used"), [((), "full"), (("--model", "lite"), "lite")])
def test_calibrate_uses_the_configured_model(
    shared_data: Path, tmp_path: Path, flag: tuple[str, ...], used: str
) -> None:
    upright = tmp_path / "upright"
    upright.mkdir()
    for path in frames_of(shared_data, "notSlouching")[:3]:
        shutil.copy(path, upright)
    config = tmp_path / "config.toml"
    config.write_text('[monitor]\nmodel = "full"\n')
    data = tmp_path / "data"
    result = run_cli(
        "calibrate", "--source", str(upright), "--config", str(config), "--data-dir", str(data),
        *flag,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"with the {used} pose model" in result.stdout
