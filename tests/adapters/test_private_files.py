"""The one private writer: owner-only files and folders under any umask, never through a link."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from posture.adapters.private_files import (
    RefusedPath,
    check_writable,
    make_private_folders,
    open_owner_only,
    replacing,
    replacing_own,
    tighten_folder,
    write_owner_only,
)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The loosest umask: every mode below must come from the writer, not the umask."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file someone else may read, which a planted link points at; it must never change."""
    path = tmp_path / "victim.txt"
    path.write_text("not yours to change\n")
    path.chmod(0o644)
    return path


def untouched(victim: Path) -> bool:
    return victim.read_text() == "not yours to change\n" and mode_of(victim) == 0o644


def test_files_are_0600_and_the_folders_made_0700_whatever_the_umask(
    tmp_path: Path, open_umask: None
) -> None:
    target = tmp_path / "made" / "deeper" / "file.bin"
    write_owner_only(target, b"data")
    assert target.read_bytes() == b"data"
    assert mode_of(target) == 0o600
    assert mode_of(tmp_path / "made") == 0o700
    assert mode_of(tmp_path / "made" / "deeper") == 0o700
    fd = open_owner_only(tmp_path / "made" / "appended.log", os.O_WRONLY | os.O_APPEND)
    os.close(fd)
    assert mode_of(tmp_path / "made" / "appended.log") == 0o600
    assert sorted(os.listdir(tmp_path / "made" / "deeper")) == ["file.bin"]


def test_an_open_file_is_replaced_whole_and_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old, readable by all")
    target.chmod(0o644)
    inode = target.stat().st_ino
    write_owner_only(target, b"new")
    assert target.read_bytes() == b"new"
    assert mode_of(target) == 0o600
    assert target.stat().st_ino != inode  # a new file took its place; the old was not rewritten


def test_an_existing_file_updated_in_place_is_tightened(tmp_path: Path) -> None:
    target = tmp_path / "posture.log"
    target.write_text("before\n")
    target.chmod(0o644)
    os.close(open_owner_only(target, os.O_WRONLY | os.O_APPEND))
    assert mode_of(target) == 0o600 and target.read_text() == "before\n"


def test_a_link_at_a_name_the_user_gave_is_refused(tmp_path: Path, victim: Path) -> None:
    link = tmp_path / "out.html"
    link.symlink_to(victim)
    with pytest.raises(RefusedPath) as refused:
        write_owner_only(link, b"report")
    assert "symbolic link" in refused.value.strerror and "\n" not in str(refused.value)
    assert link.is_symlink() and untouched(victim)
    assert sorted(os.listdir(tmp_path)) == ["out.html", "victim.txt"]  # no temporary left


@pytest.mark.parametrize("dangling", [False, True])
def test_a_link_at_a_name_posture_chose_is_replaced_and_its_target_untouched(
    tmp_path: Path, victim: Path, dangling: bool
) -> None:
    link = tmp_path / "status.json"
    link.symlink_to(tmp_path / "nowhere" if dangling else victim)
    write_owner_only(link, b"{}", replace_link=True)
    assert not link.is_symlink() and link.read_bytes() == b"{}" and mode_of(link) == 0o600
    assert untouched(victim)
    assert not (tmp_path / "nowhere").exists()


def test_the_streaming_writer_for_models_replaces_a_link_too(tmp_path: Path, victim: Path) -> None:
    link = tmp_path / "pose_landmarker_lite.task"
    link.symlink_to(victim)
    with replacing_own(link) as pending:
        pending.file.write(b"model")
        pending.file.flush()
        assert pending.path.read_bytes() == b"model" and pending.path.parent == tmp_path
    assert link.read_bytes() == b"model" and not link.is_symlink() and untouched(victim)


def test_in_place_files_refuse_a_link(tmp_path: Path, victim: Path) -> None:
    link = tmp_path / "posture.pid"
    link.symlink_to(victim)
    with pytest.raises(RefusedPath, match="symbolic link"):
        open_owner_only(link, os.O_RDWR)
    assert untouched(victim)


def test_a_folder_that_is_a_link_is_refused_naming_the_real_one(
    tmp_path: Path, victim: Path
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "linked").symlink_to(real)
    for write in (
        lambda: write_owner_only(tmp_path / "linked" / "file", b"x"),
        lambda: open_owner_only(tmp_path / "linked" / "file", os.O_WRONLY),
        lambda: tighten_folder(tmp_path / "linked"),
    ):
        with pytest.raises(RefusedPath) as refused:
            write()
        assert "is a symbolic link" in str(refused.value) and str(real) in str(refused.value)
    assert list(real.iterdir()) == []


def test_links_further_up_the_path_are_followed(tmp_path: Path) -> None:
    real = tmp_path / "disk"
    (real / "posture").mkdir(parents=True)
    (tmp_path / "home").symlink_to(real)  # a home folder on another disk
    write_owner_only(tmp_path / "home" / "posture" / "status.json", b"{}")
    assert (real / "posture" / "status.json").read_bytes() == b"{}"


@pytest.mark.parametrize("kind", ["folder", "fifo", "device", "link to device"])
def test_a_folder_or_special_file_is_refused_with_one_sentence(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "target"
    if kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        target = Path("/dev/null")
    else:
        target = Path("/dev/stdout")
    before = target.lstat()
    for write in (
        lambda: write_owner_only(target, b"x", make_folders=False),
        lambda: open_owner_only(target, os.O_WRONLY | os.O_APPEND),
        lambda: check_writable(target),
    ):
        with pytest.raises(RefusedPath) as refused:
            write()
        assert "\n" not in str(refused.value) and refused.value.strerror.startswith("it is")
    after = target.lstat()
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    if kind in ("folder", "fifo"):
        assert sorted(os.listdir(tmp_path)) == ["target"]


def test_a_missing_folder_is_an_error_when_not_to_be_made(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as missing:
        write_owner_only(tmp_path / "missing" / "x.html", b"x", make_folders=False)
    assert missing.value.strerror == f"there is no folder {tmp_path / 'missing'}"
    assert not (tmp_path / "missing").exists()


def test_a_file_in_the_way_of_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file")
    with pytest.raises(RefusedPath, match="is a file, not a folder"):
        make_private_folders(tmp_path / "taken" / "inner")


def test_a_failed_write_leaves_the_old_file_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "config.toml"
    target.write_text("old")
    with pytest.raises(RuntimeError), replacing(target) as pending:
        pending.file.write(b"half")
        raise RuntimeError("the writer failed halfway")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["config.toml"]
