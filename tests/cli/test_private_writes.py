"""Every file Posture writes, with a symbolic link planted at its name and under umask 000.

A link at a name Posture chooses (status, snapshot, first-run mark, autostart entry) is
replaced; a link at a name the user gave (report files, pictures, the config) or at a file
updated in place (pid, log, history) is refused with one sentence. Either way the link's target
is never written or chmodded, and what is written is 0600 in folders made 0700.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from posture.adapters import login_autostart
from posture.adapters.config_file import save
from posture.adapters.data_folder import ensure_private_dir
from posture.adapters.logfile import open_for_append
from posture.adapters.opencv_imaging import save_image
from posture.adapters.private_files import RefusedPath
from posture.adapters.single_instance import acquire
from posture.adapters.sqlite.store import SqliteStore
from posture.adapters.status_file import StatusFile
from posture.cli.commands.setup import RealSetup
from posture.cli.monitoring import _first_run_note
from posture.config.schema import Config
from posture.core.baseline import POPULATION
from posture.core.folder_layout import DataFolder
from posture.errors import UserError
from posture.operations.calibrate import Captured, write_preview
from posture.ports import Look, StorageError
from tests.support.cli import run_cli
from tests.support.layout import unnamed_entries
from tests.support.poses import upright_pose

PICTURE = np.full((48, 64, 3), 120, np.uint8)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "victim.txt"
    path.parent.mkdir()
    path.write_text("not yours to change\n")
    path.chmod(0o644)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    return DataFolder(ensure_private_dir(tmp_path / "data"))


def untouched(victim: Path) -> bool:
    return victim.read_text() == "not yours to change\n" and mode_of(victim) == 0o644


def plant(link: Path, victim: Path) -> Path:
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(victim)
    return link


# --- names Posture chooses: a link there is replaced --------------------------------------------


def test_status_file(folder: DataFolder, victim: Path) -> None:
    plant(folder.status, victim)
    StatusFile(folder.status, pid=42).publish({"state": "watching"})
    assert not folder.status.is_symlink() and '"pid": 42' in folder.status.read_text()
    assert mode_of(folder.status) == 0o600 and untouched(victim)


def test_setup_snapshot(folder: DataFolder, victim: Path) -> None:
    plant(folder.snapshot, victim)
    world = RealSetup(argparse.Namespace(data_dir=str(folder.root)), folder.config, Config())
    assert world.save_snapshot(Look(PICTURE, None)) == folder.snapshot
    assert folder.snapshot.read_bytes().startswith(b"\x89PNG")
    assert mode_of(folder.snapshot) == 0o600 and untouched(victim)


def test_first_run_mark(folder: DataFolder, victim: Path) -> None:
    plant(folder.first_run_mark, victim)
    victim.unlink()  # a dangling link: the mark "does not exist", so it is written
    _first_run_note(folder)
    assert folder.first_run_mark.read_bytes() == b"" and mode_of(folder.first_run_mark) == 0o600
    assert not victim.exists()


def test_autostart_entry(tmp_path: Path, victim: Path) -> None:
    entry = Path(login_autostart.entry_path("linux", tmp_path / "home", {}))
    plant(entry, victim)
    text = login_autostart.entry_text("linux", ["/usr/bin/posture", "start"])
    assert login_autostart.enable(entry, text) is True
    assert entry.read_text() == text and mode_of(entry) == 0o600 and untouched(victim)
    assert login_autostart.enable(entry, text) is False  # now it is ours and current


# --- files updated in place: a link there is refused --------------------------------------------


def test_pid_file(folder: DataFolder, victim: Path) -> None:
    plant(folder.pid, victim)
    with pytest.raises(UserError, match="symbolic link") as refused:
        acquire(folder.root)
    assert "\n" not in str(refused.value) and untouched(victim)


def test_history_database_and_its_sidecars(folder: DataFolder, victim: Path) -> None:
    plant(folder.history, victim)
    with pytest.raises(StorageError, match="symbolic link"):
        SqliteStore.open(folder.history)
    folder.history.unlink()
    plant(folder.history.with_name(folder.history.name + "-wal"), victim)
    with pytest.raises(StorageError, match="symbolic link"):
        SqliteStore.open(folder.history)
    assert untouched(victim)


# --- names the user gave: a link there is refused -----------------------------------------------


def test_config_file(tmp_path: Path, victim: Path) -> None:
    config = plant(tmp_path / "cfg" / "posture" / "config.toml", victim)
    victim.write_text("not toml [")  # even a file that does not load is not moved aside
    victim.chmod(0o644)
    with pytest.raises(RefusedPath, match="symbolic link"):
        save(config, {"monitor": {"source": "0"}})
    assert victim.read_text() == "not toml [" and mode_of(victim) == 0o644
    assert sorted(os.listdir(config.parent)) == ["config.toml"]  # no .bak, no temporary


@pytest.mark.parametrize("write", ["preview", "annotated picture"])
def test_pictures_at_a_named_path(tmp_path: Path, victim: Path, write: str) -> None:
    link = plant(tmp_path / "pictures" / "me.png", victim)
    with pytest.raises(RefusedPath, match="symbolic link"):
        if write == "preview":
            write_preview(link, Captured(POPULATION, (PICTURE, upright_pose(64, 48))))
        else:
            save_image(link, PICTURE)  # what `analyze --annotate` calls for each frame
    assert untouched(victim)


@pytest.mark.parametrize("flag", ["--html", "--json", "--csv"])
def test_report_files(tmp_path: Path, victim: Path, flag: str) -> None:
    link = plant(tmp_path / "out" / "report", victim)
    done = run_cli("report", "--data-dir", str(tmp_path / "data"), flag, str(link))
    assert done.returncode == 2
    message = done.stderr.strip()
    assert "symbolic link" in message and "\n" not in message and "Traceback" not in message
    assert untouched(victim) and link.is_symlink()


@pytest.mark.parametrize("device", ["/dev/stdout", "/dev/null"])
def test_a_report_to_a_device_is_refused_and_the_device_left_alone(
    tmp_path: Path, device: str
) -> None:
    before = os.lstat(device)
    done = run_cli("report", "--data-dir", str(tmp_path / "data"), "--json", device)
    assert done.returncode == 2
    assert done.stderr.strip().startswith(f"posture: Cannot write the JSON report to {device}: ")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    after = os.lstat(device)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


@pytest.mark.parametrize("week", [False, True])
def test_a_dash_writes_the_report_to_standard_output_and_nothing_else(
    tmp_path: Path, week: bool
) -> None:
    common = ["report", "--data-dir", str(tmp_path / "data"), *(["--week"] if week else [])]
    as_json = run_cli(*common, "--json", "-")
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["format"].startswith("posture.report.")  # JSON alone
    as_csv = run_cli(*common, "--csv", "-")
    assert as_csv.returncode == 0, as_csv.stderr
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows[0][0] == "day" and len(rows) == (8 if week else 2)
    assert not (tmp_path / "-").exists() and not Path("-").exists()
    both = run_cli(*common, "--json", "-", "--csv", "-")
    assert both.returncode == 2 and both.stderr.count("\n") == 1 and both.stdout == ""


def test_a_data_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "disk" / "posture"
    real.mkdir(parents=True, mode=0o755)
    (tmp_path / "data").symlink_to(real)
    with pytest.raises(UserError) as refused:
        ensure_private_dir(tmp_path / "data")
    assert f"--data-dir {real}" in str(refused.value)
    assert mode_of(real) == 0o755  # never chmodded through the link
    assert list(real.iterdir()) == []


# --- modes under umask 000, and nothing unnamed -------------------------------------------------


def test_every_file_is_0600_and_every_folder_made_0700_under_umask_000(
    tmp_path: Path, open_umask: None
) -> None:
    folder = DataFolder(ensure_private_dir(tmp_path / "new" / "data"))
    StatusFile(folder.status).publish({"state": "starting"})
    _first_run_note(folder)
    with acquire(folder.root):
        SqliteStore.open(folder.history).close()
        os.close(open_for_append(folder.log))
    RealSetup(argparse.Namespace(data_dir=str(folder.root)), folder.config, Config()).save_snapshot(
        Look(PICTURE, None)
    )
    save(folder.config, {"monitor": {"source": "0"}})
    write_preview(
        tmp_path / "new" / "pictures" / "preview.png",
        Captured(POPULATION, (PICTURE, upright_pose(64, 48))),
    )
    entry = Path(login_autostart.entry_path("linux", tmp_path / "home", {}))
    login_autostart.enable(entry, login_autostart.entry_text("linux", [sys.executable, "start"]))
    report = run_cli(
        "report", "--data-dir", str(folder.root), "--html", str(tmp_path / "new" / "r.html")
    )
    assert report.returncode == 0, report.stderr
    made = [tmp_path / "new", folder.root, tmp_path / "new" / "pictures", entry.parent]
    made += [entry.parent.parent, tmp_path / "home"]
    for path in made:
        assert mode_of(path) == 0o700, path
    written = [p for p in [*folder.root.iterdir(), *(tmp_path / "new").rglob("*")] if p.is_file()]
    written.append(entry)
    assert len(written) >= 8
    for path in written:
        assert mode_of(path) == 0o600, path
    assert unnamed_entries(folder.root) == []


@pytest.mark.e2e  # the real model
def test_pictures_of_the_user_are_owner_only_under_umask_000(
    tmp_path: Path, shared_data: Path, open_umask: None
) -> None:
    """`calibrate --preview` and `analyze --annotate`, as real processes that inherit umask 0."""
    from tests.support.videos import frames_of

    frames = frames_of(shared_data, "notSlouching")[:5]
    calibration = tmp_path / "calibration"
    calibration.mkdir()
    for frame in frames:
        (calibration / frame.name).write_bytes(frame.read_bytes())
    preview = tmp_path / "pictures" / "deeper" / "preview.png"
    calibrated = run_cli(
        "calibrate",
        "--source",
        str(calibration),
        "--preview",
        str(preview),
        "--data-dir",
        str(tmp_path / "data"),
    )
    assert calibrated.returncode == 0, calibrated.stderr
    annotated = tmp_path / "seen" / "deeper"
    analysed = run_cli("analyze", str(frames[0]), "--annotate", str(annotated))
    assert analysed.returncode == 0, analysed.stderr
    pictures = [preview, *annotated.iterdir()]
    assert len(pictures) == 2
    for picture in pictures:
        assert mode_of(picture) == 0o600, picture
    for folder in (preview.parent, preview.parent.parent, annotated, annotated.parent):
        assert mode_of(folder) == 0o700, folder
