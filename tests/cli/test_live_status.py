"""`run` on a terminal keeps one status line current and sums up when it stops; on a pipe, the
output stays clean. A real process on a real pseudo-terminal, watching a loopback MJPEG camera
that serves real upright frames of ../shared/data, with the real model."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from posture.adapters.terminal_status import CLEAR_LINE
from posture.core.folder_layout import DataFolder
from tests.support.cli import REPO
from tests.support.monitor_process import wait_for
from tests.support.stream_server import stream_server
from tests.support.videos import frames_of, load, write_video

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite


def _reader(fd: int, sink: list[bytes]) -> threading.Thread:
    def pump() -> None:
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the terminal closed with the process
                return
            if not chunk:
                return
            sink.append(chunk)

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    return thread


def _command(url: str, work: Path) -> list[str]:
    config = work / "config.toml"
    config.write_text('[monitor]\nnotifier = "log"\n')
    data = work / "data"
    return [sys.executable, str(REPO / "run.py"), "run", "--source", url,
            "--data-dir", str(data), "--config", str(config)]  # fmt: skip


@pytest.fixture
def camera_video(shared_data: Path, tmp_path: Path, lite_model: Path) -> Path:
    video = tmp_path / "upright.avi"
    write_video(video, [(load(frames_of(shared_data, "notSlouching")[5:]), 20)])
    return video


def test_on_a_terminal_one_line_is_redrawn_and_a_summary_ends_the_run(
    camera_video: Path, tmp_path: Path
) -> None:
    chunks: list[bytes] = []
    with stream_server(camera_video, size="224:224") as camera:
        master, slave = os.openpty()
        proc = subprocess.Popen(
            _command(camera.url, tmp_path), cwd=REPO, stdin=subprocess.DEVNULL,
            stdout=slave, stderr=slave,
        )  # fmt: skip
        os.close(slave)
        reader = _reader(master, chunks)
        try:
            wait_for(
                lambda: b"".join(chunks).count(b"Posture: watching | posture: ") >= 2,
                120,
                "the live line drawn twice while watching",
            )
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=60)
            reader.join(timeout=10)
            os.close(master)
    out = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0, out
    redraws = out.count(CLEAR_LINE + "Posture: ")
    assert redraws >= 2, out
    # Drawn in place: no status line ends in a newline of its own.
    assert "Posture: watching | posture: good | sitting:" in out
    assert not any(line.startswith("Posture: watching") for line in out.splitlines()[:-1])
    last = out.rsplit(CLEAR_LINE, 1)[-1].strip()  # the line is wiped before the summary
    assert last.startswith("Stopped after watching for "), out
    assert "0 alerts" in last and str(DataFolder(tmp_path / "data").history) in last


def test_on_a_pipe_there_is_no_live_line_and_no_summary(camera_video: Path, tmp_path: Path) -> None:
    db = DataFolder(tmp_path / "data").history
    with stream_server(camera_video, size="224:224") as camera:
        proc = subprocess.Popen(
            _command(camera.url, tmp_path), cwd=REPO, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            wait_for(
                lambda: (DataFolder(db.parent).status.exists() and b"watching"
                         in DataFolder(db.parent).status.read_bytes()),
                120,
                "the monitor watching",
            )  # fmt: skip
        finally:
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "\r" not in err and "\x1b" not in err, err
    assert "Posture: watching" not in err and "Stopped after watching" not in err
    assert "posture: stopped cleanly; 0 alerts" in err  # the log line, once
    assert out == ""
