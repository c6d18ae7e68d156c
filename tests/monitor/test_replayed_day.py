"""The whole assistant on a replayed day: real frames, real model, real SQLite, real dunst.

The video is built from the real frames of ../shared/data/slouching-or-not (session B): a
minute and a half upright, three minutes slouched, a minute and a half upright, seven minutes
with nobody there, and a minute back at the desk. `sit_limit_min` is shortened to 5 so the
sitting reminder falls inside the first session.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from posture.core.exercises import load_exercises
from posture.core.folder_layout import DataFolder
from tests.support.cli import run_cli
from tests.support.notify_server import notification_server
from tests.support.videos import empty_scene, frames_of, load, write_video

pytestmark = pytest.mark.e2e  # real processes or the real model: the slow suite

UPRIGHT_S, SLOUCH_S, AWAY_S, BACK_S = 90, 180, 420, 60
SLOUCH_START = UPRIGHT_S
SLOUCH_END = UPRIGHT_S + SLOUCH_S
AWAY_START = 2 * UPRIGHT_S + SLOUCH_S
AWAY_END = AWAY_START + AWAY_S
DWELL_S = 20.0  # the default timing.dwell_s


@dataclass
class Day:
    db: Path
    start_s: float
    notifications: list[dict[str, str]]
    stderr: str


@pytest.fixture(scope="module")
def replayed_day(
    shared_data: Path, tmp_path_factory: pytest.TempPathFactory, lite_model: Path
) -> Iterator[Day]:
    work = tmp_path_factory.mktemp("day")
    good = frames_of(shared_data, "notSlouching")
    calibration = work / "calibration"
    calibration.mkdir()
    for path in good[:5]:
        shutil.copy(path, calibration)
    video = work / "day.avi"
    write_video(
        video,
        [
            (load(good[5:]), UPRIGHT_S),
            (load(frames_of(shared_data, "isSlouching")), SLOUCH_S),
            (load(good[5:]), UPRIGHT_S),
            ([empty_scene(shared_data)], AWAY_S),
            (load(good[5:]), BACK_S),
        ],
    )
    config = work / "config.toml"
    # A replay shows desktop notifications only when a notifier is named.
    config.write_text('[monitor]\nnotifier = "native"\n\n[sitting]\nsit_limit_min = 5\n')
    data = work / "data"
    common = ["--data-dir", str(data), "--config", str(config)]
    calibrated = run_cli("calibrate", "--source", str(calibration), *common)
    assert calibrated.returncode == 0, calibrated.stderr
    with notification_server(work / "desktop") as server:
        result = run_cli(
            "run",
            "--source",
            str(video),
            "--replay-start",
            "2026-11-25T09:00:00",
            *common,
            env=server.env,
        )
        assert result.returncode == 0, result.stderr
        received = server.received()
    from datetime import datetime

    return Day(
        DataFolder(data).history,
        datetime.fromisoformat("2026-11-25T09:00:00").astimezone().timestamp(),
        received,
        result.stderr,
    )


def _alerts(day: Day) -> list[tuple[float, str, str | None, str]]:
    with sqlite3.connect(day.db) as db:
        rows = db.execute("SELECT t_s, kind, issue, exercise FROM alerts ORDER BY t_s").fetchall()
    return [(t - day.start_s, kind, issue, exercise) for t, kind, issue, exercise in rows]


def test_exactly_one_slouch_alert_after_the_dwell_time(replayed_day: Day) -> None:
    posture = [a for a in _alerts(replayed_day) if a[1] == "posture"]
    slouch = [a for a in posture if a[2] == "slouch"]
    assert len(slouch) == 1, posture
    t = slouch[0][0]
    assert SLOUCH_START + DWELL_S <= t <= SLOUCH_START + DWELL_S + 15, t


def test_no_posture_alert_while_upright(replayed_day: Day) -> None:
    for t, kind, issue, _ in _alerts(replayed_day):
        if kind == "posture":
            assert SLOUCH_START < t <= SLOUCH_END, (t, issue)


def test_the_absence_is_recorded_as_a_break(replayed_day: Day) -> None:
    with sqlite3.connect(replayed_day.db) as db:
        breaks = db.execute("SELECT start_s, end_s FROM breaks").fetchall()
    assert len(breaks) == 1
    start, end = (v - replayed_day.start_s for v in breaks[0])
    assert start == pytest.approx(AWAY_START, abs=3)
    assert end == pytest.approx(AWAY_END, abs=3)


def test_a_sitting_alert_when_the_limit_passes(replayed_day: Day) -> None:
    sitting = [a for a in _alerts(replayed_day) if a[1] == "sitting"]
    assert len(sitting) == 1
    assert sitting[0][0] == pytest.approx(5 * 60, abs=3)


def test_the_notifications_arrived_with_their_exercises(replayed_day: Day) -> None:
    library = load_exercises()
    alerts = _alerts(replayed_day)
    assert len(replayed_day.notifications) == len(alerts) >= 2
    for note, (_, kind, issue, exercise) in zip(replayed_day.notifications, alerts, strict=True):
        assert exercise is not None
        text = note["summary"] + " " + note["body"]
        assert library.by_name(exercise).title in text
        if issue == "slouch":
            assert "slouch" in note["body"]
        if kind == "sitting":
            assert "sat for 5 minutes" in note["body"]


def test_stored_time_adds_up_to_the_video(replayed_day: Day) -> None:
    with sqlite3.connect(replayed_day.db) as db:
        total, away = db.execute(
            "SELECT SUM(monitored_s + away_s + unavailable_s + paused_s), SUM(away_s) "
            "FROM intervals"
        ).fetchone()
    length = 2 * UPRIGHT_S + SLOUCH_S + AWAY_S + BACK_S
    assert total == pytest.approx(length, abs=2.0)
    assert away == pytest.approx(AWAY_S, abs=3.0)
