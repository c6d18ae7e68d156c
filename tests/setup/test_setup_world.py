"""The real parts the command line puts behind setup's world: the camera probe, the config
file writer, and the owner-only snapshot."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import numpy as np
import pytest

from posture.adapters.config_file import save
from posture.adapters.opencv_probe import probe_cameras
from posture.config.schema import Config, ConfigError, parse_config
from posture.config.writer import default_config_text, key_comments, merge, render
from posture.ports import CameraFound

LIT = np.full((480, 640, 3), 120, np.uint8)


class FakeCapture:
    def __init__(self, index: int) -> None:
        self.index = index
        self.released = False

    def isOpened(self) -> bool:  # noqa: N802 - OpenCV's name
        return self.index in (0, 2, 3)

    def read(self) -> tuple[bool, np.ndarray | None]:
        return (self.index != 3, LIT if self.index != 3 else None)

    def release(self) -> None:
        self.released = True


def test_probe_lists_cameras_that_deliver_a_picture() -> None:
    made: list[FakeCapture] = []

    def opener(index: int) -> FakeCapture:
        made.append(FakeCapture(index))
        return made[-1]

    assert probe_cameras(range(6), opener) == [CameraFound(0, 640, 480), CameraFound(2, 640, 480)]
    assert all(c.released for c in made) and len(made) == 6


def test_probe_of_real_indices_is_quiet(capfd: pytest.CaptureFixture[str]) -> None:
    probe_cameras()  # no camera here; OpenCV would warn about each index
    assert "VIDEOIO" not in capfd.readouterr().err


def test_rendering_every_default_gives_the_defaults_with_their_comments() -> None:
    documented = default_config_text()
    text = render(tomllib.loads(documented), key_comments(documented))
    assert parse_config(text) == Config()
    assert "# Minutes of sitting before a reminder to move.\nsit_limit_min = 50.0" in text


@pytest.mark.parametrize(
    "value", ["plain", 'quote " and \\ backslash', "tab\tnew\nline", "ctrl \x01\x7f", "ünïcödé ✓"]
)
def test_strings_survive_the_round_trip(value: str) -> None:
    text = render({"monitor": {"source": value}}, {})
    assert tomllib.loads(text)["monitor"]["source"] == value


def test_merge_keeps_other_settings() -> None:
    existing = {"thresholds": {"lean_deg": 20.0}, "sitting": {"break_min": 3.0}}
    updates = {"sitting": {"sit_limit_min": 40.0}}
    assert merge(existing, updates) == {
        "thresholds": {"lean_deg": 20.0},
        "sitting": {"break_min": 3.0, "sit_limit_min": 40.0},
    }


def test_save_merges_writes_owner_only_and_loads(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    path.parent.mkdir()
    path.write_text("[thresholds]\nlean_deg = 20.0\n[sitting]\nsit_limit_min = 30\n")
    path.chmod(0o644)
    loaded, kept = save(
        path,
        {
            "sitting": {"sit_limit_min": 40.0},
            "coaching": {"quiet_hours_start": "22:00", "quiet_hours_end": "07:00"},
        },
    )
    assert kept is None
    assert loaded.thresholds.lean_deg == 20.0 and loaded.sitting.sit_limit_min == 40.0
    assert loaded.coaching.quiet_hours_start == "22:00"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "# Leaning sideways" in path.read_text()
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temporary left


@pytest.mark.parametrize("broken", ["[sitting\nsit_limit_min = 30\n", "colour = 1\n"])
def test_a_file_that_does_not_load_is_kept_aside(tmp_path: Path, broken: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(broken)
    loaded, kept = save(path, {"sitting": {"sit_limit_min": 40.0}})
    assert kept == tmp_path / "config.toml.bak" and kept.read_text() == broken
    assert loaded.sitting.sit_limit_min == 40.0


def test_settings_that_would_not_load_are_not_written(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[sitting]\nbreak_min = 3.0\n")
    with pytest.raises(ConfigError, match="sit_limit_min"):
        save(path, {"sitting": {"sit_limit_min": 4000.0}})
    assert path.read_text() == "[sitting]\nbreak_min = 3.0\n"


def test_snapshot_is_owner_only(tmp_path: Path) -> None:
    from posture.adapters.private_files import write_owner_only

    target = tmp_path / "data" / "setup-snapshot.png"
    write_owner_only(target, b"png")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert os.listdir(target.parent) == ["setup-snapshot.png"]
