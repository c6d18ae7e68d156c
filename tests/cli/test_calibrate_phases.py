"""`calibrate --phases` as a real process with the real model on real frames.

The upright capture from the upright frames of `slouching-or-not` (session B), the "usual
slouch" from its slouch frames; what was learned is said in one line a phase and stored in the
profile. A phase that cannot teach anything stores nothing and exits 2 with one sentence.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.core.baseline import Baseline
from posture.core.folder_layout import DataFolder
from posture.core.learned import learned_phases
from tests.support.cli import run_cli
from tests.support.notify_server import notification_server
from tests.support.videos import frames_of

pytestmark = pytest.mark.e2e  # real processes and the real model: the slow suite


def _folder(tmp_path: Path, name: str, paths: list[Path]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for path in paths:
        shutil.copy(path, folder)
    return folder


def _stored(data: Path) -> Baseline | None:
    history = DataFolder(data).history
    if not history.exists():
        return None
    with SqliteStore.open(history) as store:
        found = store.load_profile(None)
    return None if found is None else Baseline.from_json(found[1])


def test_the_usual_slouch_is_learned_and_stored(shared_data: Path, tmp_path: Path) -> None:
    upright = _folder(tmp_path, "upright", frames_of(shared_data, "notSlouching")[:5])
    slouch = _folder(tmp_path, "slouch", frames_of(shared_data, "isSlouching")[:3])
    data = tmp_path / "data"
    result = run_cli(
        "calibrate", "--source", str(upright), "--data-dir", str(data),
        "--phases", f"slouch={slouch}",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Phase 'slouch'" in result.stdout and "Learned usual slouch: sink_sw" in result.stdout
    stored = _stored(data)
    assert stored is not None and learned_phases(stored) == ("slouch",)
    assert stored.learned["slouch_sink_sw"] > 0.1
    # Without --phases, the same upright capture learns nothing extra, as before.
    plain = run_cli("calibrate", "--source", str(upright), "--data-dir", str(tmp_path / "d2"))
    assert plain.returncode == 0, plain.stderr
    assert "Phase" not in plain.stdout
    again = _stored(tmp_path / "d2")
    assert again is not None and dict(again.learned) == {}


@pytest.mark.parametrize(
    ("phases", "said"),
    [
        ("nap", "'nap' is not a calibration phase; choose from keyboard, screen, slouch"),
        ("slouch", "your usual slouch looked the same as your upright posture"),
        ("keyboard=SIDE", "cannot judge from this view"),
    ],
)
def test_a_phase_that_cannot_teach_is_refused_and_stores_nothing(
    shared_data: Path, tmp_path: Path, phases: str, said: str
) -> None:
    upright = _folder(tmp_path, "upright", frames_of(shared_data, "notSlouching")[:5])
    side = str(shared_data / "side-view" / "hunchback.jpg")
    data = tmp_path / "data"
    result = run_cli(
        "calibrate", "--source", str(upright), "--data-dir", str(data),
        "--phases", phases.replace("SIDE", side),
    )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("posture:")]
    assert len(errors) == 1 and said in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    assert _stored(data) is None


def test_setup_learns_the_phases_asked_for(shared_data: Path, tmp_path: Path) -> None:
    upright = _folder(tmp_path, "upright", frames_of(shared_data, "notSlouching")[:5])
    with notification_server(tmp_path / "desktop") as server:
        env = {
            "HOME": str(tmp_path / "home"),
            "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
            "POSTURE_DATA_DIR": str(tmp_path / "data"),
            "POSTURE_CONFIG": str(tmp_path / "config.toml"),
            **server.env,
        }
        result = run_cli(
            "setup", "--yes", "--source", str(upright), "--phases", "keyboard", env=env
        )
        typo = run_cli("setup", "--yes", "--phases", "keybaord", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "  Learned keyboard: your head nods" in result.stdout
    stored = _stored(tmp_path / "data")
    assert stored is not None and learned_phases(stored) == ("keyboard",)
    # Looking straight ahead as the "keyboard": a nod inside the jitter, not a real one.
    assert abs(stored.learned["keyboard_pitch_deg"]) < 5.0
    assert typo.returncode == 2 and "'keybaord' is not a calibration phase" in typo.stderr
