"""Running in the background: start, status, stop and SIGTERM, with real monitor processes.

Each background monitor watches a loopback camera (ffmpeg serving a long real video as MJPEG;
`start` refuses a recording), the foreground one replays the video, in a sandboxed home with
the `log` notifier. Waits are bounded polls of real process state (the lock, the status file,
process exit); nothing sleeps for a fixed time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from posture.adapters.launcher import self_command
from posture.cli.commands.start import child_arguments
from posture.core.folder_layout import DataFolder
from posture.report.status_text import status_lines
from tests.support.cli import REPO
from tests.support.layout import unnamed_entries
from tests.support.monitor_process import Sandbox, long_video, processes_using, wait_for
from tests.support.stream_server import free_port, stream_server

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite

START_NOTE = re.compile(r"Posture is running in the background \(pid (\d+)\)\. Logs: (.+)")


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    box = Sandbox(tmp_path).prepare()
    try:
        yield box
    finally:
        box.kill_leftovers()


@pytest.fixture
def video(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    return long_video(tmp_path_factory, shared_data)


@pytest.fixture
def camera(video: Path) -> Iterator[str]:
    """The long video served as a live MJPEG camera; its URL."""
    with stream_server(video, size="224:224") as server:
        yield server.url


def start(box: Sandbox, camera: str) -> int:
    """`start` on the loopback camera; returns the monitor's pid."""
    began = time.monotonic()
    result = box.cli("start", "--source", camera, timeout=90)
    assert result.returncode == 0, result.stderr
    match = START_NOTE.fullmatch(result.stdout.strip())
    assert match, result.stdout
    assert Path(match.group(2)) == DataFolder(box.data_dir).log
    assert "Starting Posture in the background" in result.stderr
    print(f"start took {time.monotonic() - began:.1f} s")
    return int(match.group(1))


def history(box: Sandbox) -> sqlite3.Connection:
    return sqlite3.connect(DataFolder(box.data_dir).history)


def test_start_status_second_start_stop(sandbox: Sandbox, camera: str) -> None:
    pid = start(sandbox, camera)
    assert sandbox.running_pid() == pid
    assert processes_using(sandbox.data_dir) == [pid]
    assert DataFolder(sandbox.data_dir).pid.read_text() == f"{pid}\n"
    # Detached: its own session (no terminal's Ctrl-C or hangup), no stdin, output to the log.
    assert os.getsid(pid) == pid
    fds = {n: os.readlink(f"/proc/{pid}/fd/{n}") for n in (0, 1)}
    assert fds == {0: os.devnull, 1: str(DataFolder(sandbox.data_dir).log)}
    assert oct(DataFolder(sandbox.data_dir).pid.stat().st_mode & 0o777) == "0o600"
    assert oct((DataFolder(sandbox.data_dir).log).stat().st_mode & 0o777) == "0o600"

    wait_for(
        lambda: sandbox.status_file().get("sitting_for_s", 0) > 0,
        60,
        "sitting time in the status file",
    )
    status = sandbox.cli("status")
    assert status.returncode == 0, status.stderr
    lines = status.stdout.splitlines()
    assert lines[0] == f"Posture is running (pid {pid})."
    fields = dict(line.strip().split(":", 1) for line in lines[1:])
    assert fields["State"].strip() in ("watching", "away")
    assert fields["Posture"].strip() not in ("", "unknown")
    assert re.fullmatch(r"under a minute|\d+ min|\d+ h \d\d min", fields["Sitting"].strip())
    assert fields["Profile"].strip() == "not calibrated (population defaults)"
    assert fields["Log"].strip() == str(DataFolder(sandbox.data_dir).log)

    as_json = sandbox.cli("status", "--json")
    assert as_json.returncode == 0
    data = json.loads(as_json.stdout)
    assert data["running"] is True and data["pid"] == pid
    assert {
        "state",
        "posture",
        "sitting_for_s",
        "last_alert",
        "last_alert_s",
        "profile",
        "calibrated",
        "updated_s",
    } <= data.keys()

    again = sandbox.cli("start", "--source", camera)
    assert again.returncode == 1
    assert (
        f"Posture is already running (pid {pid}); stop it with `python run.py stop`."
        in again.stderr
    )
    assert processes_using(sandbox.data_dir) == [pid]  # nothing else was started

    began = time.monotonic()
    stopped = sandbox.cli("stop", timeout=60)
    took_s = time.monotonic() - began
    assert stopped.returncode == 0, stopped.stderr
    assert stopped.stdout.strip() == "Posture stopped."
    assert f"Stopping Posture (pid {pid})" in stopped.stderr
    assert took_s < 15
    print(f"stop took {took_s:.1f} s")
    assert not DataFolder(sandbox.data_dir).pid.exists()

    after = sandbox.cli("status")
    assert (after.returncode, after.stdout.strip()) == (3, "Posture is not running.")
    # Whatever start, run and stop wrote is a file the data folder's layout names, owner-only.
    assert unnamed_entries(sandbox.data_dir) == []
    for path in sandbox.data_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    after_json = sandbox.cli("status", "--json")
    assert (after_json.returncode, json.loads(after_json.stdout)) == (
        3,
        {"running": False, "activity": "stopped", "clean_stop": True},
    )
    with history(sandbox) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        kinds = db.execute("SELECT kind, value FROM state_changes ORDER BY t_s, id").fetchall()
    assert kinds[0] == ("monitor", "started")
    assert kinds[-1] == ("monitor", "stopped")

    again_stop = sandbox.cli("stop")
    assert (again_stop.returncode, again_stop.stdout.strip()) == (0, "Posture is not running.")


