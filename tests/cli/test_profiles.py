"""`profiles`: list, switch and delete calibration profiles, with real processes and the model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.cli import run_cli

pytestmark = pytest.mark.e2e  # real processes; calibrating loads the pose model


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "POSTURE_DATA_DIR": str(tmp_path / "data"),
    }


def _listed(tmp_path: Path) -> list[tuple[bool, str]]:
    result = run_cli("profiles", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    rows = [re.match(r"([* ]) (\S+)  \(calibrated ", line) for line in result.stdout.splitlines()]
    return [(row.group(1) == "*", row.group(2)) for row in rows if row]


def test_list_use_and_delete(shared_data: Path, tmp_path: Path, lite_model: Path) -> None:
    env = _env(tmp_path)
    empty = run_cli("profiles", env=env)
    assert empty.returncode == 0 and "No calibration profiles yet" in empty.stdout
    picture = str(shared_data / "portraits" / "astronaut.png")
    for name in ("desk", "laptop"):
        made = run_cli("calibrate", "--source", picture, "--profile", name, env=env)
        assert made.returncode == 0, made.stderr
    assert _listed(tmp_path) == [(False, "desk"), (True, "laptop")]
    used = run_cli("profiles", "use", "desk", env=env)
    assert used.returncode == 0 and "Profile 'desk' is now active" in used.stdout
    assert _listed(tmp_path) == [(True, "desk"), (False, "laptop")]
    watched = run_cli("run", "--source", picture, env=env)
    assert watched.returncode == 0, watched.stderr  # judged against the now active profile
    assert "no calibration yet" not in watched.stderr
    deleted = run_cli("profiles", "delete", "desk", env=env)
    assert deleted.returncode == 0
    assert deleted.stdout.strip() == "Deleted profile 'desk'. No profile is active now."
    assert _listed(tmp_path) == [(False, "laptop")]


@pytest.mark.parametrize(
    "args",
    [
        ["profiles", "use", "nope"],
        ["profiles", "delete", "nope"],
        ["run", "--profile", "nope", "--source", "PICTURE"],
        ["analyze", "--profile", "nope", "PICTURE"],
    ],
)
def test_an_unknown_profile_names_the_ones_that_exist(
    args: list[str], shared_data: Path, tmp_path: Path, lite_model: Path
) -> None:
    env = _env(tmp_path)
    picture = str(shared_data / "portraits" / "astronaut.png")
    made = run_cli("calibrate", "--source", picture, "--profile", "desk", env=env)
    assert made.returncode == 0, made.stderr
    result = run_cli(*[picture if a == "PICTURE" else a for a in args], env=env)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "posture: there is no calibration profile named 'nope'; the profiles are: desk "
        "(or run `python run.py calibrate --profile nope`)"
    )
    assert _listed(tmp_path) == [(True, "desk")]  # nothing changed


@pytest.mark.parametrize("name", ["a b", "\x1b[2J", "x" * 5000, ""])
@pytest.mark.parametrize("command", ["calibrate", "setup", "run", "profiles"])
def test_one_name_rule_and_one_sentence_for_every_command(
    command: str, name: str, shared_data: Path, tmp_path: Path
) -> None:
    picture = str(shared_data / "portraits" / "astronaut.png")
    args = {
        "calibrate": ["calibrate", "--source", picture, "--profile", name],
        "setup": ["setup", "--yes", "--source", picture, "--profile", name],
        "run": ["run", "--source", picture, "--profile", name],
        "profiles": ["profiles", "use", name],
    }[command]
    result = run_cli(*args, env=_env(tmp_path), timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert "use letters, digits, - and _ only, at most 40 characters" in last
    assert "\x1b" not in result.stderr and len(last) < 300
