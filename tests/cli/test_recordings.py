"""A recording tells the truth: it runs on its own clock to its end, and apart from the user's.

Real processes, the real model, real SQLite. The live pauses are real too: a process named in
`pause_apps` really runs (a copy of `sleep` under that name), a real `snooze 30m` is stored;
only the screen lock comes from a `loginctl` on PATH, since this machine has no login session.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from posture.core.folder_layout import DataFolder
from tests.support.cli import run_cli
from tests.support.videos import frames_of, load, write_video

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite

PAUSE_APP = "posture-call"  # under 16 characters: the kernel's process name keeps it whole
START = "2026-11-25T09:00:00"
REPLAY_TIMEOUT_S = 120  # a replay that obeyed a live pause would never end


@dataclass
class Home:
    """A private home whose data folder is the default one (no --data-dir, no POSTURE_DATA_DIR)."""

    root: Path
    env: dict[str, str]

    @property
    def data(self) -> Path:
        return self.root / "home" / ".local" / "share" / "posture"

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env=self.env, timeout=REPLAY_TIMEOUT_S)


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Home]:
    """A sandboxed home, a config naming a pause app, and that app really running."""
    config = tmp_path / "config.toml"
    config.write_text(f'[coaching]\npause_apps = ["{PAUSE_APP}"]\n', encoding="utf-8")
    app = tmp_path / "bin" / PAUSE_APP
    app.parent.mkdir()
    shutil.copy(shutil.which("sleep") or "/bin/sleep", app)
    running = subprocess.Popen([str(app), "600"])
    env = {
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        "XDG_DATA_HOME": str(tmp_path / "home" / ".local" / "share"),
        "XDG_CACHE_HOME": str(tmp_path / "home" / ".cache"),
        "XDG_STATE_HOME": str(tmp_path / "home" / ".local" / "state"),
        "POSTURE_DATA_DIR": "",
        "POSTURE_CONFIG": str(config),
    }
    try:
        yield Home(tmp_path, env)
    finally:
        running.kill()
        running.wait()


def _stored_span(history: Path) -> tuple[float, float, int]:
    """(first start, last end, how many intervals) of what a replay stored."""
    with sqlite3.connect(history) as db:
        first, last, count = db.execute(
            "SELECT min(start_s), max(end_s), count(*) FROM intervals"
        ).fetchone()
        paused = db.execute("SELECT coalesce(sum(paused_s), 0) FROM intervals").fetchone()[0]
    assert paused == 0, "a recording stored paused time"
    return float(first), float(last), int(count)


def _start_s() -> float:
    return datetime.fromisoformat(START).astimezone().timestamp()


def test_a_picture_replays_to_its_end_while_a_pause_app_runs_and_apart(
    home: Home, shared_data: Path
) -> None:
    picture = frames_of(shared_data, "notSlouching")[0]
    result = home.cli("run", "--source", str(picture), "--replay-start", START)
    assert result.returncode == 0, result.stderr
    assert "Replayed 1 s of" in result.stderr
    # Apart from the user's own history, and the end of the replay says where and how.
    replays = DataFolder(home.data).replays
    assert not DataFolder(home.data).history.exists()
    first, last, count = _stored_span(replays.history)
    assert (first, count) == (_start_s(), 1) and last <= _start_s() + 1.0
    assert (
        f"The replay's records are in {replays.root}, apart from your own history; see its "
        f"report with `python run.py --data-dir {replays.root} report --date 2026-11-25`."
    ) in result.stderr
    assert "a replay shows no desktop notifications" in result.stderr
    report = home.cli("--data-dir", str(replays.root), "report", "--date", "2026-11-25")
    assert report.returncode == 0, report.stderr


def test_a_video_under_a_snooze_replays_its_own_length_into_the_named_folder(
    home: Home, tmp_path: Path, shared_data: Path
) -> None:
    video = tmp_path / "two-minutes.avi"
    length_s = write_video(video, [(load(frames_of(shared_data, "notSlouching")[:5]), 120)])
    data = tmp_path / "named"
    snoozed = home.cli("--data-dir", str(data), "snooze", "30m")
    assert snoozed.returncode == 0, snoozed.stderr
    result = home.cli(
        "--data-dir", str(data), "run", "--source", str(video), "--replay-start", START
    )
    assert result.returncode == 0, result.stderr
    assert f"Replayed {length_s:.0f} s of" in result.stderr and "1800 s" not in result.stderr
    first, last, _ = _stored_span(DataFolder(data).history)  # a named folder: records go there
    assert last - first <= length_s + 1e-6
    assert not DataFolder(data).replays.root.exists()
    assert "The replay's records are in" not in result.stderr


def test_a_folder_replays_to_its_end_while_the_screen_is_locked(
    home: Home, tmp_path: Path, shared_data: Path
) -> None:
    folder = tmp_path / "pictures"
    folder.mkdir()
    for path in frames_of(shared_data, "notSlouching")[:3]:
        shutil.copy(path, folder)
    shim = tmp_path / "lock"
    shim.mkdir()
    (shim / "loginctl").write_text("#!/bin/sh\necho LockedHint=yes\n")
    (shim / "loginctl").chmod(0o700)
    env = {**home.env, "PATH": f"{shim}:{os.environ['PATH']}", "XDG_SESSION_ID": "1"}
    result = run_cli(
        "run", "--source", str(folder), "--replay-start", START, env=env, timeout=REPLAY_TIMEOUT_S
    )
    assert result.returncode == 0, result.stderr
    assert "Replayed 3 s of" in result.stderr
    first, last, _ = _stored_span(DataFolder(home.data).replays.history)
    assert first == _start_s() and last <= _start_s() + 3.0


@pytest.mark.parametrize("kind", ["video", "folder"])
def test_start_refuses_a_recording_in_one_sentence(
    home: Home, tmp_path: Path, shared_data: Path, kind: str
) -> None:
    source = (
        frames_of(shared_data, "notSlouching")[0].parent if kind == "folder" else tmp_path / "a.avi"
    )
    if kind == "video":
        write_video(source, [(load(frames_of(shared_data, "notSlouching")[:2]), 4)])
    result = home.cli("start", "--source", str(source))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"posture: `start` watches a camera or a stream, and '{source}' is a recording; replay "
        f"it in the foreground with `python run.py run --source {source}`"
    ]
    assert not home.data.exists() or not DataFolder(home.data).pid.exists()