def test_sigterm_stops_a_foreground_replay_and_flushes(sandbox: Sandbox, video: Path) -> None:
    err = (sandbox.root / "run.err").open("w")
    began = time.time()
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "run.py"), "run", "--source", str(video)],
        env={**os.environ, **sandbox.env},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=err,
        cwd=REPO,
    )
    try:
        seen = wait_for(
            lambda: (
                (s := sandbox.status_file()).get("pid") == proc.pid
                and s.get("updated_s", 0) > began + 120
                and s
            ),
            90,
            "two minutes of replay in the status file",
        )
        assert sandbox.running_pid() == proc.pid
        proc.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        assert proc.wait(timeout=15) == 0
        print(f"exited {time.monotonic() - sent:.2f} s after SIGTERM")
        assert time.monotonic() - sent < 5
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        err.close()
    assert not DataFolder(sandbox.data_dir).pid.exists()
    with history(sandbox) as db:
        ((started_s,),) = db.execute(
            "SELECT t_s FROM state_changes WHERE kind = 'monitor' AND value = 'started'"
        ).fetchall()
        ((stopped_s,),) = db.execute(
            "SELECT t_s FROM state_changes WHERE kind = 'monitor' AND value = 'stopped'"
        ).fetchall()
        last_end_s, total_s = db.execute(
            "SELECT max(end_s), sum(end_s - start_s) FROM intervals"
        ).fetchone()
        ((sitting_end_s,),) = db.execute("SELECT max(end_s) FROM sittings").fetchall()
    # Stopped midway through the replay (on the video's clock), after what status last showed.
    assert seen["updated_s"] <= stopped_s < started_s + 10800 - 600
    # The last, partial interval was flushed: intervals reach the stop, without a gap.
    assert last_end_s == pytest.approx(stopped_s, abs=1.0)
    assert total_s == pytest.approx(stopped_s - started_s, abs=1.0)
    assert sitting_end_s == pytest.approx(stopped_s, abs=1.0)


