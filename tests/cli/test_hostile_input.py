"""Hostile and mistaken input on the command line: one sentence, exit status 2, no traceback.

Real processes, as a user would type each command; the data folder and config are temporary.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import run_cli, shared_data_dir
from tests.support.hostile_configs import HOSTILE_CONFIGS
from tests.support.hostile_files import claims_huge_png, png_bomb

pytestmark = pytest.mark.e2e  # real processes (and, for `analyze`, the real model)

PICTURE = "portraits/astronaut.png"
LABELS = "labels.csv"
VIDEO = "pose-reference/pose_squats.mp4"
MAX_SENTENCE = 300  # a sentence, not the 5,000 characters the user typed echoed back


def _cases(picture: str, video: str, existing_file: str) -> dict[str, list[str]]:
    return {
        "report before year 1": ["report", "--date", "0001-01-01"],
        "report on the last day": ["report", "--date", "9999-12-31"],
        "week report before year 1": ["report", "--week", "--date", "0001-01-01"],
        "5000-character time zone": ["report", "--timezone", "A" * 5000],
        "snooze of 10^20 hours": ["snooze", "99999999999999999999h"],
        "calibrate for nan seconds": ["calibrate", "--seconds", "nan", "--source", picture],
        "calibrate for inf seconds": ["calibrate", "--seconds", "inf", "--source", picture],
        "replay in year 1": ["run", "--replay-start", "0001-01-01", "--source", video],
        "run with an empty profile": ["run", "--profile", "", "--source", picture],
        "calibrate an empty profile": ["calibrate", "--profile", "", "--source", picture],
        "analyze an empty profile": ["analyze", "--profile", "", picture],
        "annotate onto a file": ["analyze", "--annotate", existing_file, picture],
        "300-character source for run": ["run", "--source", "x" * 300],
        "300-character source for calibrate": ["calibrate", "--source", "x" * 300],
        "300-character path for analyze": ["analyze", "x" * 300],
    }


CASE_NAMES = list(_cases("", "", ""))


@pytest.mark.parametrize("case", CASE_NAMES)
def test_a_mistake_is_one_sentence_and_status_2(case: str, tmp_path: Path) -> None:
    data = shared_data_dir()
    existing = tmp_path / "annotated.png"
    existing.write_bytes(b"not a folder")
    args = _cases(str(data / PICTURE), str(data / VIDEO), str(existing))[case]
    result = run_cli(*args, "--config", str(_config(tmp_path)), env=_env(tmp_path), timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("posture"), result.stderr
    assert len(last) < MAX_SENTENCE, last
    assert "\x1b" not in result.stderr
    assert existing.read_bytes() == b"not a folder"  # nothing already there is lost


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "share"),
        "POSTURE_DATA_DIR": str(tmp_path / "data"),
    }


@pytest.fixture(scope="module")
def huge_pictures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder: a 57-byte PNG claiming 50000x50000, a real 30000x30000 bomb, a real portrait."""
    folder = tmp_path_factory.mktemp("huge")
    claims_huge_png(folder / "claims.png")
    png_bomb(folder / "bomb.png")
    (folder / "portrait.png").write_bytes((shared_data_dir() / PICTURE).read_bytes())
    return folder


def test_analyze_skips_huge_pictures_by_name_and_analyses_the_rest(
    huge_pictures: Path, tmp_path: Path
) -> None:
    result = run_cli("analyze", str(huge_pictures), "--json", env=_env(tmp_path))
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr  # as for any bad file in a folder
    for name, size in (("claims.png", "50000x50000"), ("bomb.png", "30000x30000")):
        assert f"skipped {huge_pictures / name} claims {size} pixels" in result.stderr
    analysed = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(analysed) == 1 and "portrait.png" in analysed[0]


@pytest.mark.parametrize("name", ["claims.png", "bomb.png"])
@pytest.mark.parametrize("command", ["run", "calibrate"])
def test_a_huge_picture_as_the_source_is_one_sentence(
    huge_pictures: Path, tmp_path: Path, command: str, name: str
) -> None:
    args = [command, "--source", str(huge_pictures / name), "--config", str(_config(tmp_path))]
    result = run_cli(*args, env=_env(tmp_path), timeout=60)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"posture: {huge_pictures / name}")
    assert "pixels" in result.stderr


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text('[monitor]\nnotifier = "log"\n')
    return config


# Every command but `setup` and `doctor`, which read a broken config themselves and report it.
COMMAND_LINES = {
    "run": ["run", "--source", PICTURE],
    "models": ["models"],
    "analyze": ["analyze", PICTURE],
    "calibrate": ["calibrate", "--source", PICTURE],
    "evaluate": ["evaluate", LABELS],
    "start": ["start", "--source", PICTURE],
    "stop": ["stop"],
    "status": ["status"],
    "autostart": ["autostart", "status"],
    "snooze": ["snooze", "30m"],
    "demo": ["demo"],
    "report": ["report"],
}


def _refused(args: list[str], config: Path, tmp_path: Path) -> str:
    """Run with `--config config` and return the sentence it was refused with."""
    result = run_cli(*args, "--config", str(config), env=_env(tmp_path), timeout=30)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("posture: "), result.stderr
    assert not (tmp_path / "data" / "posture.pid").exists()  # nothing was started
    return lines[0]


@pytest.mark.parametrize("kind", sorted(HOSTILE_CONFIGS))
def test_report_refuses_every_kind_of_bad_config_without_hanging(kind: str, tmp_path: Path) -> None:
    folder = tmp_path / "configs"
    folder.mkdir()
    _refused(["report"], HOSTILE_CONFIGS[kind](folder), tmp_path)


@pytest.mark.parametrize("kind", ["missing", "not TOML", "a FIFO"])
@pytest.mark.parametrize("command", sorted(COMMAND_LINES))
def test_every_command_refuses_a_missing_or_broken_config(
    command: str, kind: str, tmp_path: Path
) -> None:
    folder = tmp_path / "configs"
    folder.mkdir()
    real = {PICTURE: str(shared_data_dir() / PICTURE), LABELS: str(shared_data_dir() / LABELS)}
    args = [real.get(arg, arg) for arg in COMMAND_LINES[command]]
    _refused(args, HOSTILE_CONFIGS[kind](folder), tmp_path)


HOLD_LOCK = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, sys.argv[2].encode())
print("locked", flush=True)
sys.stdin.read()
"""


def test_stop_signals_only_posture_when_another_process_holds_the_lock(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    bystander = subprocess.Popen(["sleep", "300"])
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data / "posture.pid"), str(bystander.pid)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = run_cli("stop", env=_env(tmp_path), timeout=60)
        assert "Traceback" not in result.stderr
        assert result.returncode == 1, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and f"pid {bystander.pid}, which is not Posture" in lines[0]
        assert bystander.poll() is None  # still running: it was never signalled
    finally:
        bystander.kill()
        holder.kill()
        bystander.wait()
        holder.wait()


def test_a_file_name_with_escape_codes_is_echoed_spelled_out(tmp_path: Path) -> None:
    folder = tmp_path / "pictures"
    folder.mkdir()
    claims_huge_png(folder / "evil\x1b[2J.png")
    (folder / "portrait\x1b[31m.png").write_bytes((shared_data_dir() / PICTURE).read_bytes())
    result = run_cli("analyze", str(folder), env=_env(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr + result.stdout
    assert "evil\\x1b[2J.png claims 50000x50000 pixels" in result.stderr
    assert result.stdout.splitlines()[1].startswith("portrait\\x1b[31m.png ")
