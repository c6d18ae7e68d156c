"""The one progress bar: bytes, seconds and frames; redrawn on a terminal, a few lines in a pipe."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from posture.adapters.terminal_progress import (
    BYTES,
    FRAMES,
    MIB,
    SECONDS,
    ProgressBar,
    Unit,
    render_bar,
)
from tests.support.cli import REPO


@pytest.mark.parametrize(
    ("done", "total", "unit", "text"),
    [
        (
            1.2 * MIB,
            3.4 * MIB,
            BYTES,
            "model: [##########--------------------]  35% (1.2 of 3.4 MB)",
        ),
        (3 * MIB, None, BYTES, "model: 3.0 MB"),
        (0, 0, BYTES, "model: 0.0 MB"),
        (3, 5, SECONDS, "model: [##################------------]  60% (3 of 5 s)"),
        (7, 5, SECONDS, "model: [##############################] 100% (5 of 5 s)"),
        (-1, 5, SECONDS, "model: [------------------------------]   0% (0 of 5 s)"),
        (20, 40, FRAMES, "model: [###############---------------]  50% (20 of 40 frames)"),
        (42, None, FRAMES, "model: 42 frames"),
    ],
)
def test_one_line_for_every_unit(done: float, total: float | None, unit: Unit, text: str) -> None:
    assert render_bar("model", done, total, unit) == text


def test_bytes_without_a_terminal_print_a_line_per_quarter() -> None:
    stream = io.StringIO()
    bar = ProgressBar("model", stream=stream, is_tty=False)
    for done in range(0, 1001, 10):
        bar(done, 1000)
    lines = stream.getvalue().splitlines()
    assert [line.split("] ")[1].split("%")[0].strip() for line in lines] == [
        "0",
        "25",
        "50",
        "75",
        "100",
    ]
    assert "\r" not in stream.getvalue()


def test_bytes_on_a_terminal_redraw_in_place_and_end_the_line_once() -> None:
    stream = io.StringIO()
    bar = ProgressBar("model", stream=stream, is_tty=True)
    for done in (0, 500, 500, 1000):
        bar(done, 1000)
    bar.finish()
    text = stream.getvalue()
    assert text.count("\r") == 3  # the repeated report draws nothing
    assert text.endswith("100% (0.0 of 0.0 MB)\n") and text.count("\n") == 1


def test_bytes_of_unknown_total_without_a_terminal_every_ten_megabytes() -> None:
    stream = io.StringIO()
    bar = ProgressBar("model", stream=stream, is_tty=False)
    for done in range(0, 35 * MIB, MIB // 2):
        bar(done, None)
    assert stream.getvalue().splitlines() == [f"model: {n}.0 MB" for n in (0, 10, 20, 30)]


def test_seconds_without_a_terminal_print_a_line_per_quarter_and_the_end() -> None:
    stream = io.StringIO()
    bar = ProgressBar("Calibrating", 5.0, SECONDS, stream=stream, is_tty=False)
    for tenth in range(45):
        bar.update(tenth / 10)
    bar.finish()
    lines = stream.getvalue().splitlines()
    assert [line.rsplit("(", 1)[1] for line in lines] == [
        "0 of 5 s)",
        "1 of 5 s)",
        "2 of 5 s)",
        "4 of 5 s)",
        "5 of 5 s)",
    ]


def test_steps_on_a_terminal_redraw_only_when_the_text_changes() -> None:
    stream = io.StringIO()
    bar = ProgressBar("Evaluating", 4, FRAMES, stream=stream, is_tty=True)
    for done in (1, 1, 2, 3):
        bar.update(done)
    bar.finish()
    text = stream.getvalue()
    assert text.count("\r") == 4
    assert text.endswith("100% (4 of 4 frames)\n") and text.count("\n") == 1


def test_a_wait_that_never_started_prints_nothing() -> None:
    stream = io.StringIO()
    ProgressBar("pose model (lite)", stream=stream, is_tty=True).finish()
    assert stream.getvalue() == ""


def test_a_real_pipe_gets_plain_lines() -> None:
    """A real process writing to a pipe: no carriage returns, a handful of lines."""
    code = (
        "from posture.adapters.terminal_progress import SECONDS, ProgressBar\n"
        "bar = ProgressBar('Replaying day.avi', 600.0, SECONDS)\n"
        "for s in range(601):\n"
        "    bar.update(float(s))\n"
        "bar.finish()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stderr
    assert len(done.stderr.splitlines()) == 5
    assert done.stderr.splitlines()[-1].endswith("100% (600 of 600 s)")
