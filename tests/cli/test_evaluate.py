"""`python run.py evaluate` as a real process: its tables, its JSON, and its refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run_cli


def _env(tmp_path: Path) -> dict[str, str]:
    return {"POSTURE_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path)}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["missing.csv", "--calibration-frames", "3"], "missing.csv: cannot be read"),
        (["{labels}"], "has no 'role' column; give --calibration-frames N"),
        (["{labels}", "--calibration-frames", "0"], "--calibration-frames must be 1 or more"),
        (["{labels}", "--calibration-frames", "1", "--only", "nothing"], "no row of"),
    ],
)
def test_a_mistake_gets_one_sentence_and_status_2(
    tmp_path: Path, args: list[str], words: str
) -> None:
    labels = tmp_path / "labels.csv"
    labels.write_text("path,label,subject\nx.jpg,good,p1\n")
    result = run_cli(
        "evaluate", *[a.replace("{labels}", str(labels)) for a in args], env=_env(tmp_path)
    )
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_unknown_perturbation_is_refused(tmp_path: Path) -> None:
    result = run_cli("evaluate", "labels.csv", "--perturb", "sepia", env=_env(tmp_path))
    assert result.returncode == 2 and "invalid choice: 'sepia'" in result.stderr


@pytest.mark.e2e
def test_json_carries_every_figure_with_its_explanation(
    shared_data: Path, lite_model: Path, tmp_path: Path
) -> None:
    result = run_cli(
        "evaluate",
        str(shared_data / "labels.csv"),
        "--calibration-frames",
        "5",
        "--only",
        "slouching-or-not",
        "--json",
        env=_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["model"] == "lite" and found["perturbation"] is None
    assert set(found["explain"]) >= {"balanced_accuracy", "recall", "specificity", "kind", "nose"}
    sizes = {(g["group"], g["calibration_frames"]) for g in found["calibrations"]}
    assert {("p1/A", 1), ("p1/B", 3), ("p1", 5), ("all", 1)} <= sizes
    loso = {g["group"] for g in found["leave_one_session_out"]}
    assert loso == {"p1/A calibrated in B", "p1/B calibrated in A"}
    session = next(g for g in found["calibrations"] if g["group"] == "p1/A")
    assert session["posture"]["frames"] == {"good": 10, "slouch": 14}
    assert session["nose"]["balanced_accuracy"] is not None
    assert found["accepted"] is True


@pytest.mark.e2e
def test_a_perturbation_shows_the_verdicts_kept(
    shared_data: Path, lite_model: Path, tmp_path: Path
) -> None:
    result = run_cli(
        "evaluate",
        str(shared_data / "labels.csv"),
        "--calibration-frames",
        "3",
        "--only",
        "low-isSlouching__middle",
        "--perturb",
        "mirror",
        env=_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "Calibrations of 1, 3, 5 frames under 'mirror'" in result.stdout
    assert "kept: share of frames whose verdict" in result.stdout
    assert "at least 95 % of verdicts kept: yes" in result.stdout