def test_a_killed_instance_leaves_a_stale_lock_that_start_clears(
    sandbox: Sandbox, camera: str
) -> None:
    first = start(sandbox, camera)
    os.kill(first, signal.SIGKILL)
    wait_for(lambda: sandbox.running_pid() is None, 15, "the killed monitor's lock to go")
    assert DataFolder(sandbox.data_dir).pid.read_text() == f"{first}\n"  # stale, left behind
    status = sandbox.cli("status")
    lines = status.stdout.splitlines()
    assert (status.returncode, lines[0]) == (3, "Posture is not running.")
    # The status file it left says it was watching: it died without a clean stop.
    if sandbox.status_file().get("pid") == first:
        assert f"It ended without a clean stop (pid {first}," in lines[1], lines
        assert json.loads(sandbox.cli("status", "--json").stdout)["clean_stop"] is False

    result = sandbox.cli("start", "--source", camera, timeout=90)
    assert result.returncode == 0, result.stderr
    assert f"removed a stale pid file left by pid {first}" in result.stderr
    match = START_NOTE.fullmatch(result.stdout.strip())
    assert match, result.stdout
    second = int(match.group(1))
    assert second != first and sandbox.running_pid() == second
    assert sandbox.cli("stop", timeout=60).returncode == 0


def test_start_that_fails_shows_the_reason_and_exits_1(sandbox: Sandbox) -> None:
    log = DataFolder(sandbox.data_dir).log
    log.parent.mkdir(parents=True)
    log.write_text("an old line\n" * 100_000)  # over 1 MB: rotated at start
    nobody = f"http://127.0.0.1:{free_port()}/missing.mjpg"  # a camera that never answers
    result = sandbox.cli("start", "--source", nobody)
    assert result.returncode == 1
    assert "Posture did not start" in result.stderr
    assert f"the stream {nobody} could not be opened" in result.stderr
    assert "an old line" not in result.stderr  # only this start's lines are the reason
    assert sandbox.running_pid() is None and not DataFolder(sandbox.data_dir).pid.exists()
    assert (sandbox.data_dir / "posture.log.1").stat().st_size > 1_000_000
    assert "missing.mjpg" in log.read_text()


def test_python_dash_m_posture_runs_the_cli(sandbox: Sandbox) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "posture", "status"],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, **sandbox.env},
        cwd=sandbox.root,
        timeout=60,
    )
    assert (result.returncode, result.stdout.strip()) == (3, "Posture is not running.")


def test_child_arguments_pass_the_options_through(tmp_path: Path) -> None:
    args = argparse.Namespace(
        config="cfg.toml", model="full", verbose=True, source="0", profile="desk", replay_start=None
    )
    assert child_arguments(args, tmp_path) == [
        "--data-dir",
        str(tmp_path),
        "--config",
        str(Path("cfg.toml").absolute()),
        "--model",
        "full",
        "--verbose",
        "run",
        "--source",
        "0",
        "--profile",
        "desk",
    ]
    assert child_arguments(argparse.Namespace(), tmp_path) == ["--data-dir", str(tmp_path), "run"]


def test_the_background_child_runs_this_checkout() -> None:
    assert self_command() == [sys.executable, str(REPO / "run.py")]


def test_status_lines_name_the_last_alert_and_how_long_ago() -> None:
    lines = status_lines(
        {
            "state": "watching",
            "posture": "slouching",
            "sitting_for_s": 1380,
            "last_alert": "Sit back",
            "last_alert_s": 1000.0,
            "profile": "desk",
            "calibrated": True,
            "updated_s": 1300.0,
        },
        42,
        Path("/d/posture.log"),
    )
    assert lines == [
        "Posture is running (pid 42).",
        "  State:      watching",
        "  Posture:    slouching",
        "  Sitting:    23 min",
        "  Last alert: Sit back (5 min ago)",
        "  Profile:    desk",
        "  Log:        /d/posture.log",
    ]


def test_status_lines_while_starting() -> None:
    lines = status_lines({}, 7, Path("/d/posture.log"))
    assert lines[1:6] == [
        "  State:      starting",
        "  Posture:    unknown",
        "  Sitting:    under a minute",
        "  Last alert: none yet",
        "  Profile:    not calibrated (population defaults)",
    ]
