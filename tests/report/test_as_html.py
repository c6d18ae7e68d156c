"""The `report` command end to end: a realistic day in a real SQLite store, the real command,
and the HTML page rendered by a real headless Chromium.

Chromium is Debian's `/usr/bin/chromium`, which `scripts/test` installs; when it is missing the
tests fail rather than skip. The rendered DOM (`--dump-dom`) is checked for the charts, the
marked figures (each equal to the JSON export's) and the absence of anything that could reach
the network; Chromium's log shows every console message, and the page, which runs no script,
must produce none (a blocked load would show up there as a CSP report). A screenshot is checked
for actual drawing: many colours, and the chart colours present.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import stat
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import cv2
import numpy as np
import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.core.folder_layout import DataFolder
from posture.errors import UserError
from tests.support.chromium import CHARTS, console_lines, drawn, render, run_chromium
from tests.support.cli import run_cli
from tests.support.report_days import WORKDAY, Written, local_s, write_script

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite

ZONE_NAME = "Europe/Berlin"
ZONE = ZoneInfo(ZONE_NAME)
DAY = date(2026, 11, 25)
REQUIRED_FIGURES = (
    "monitored_min",
    "good_share_pct",
    "score",
    "alerts_sent",
    "alerts_corrected",
    "breaks",
    "longest_sitting_min",
    "issue:slouch",
)
NASTY = "<script>alert(1)</script>"


# --- running the command ------------------------------------------------------------------------


@functools.cache
def wired() -> bool:
    """Whether `python run.py report` exists yet (the CLI owner wires it in)."""
    return run_cli("report", "--help", timeout=60).returncode == 0


@dataclass
class Outcome:
    status: int
    out: str
    err: str


def report(data_dir: Path, *flags: str) -> Outcome:
    """Run `report` for Berlin as a real process once wired, else through `run()` directly."""
    if wired():
        done = run_cli(
            "report",
            "--data-dir",
            str(data_dir),
            *flags,
            env={"TZ": ZONE_NAME, "HOME": str(data_dir / "home")},
            timeout=120,
        )
        return Outcome(done.returncode, done.stdout, done.stderr)
    import contextlib
    import io

    from posture.cli.commands.report import run

    parser = argparse.ArgumentParser()
    parser.add_argument("--date")
    parser.add_argument("--week", action="store_true")
    for name in ("--html", "--json", "--csv"):
        parser.add_argument(name, type=Path)
    parser.add_argument("--open", action="store_true")
    args = parser.parse_args(flags)
    args.data_dir, args.timezone = str(data_dir), ZONE_NAME
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            status = run(args)
    except UserError as exc:
        return Outcome(exc.exit_status, out.getvalue(), f"posture: {exc}")
    return Outcome(status, out.getvalue(), "")


# --- the data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    data_dir: Path
    written: Written
    work: Path


def _write_history(
    data_dir: Path,
    *,
    profile: str = "desk",
    exercises: tuple[str, ...] | None = None,
    message: str | None = None,
) -> Written:
    store = SqliteStore.open(DataFolder(data_dir).history)
    try:
        extra: dict[str, Any] = {}
        if exercises is not None:
            extra["exercises"] = exercises
        if message is not None:
            extra["message"] = message
        written = write_script(
            store, local_s(DAY, "08:30", ZONE), WORKDAY, profile=profile, **extra
        )
        # Earlier days, shorter and different, for the comparison and the trend.
        for days_back, start, steps in (
            (1, "09:10", WORKDAY[3:20]),
            (2, "07:55", WORKDAY[:9]),
            (4, "10:00", WORKDAY[8:26]),
        ):
            write_script(
                store, local_s(DAY - timedelta(days=days_back), start, ZONE), steps, profile=profile
            )
        # A late session crossing into the reported day.
        write_script(
            store,
            local_s(DAY - timedelta(days=1), "23:40", ZONE),
            ((25, "good"), (5, "slouch")),
            profile=profile,
        )
    finally:
        store.close()
    return written


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("report")
    data_dir = root / "data"
    data_dir.mkdir(mode=0o700)
    return Built(data_dir, _write_history(data_dir), root)


@pytest.fixture(scope="module")
def outputs(built: Built) -> tuple[Outcome, Path, Path, Path]:
    html, js, csv_path = built.work / "day.html", built.work / "day.json", built.work / "day.csv"
    outcome = report(
        built.data_dir,
        "--date",
        DAY.isoformat(),
        "--html",
        str(html),
        "--json",
        str(js),
        "--csv",
        str(csv_path),
    )
    return outcome, html, js, csv_path


# --- tests --------------------------------------------------------------------------------------


def test_the_command_writes_private_files_and_a_short_summary(
    outputs: tuple[Outcome, Path, Path, Path],
) -> None:
    outcome, html, js, csv_path = outputs
    assert outcome.status == 0, outcome.err
    summary = [line for line in outcome.out.splitlines() if not line.startswith("Wrote the ")]
    assert 5 <= len(summary) <= 15
    assert summary[0] == "Posture report for Wednesday 25 November 2026 (Europe/Berlin)"
    for path in (html, js, csv_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert not [p for p in html.parent.iterdir() if p.name.endswith(".tmp")]


def test_the_json_figures_match_what_was_recorded(
    built: Built, outputs: tuple[Outcome, Path, Path, Path]
) -> None:
    data = json.loads(outputs[2].read_text())
    figures = data["figures"]
    assert data["format"] == "posture.report.day" and data["has_data"] is True
    assert data["timezone"] == ZONE_NAME and data["start"] == "2026-11-25T00:00:00+01:00"
    # The session that began before midnight adds its 00:00-00:10 part (5 min good, then 5 of
    # slouching, with an alert at 00:06 corrected at 00:10).
    assert figures["alerts_sent"] == built.written.alerts + 1
    assert figures["alerts_corrected"] == built.written.corrected + 1
    watched = sum(m for m, what in WORKDAY if what not in ("away", "unavailable", "paused"))
    assert figures["monitored_min"] == pytest.approx(watched + 10, abs=0.1)
    slouch = sum(m for m, what in WORKDAY if "slouch" in what.split(","))
    assert figures["issue:slouch"] == pytest.approx(slouch + 5, abs=0.1)
    assert figures["breaks"] == 3 and figures["longest_good_min"] == 42.0
    assert data["top_exercise"]["title"] == "Chin tucks"
    assert len(data["hours"]) == 24 and len(data["trend"]) == 7
    assert data["previous_day"]["has_data"] is True and figures["score_vs_previous_day"] is not None


def test_the_page_renders_in_chromium_with_its_charts_and_without_errors(
    built: Built, outputs: tuple[Outcome, Path, Path, Path]
) -> None:
    dom, _, log = render(outputs[1], built.work / "render")
    assert console_lines(log) == [], "the page wrote to the console (errors or blocked loads)"
    charts = {
        e.attrs["data-chart"]: e for e in dom.elements if e.tag == "svg" and "data-chart" in e.attrs
    }
    assert set(CHARTS) <= set(charts)
    for name in CHARTS:
        marks = [
            e
            for e in dom.elements
            if e.chart == name and "mark" in e.attrs.get("class", "").split()
        ]
        assert marks and all(drawn(m) for m in marks), f"the {name} chart draws nothing"
    assert not [e for e in dom.elements if e.tag == "script"]


def test_nothing_on_the_page_can_reach_the_network(
    built: Built, outputs: tuple[Outcome, Path, Path, Path]
) -> None:
    page = outputs[1].read_text()
    assert not re.search(r"https?://", page, re.IGNORECASE)
    dom, _, _ = render(outputs[1], built.work / "render-net")
    for element in dom.elements:
        for name in ("src", "href", "xlink:href", "action", "srcset", "poster", "data"):
            value = element.attrs.get(name)
            assert value is None or value.startswith("#"), (element.tag, name, value)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_every_marked_figure_equals_the_json_export(
    built: Built, outputs: tuple[Outcome, Path, Path, Path]
) -> None:
    figures = json.loads(outputs[2].read_text())["figures"]
    dom, _, _ = render(outputs[1], built.work / "render-figures")
    marked = [e for e in dom.elements if "data-figure" in e.attrs]
    keys = {e.attrs["data-figure"] for e in marked}
    assert set(REQUIRED_FIGURES) <= keys
    for element in marked:
        key, text = element.attrs["data-figure"], element.text.strip()
        expected = figures[key]
        if expected is None:
            assert text == "-", key
        else:
            assert float(text) == pytest.approx(expected, abs=1e-9), (key, text, expected)


def test_the_screenshot_is_drawn(built: Built, outputs: tuple[Outcome, Path, Path, Path]) -> None:
    shot = built.work / "report.png"
    done = run_chromium(
        outputs[1],
        built.work / "render-shot",
        f"--screenshot={shot}",
        "--window-size=1200,2400",
        "--hide-scrollbars",
    )
    assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
    image = cv2.imread(str(shot))
    assert image is not None and image.shape[:2] == (2400, 1200)
    assert float(image.std()) > 10.0, "the screenshot is (nearly) one colour"
    assert len(np.unique(image.reshape(-1, 3), axis=0)) > 100
    for hex_colour in ("#43a673", "#e5604f", "#5b8def"):  # good, issues, at the desk
        r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        close = np.all(np.abs(image.astype(int) - (b, g, r)) <= 6, axis=2)
        assert close.sum() > 500, f"no {hex_colour} drawn"


def test_stored_text_is_escaped(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    _write_history(
        data_dir,
        profile=NASTY,
        exercises=(NASTY, "chin_tucks"),
        message=f"<b onmouseover=alert(2)>{NASTY}</b>",
    )
    html, js = tmp_path / "day.html", tmp_path / "day.json"
    outcome = report(data_dir, "--date", DAY.isoformat(), "--html", str(html), "--json", str(js))
    assert outcome.status == 0, outcome.err
    page = html.read_text()
    assert NASTY not in page and "<b onmouseover" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    data = json.loads(js.read_text())
    assert data["profiles"] == [NASTY]
    assert NASTY in {alert["exercise"] for alert in data["alerts"]}
    dom, _, log = render(html, tmp_path / "render")
    assert not [e for e in dom.elements if e.tag == "script"]
    assert not [e for e in dom.elements if any(k.startswith("on") for k in e.attrs)]
    assert console_lines(log) == []
    assert any(NASTY in e.text for e in dom.elements if e.tag == "p")  # the profile
    assert any(e.text == NASTY for e in dom.elements if e.tag == "td")  # the exercise


def test_the_console_check_sees_console_messages(tmp_path: Path) -> None:
    """The harness itself: a page that logs an error is caught."""
    probe = tmp_path / "probe.html"
    probe.write_text("<!doctype html><p>x</p><script>console.error('probe-error')</script>")
    done = run_chromium(probe, tmp_path, "--dump-dom")
    assert done.returncode == 0
    assert any("probe-error" in line for line in console_lines(done.stderr))


def test_an_empty_day_says_so(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    html, js = tmp_path / "empty.html", tmp_path / "empty.json"
    outcome = report(data_dir, "--date", DAY.isoformat(), "--html", str(html), "--json", str(js))
    assert outcome.status == 0, outcome.err
    assert outcome.out.splitlines()[0] == "No posture data for 2026-11-25."
    assert "No posture data for 2026-11-25." in html.read_text()
    assert json.loads(js.read_text())["has_data"] is False
    assert not (DataFolder(data_dir).history).exists(), "a report must not create the history"


def test_a_bad_date_is_one_sentence_and_status_2(tmp_path: Path) -> None:
    outcome = report(tmp_path, "--date", "2026-02-30")
    assert outcome.status == 2
    assert outcome.err.strip().startswith("posture: '2026-02-30' is not a date")
    assert len(outcome.err.strip().splitlines()) == 1


def test_the_week(built: Built) -> None:
    html, js, csv_path = (built.work / f"week.{ext}" for ext in ("html", "json", "csv"))
    outcome = report(
        built.data_dir,
        "--date",
        DAY.isoformat(),
        "--week",
        "--html",
        str(html),
        "--json",
        str(js),
        "--csv",
        str(csv_path),
    )
    assert outcome.status == 0, outcome.err
    data = json.loads(js.read_text())
    assert data["format"] == "posture.report.week" and len(data["days"]) == 7
    assert data["figures"]["days_with_data"] == 4
    rows = csv_path.read_text().splitlines()
    assert len(rows) == 8 and rows[-1].startswith("2026-11-25,1,")
    dom, _, log = render(html, built.work / "render-week")
    assert console_lines(log) == []
    for element in (e for e in dom.elements if "data-figure" in e.attrs):
        assert float(element.text) == pytest.approx(data["figures"][element.attrs["data-figure"]])


def test_open_writes_the_page_into_the_data_folder(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    from posture.cli.commands import report as command

    opened: list[str] = []

    def fake_open(uri: str) -> bool:
        opened.append(uri)
        return True

    monkeypatch.setattr("webbrowser.open", fake_open)
    args = argparse.Namespace(
        data_dir=str(built.data_dir),
        date=DAY.isoformat(),
        week=False,
        html=None,
        json=None,
        csv=None,
        open=True,
        timezone=ZONE_NAME,
    )
    assert command.run(args) == 0
    page = DataFolder(built.data_dir).report_page
    assert opened == [page.resolve().as_uri()]
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    assert "Your posture on Wednesday, 25 November 2026" in page.read_text()
