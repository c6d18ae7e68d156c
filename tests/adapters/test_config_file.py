"""The config file on disk: edited in place keeping the user's comments, owner-only, never half.

Real files in the test's folder; the edited text is judged by tests/support/config_edits.py.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from posture.adapters.config_file import read_table, read_text, save
from posture.adapters.open_folder import RefusedPath
from posture.config.schema import ConfigError
from tests.support.config_edits import COMMENTED, assert_edited_in_place, comment_lines

SETTINGS_WINDOW_EDIT = {"sitting": {"sit_limit_min": 30.0, "sit_repeat_min": 10.0}}


@pytest.fixture
def commented(tmp_path: Path) -> Path:
    path = tmp_path / "cfg" / "config.toml"
    path.parent.mkdir()
    path.write_bytes(COMMENTED.encode("utf-8"))
    path.chmod(0o644)
    return path


def test_save_keeps_every_comment_writes_owner_only_and_loads(commented: Path) -> None:
    loaded, kept = save(
        commented,
        {
            "sitting": {"sit_limit_min": 40.0},
            "monitor": {"model": "full"},
            "coaching": {"quiet_hours_start": "22:00", "quiet_hours_end": "07:00"},
        },
    )
    after = commented.read_text(encoding="utf-8")
    assert kept is None
    assert_edited_in_place(COMMENTED, after)
    assert comment_lines(COMMENTED) == [c for c in comment_lines(after) if c in COMMENTED]
    assert loaded.sitting.sit_limit_min == 40.0 and loaded.sitting.break_min == 3.0
    assert loaded.thresholds.lean_deg == 14.0 and loaded.monitor.model == "full"
    assert loaded.coaching.quiet_hours_start == "22:00"
    assert stat.S_IMODE(commented.stat().st_mode) == 0o600
    assert [p.name for p in commented.parent.iterdir()] == ["config.toml"]  # no temporary left


def test_a_settings_window_changes_one_value_and_nothing_else(commented: Path) -> None:
    loaded, _ = save(commented, SETTINGS_WINDOW_EDIT)
    after = commented.read_text(encoding="utf-8")
    assert_edited_in_place(COMMENTED, after)
    assert loaded.sitting.sit_limit_min == 30.0 and loaded.sitting.sit_repeat_min == 10.0
    old, new = COMMENTED.splitlines(), after.splitlines()
    assert [n for o, n in zip(old, new, strict=True) if o != n] == [
        "sit_limit_min = 30    # not 50",
        "sit_repeat_min = 10",
    ]


def test_a_save_that_changes_nothing_leaves_the_bytes_alone(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    crlf = COMMENTED.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(crlf)
    save(path, {"sitting": {"sit_limit_min": 45.0}, "monitor": {"source": "0"}})
    assert path.read_bytes() == crlf  # Windows line endings included
    assert read_text(path) == crlf.decode("utf-8")


def test_a_new_file_is_written_with_the_documented_comments(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "config.toml"
    loaded, kept = save(path, SETTINGS_WINDOW_EDIT)
    text = path.read_text(encoding="utf-8")
    assert kept is None and loaded.sitting.sit_limit_min == 30.0
    assert "# Minutes of sitting before a reminder to move.\nsit_limit_min = 30.0" in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    "broken",
    [b"[sitting\nsit_limit_min = 30\n", b"colour = 1\n", b"# caf\xe9 in Latin-1\n"],
)
def test_a_file_that_does_not_load_is_kept_aside(tmp_path: Path, broken: bytes) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(broken)
    loaded, kept = save(path, {"sitting": {"sit_limit_min": 40.0}})
    assert kept == tmp_path / "config.toml.bak" and kept.read_bytes() == broken
    assert loaded.sitting.sit_limit_min == 40.0
    assert path.read_text(encoding="utf-8").startswith("# Posture's settings for you")


def test_settings_that_would_not_load_are_not_written(commented: Path) -> None:
    with pytest.raises(ConfigError, match="sit_limit_min"):
        save(commented, {"sitting": {"sit_limit_min": 4000.0}})
    assert commented.read_bytes() == COMMENTED.encode("utf-8")
    assert [p.name for p in commented.parent.iterdir()] == ["config.toml"]


def test_a_symlinked_config_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    # A link at the config's name may be the user's dotfiles checkout: replacing it would part
    # the two silently, and writing through it would follow a link; so it is refused, by name.
    target = tmp_path / "dotfiles" / "posture.toml"
    target.parent.mkdir()
    target.write_text(COMMENTED, encoding="utf-8")
    link = tmp_path / "config.toml"
    link.symlink_to(target)
    with pytest.raises(RefusedPath, match=r"config\.toml"):
        save(link, SETTINGS_WINDOW_EDIT)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == COMMENTED  # the link's target is untouched


def test_read_table_reads_the_raw_tables(commented: Path, tmp_path: Path) -> None:
    assert read_table(commented)["thresholds"] == {
        "lean_deg": 14.0,
        "head_tilt_deg": 18,
        "min_visibility": 0.6,
    }
    assert read_table(tmp_path / "none.toml") == {}
    assert read_text(tmp_path / "none.toml") is None
    (tmp_path / "bad.toml").write_text("[x\n")
    with pytest.raises(ConfigError, match=r"bad\.toml"):
        read_table(tmp_path / "bad.toml")


def test_a_file_that_cannot_be_read_is_a_config_error(tmp_path: Path) -> None:
    folder = tmp_path / "config.toml"
    folder.mkdir()  # a folder where the file should be: reading it fails like a locked file
    with pytest.raises(ConfigError, match="cannot be read"):
        read_text(folder)
