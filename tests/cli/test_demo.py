"""`demo`: a replayed day from the shipped picture, its report, and that report in Chromium.

The demo runs against a hostile user: a config file that silences the whole morning and names
a pause app, that app really running (a copy of `sleep` under its name), and a snooze in the
real data folder. None of it may reach the demo: it ends, and shows the day it always shows.

This is also the acceptance test of the HTML report for a replayed day: the page written for
the demo's replayed history renders in headless Chromium without console messages, its charts
draw, and every number marked on the page equals the JSON export.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest

from posture.core.folder_layout import DataFolder
from tests.support.chromium import CHARTS, console_lines, drawn, render, run_chromium
from tests.support.cli import run_cli
from tests.support.notify_server import notification_server
from tests.support.videos import frames_of, load, write_video

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite


@dataclass
class Demo:
    folder: Path
    real: Path
    stdout: str
    stderr: str
    received: list[dict[str, str]]


PAUSE_APP = "posture-call"
HOSTILE = f"""[coaching]
pause_apps = ["{PAUSE_APP}"]
quiet_hours_start = "07:00"
quiet_hours_end = "21:00"

[monitor]
notifier = "native"
sample_interval_s = 30.0
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, lite_model: Path) -> Iterator[Demo]:
    work = tmp_path_factory.mktemp("demo")
    real = work / "data"
    user_config = work / "config.toml"
    user_config.write_text(HOSTILE, encoding="utf-8")
    app = work / PAUSE_APP
    shutil.copy(shutil.which("sleep") or "/bin/sleep", app)
    env = {"POSTURE_CONFIG": str(user_config)}
    snoozed = run_cli("--data-dir", str(real), "snooze", "30m", env=env)
    assert snoozed.returncode == 0, snoozed.stderr
    calling = subprocess.Popen([str(app), "900"])
    # On a desktop with a notification server, which the demo must leave alone.
    try:
        with notification_server(work / "desktop") as server:
            result = run_cli(
                "demo", "--data-dir", str(real), timeout=900, env={**server.env, **env}
            )
            assert result.returncode == 0, result.stderr
            received = server.received()
    finally:
        calling.kill()
        calling.wait()
    return Demo(real / "demo", real, result.stdout, result.stderr, received)


def test_the_demo_reports_say_they_are_demo_data(demo: Demo, tmp_path: Path) -> None:
    data = json.loads((demo.folder / "report.json").read_text())
    assert data["demo"] is True and data["notice"].startswith("DEMO DATA")
    assert "generated video" in data["notice"]
    dom, _, _ = render(demo.folder / "report.html", tmp_path)
    [notice] = [e for e in dom.elements if e.attrs.get("data-demo") == "true"]
    assert notice.text.strip() == data["notice"]


def test_the_demo_says_it_is_a_demo_and_keeps_the_real_history_apart(demo: Demo) -> None:
    assert "DEMO DATA" in demo.stdout and "DEMO DATA" in demo.stderr
    assert (DataFolder(demo.folder).history).is_file()
    with sqlite3.connect(DataFolder(demo.real).history) as db:  # the snooze, and nothing else
        assert db.execute("SELECT count(*) FROM intervals").fetchone() == (0,)


def test_the_demo_day_has_posture_breaks_and_alerts(demo: Demo) -> None:
    figures = json.loads((demo.folder / "report.json").read_text())["figures"]
    assert figures["monitored_min"] > 60
    assert figures["issue:slouch"] > 5
    assert figures["breaks"] == 2
    assert figures["alerts_sent"] >= 3
    with sqlite3.connect(DataFolder(demo.folder).history) as db:
        issues = {row[0] for row in db.execute("SELECT issue FROM alerts WHERE issue IS NOT NULL")}
    assert "slouch" in issues and issues & {"head_tilt", "shoulder_tilt"}


def test_the_demo_days_alerts_go_to_the_log_not_the_desktop(demo: Demo) -> None:
    with sqlite3.connect(demo.folder / "history.sqlite3") as db:
        (alerts,) = db.execute("SELECT COUNT(*) FROM alerts").fetchone()
    assert alerts >= 3  # the day had alerts to show ...
    assert demo.received == []  # ... and none of them reached the desktop


def test_the_replayed_days_report_renders_in_chromium(demo: Demo, tmp_path: Path) -> None:
    page = demo.folder / "report.html"
    dom, _, log = render(page, tmp_path)
    assert console_lines(log) == []
    for name in CHARTS:
        marks = [
            e
            for e in dom.elements
            if e.chart == name and "mark" in e.attrs.get("class", "").split()
        ]
        assert marks and all(drawn(m) for m in marks), f"the {name} chart draws nothing"
    figures = json.loads((demo.folder / "report.json").read_text())["figures"]
    marked = [e for e in dom.elements if "data-figure" in e.attrs]
    assert len(marked) >= 10
    for element in marked:
        expected = figures[element.attrs["data-figure"]]
        text = element.text.strip()
        if expected is None:
            assert text == "-"
        else:
            assert float(text) == pytest.approx(expected), element.attrs["data-figure"]
    shot = tmp_path / "demo-report.png"
    done = run_chromium(page, tmp_path, f"--screenshot={shot}", "--window-size=1200,2400")
    assert done.returncode == 0 and shot.is_file()
    picture = cv2.imread(str(shot))
    assert picture is not None and float(np.std(picture)) > 10.0


def test_a_named_video_is_not_called_generated(
    tmp_path: Path, shared_data: Path, lite_model: Path
) -> None:
    video = tmp_path / "mine.avi"
    write_video(video, [(load(frames_of(shared_data, "notSlouching")[:5]), 20)])
    real = tmp_path / "data"
    result = run_cli("demo", "--data-dir", str(real), "--video", str(video), timeout=300)
    assert result.returncode == 0, result.stderr
    notice = "DEMO DATA: this report comes from the video mine.avi, not from your history."
    assert notice in result.stdout and notice in result.stderr
    assert "generated" not in (result.stdout + result.stderr).lower()
    folder = DataFolder(real).demo
    assert json.loads(folder.report_json.read_text())["notice"] == notice
    assert "generated" not in folder.report_page.read_text().lower()
