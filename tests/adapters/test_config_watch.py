"""`ConfigWatch`: a changed config file is noticed on a cheap schedule, loaded, and a broken
edit is logged once while the settings in use stay."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from posture.adapters.config_watch import ConfigWatch
from posture.config.schema import Config


class Clock:
    """A hand-advanced monotonic clock."""

    def __init__(self) -> None:
        self.now_s = 100.0

    def __call__(self) -> float:
        return self.now_s


def write(path: Path, text: str, mtime_ns: int) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime_ns, mtime_ns))  # a coarse file system must not hide the change


def test_a_changed_file_is_loaded_after_the_check_interval(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    write(path, "[sitting]\nsit_limit_min = 50\n", 1_000_000_000)
    clock = Clock()
    watch = ConfigWatch(path, every_s=2.0, clock=clock)
    clock.now_s += 2.5
    assert watch.changed() is None  # unchanged
    write(path, "# mine\n[sitting]\nsit_limit_min = 20\n", 2_000_000_000)
    clock.now_s += 1.0
    assert watch.changed() is None  # too soon to look again
    clock.now_s += 1.5
    new = watch.changed()
    assert new is not None and new.sitting.sit_limit_min == 20.0
    clock.now_s += 5.0
    assert watch.changed() is None  # seen already


def test_a_broken_edit_is_logged_once_and_the_next_good_one_applies(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "config.toml"
    write(path, "[sitting]\nsit_limit_min = 50\n", 1_000_000_000)
    clock = Clock()
    watch = ConfigWatch(path, every_s=1.0, clock=clock)
    write(path, "[sitting]\nsit_limit_min = 2\n", 2_000_000_000)  # below the allowed 5
    with caplog.at_level(logging.WARNING, logger="posture.adapters.config_watch"):
        for _ in range(5):
            clock.now_s += 1.0
            assert watch.changed() is None
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "sit_limit_min" in warnings[0] and "settings stay" in warnings[0]
    write(path, "[sitting]\nsit_limit_min = 30\n", 3_000_000_000)
    clock.now_s += 1.0
    new = watch.changed()
    assert new is not None and new.sitting.sit_limit_min == 30.0


def test_a_removed_file_means_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    write(path, "[sitting]\nsit_limit_min = 20\n", 1_000_000_000)
    clock = Clock()
    watch = ConfigWatch(path, every_s=1.0, clock=clock)
    path.unlink()
    clock.now_s += 1.0
    assert watch.changed() == Config()
