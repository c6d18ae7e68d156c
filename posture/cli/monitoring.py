"""Watching a source with the whole assistant, for `run` and the `demo`, with typed parameters.

`watch` builds the real adapters (camera or replay, pose model, notifier, history, status file)
around the monitor loop and runs it as the one instance for its data folder.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from posture.cli.common import provision_model, stored_baseline
from posture.config.schema import Config
from posture.core.durations import format_duration
from posture.core.folder_layout import DataFolder
from posture.core.health import HEALTH_NOTE
from posture.core.sources import is_live

if TYPE_CHECKING:
    from posture.monitor.step import Monitor
    from posture.ports import MonitorCamera, SettingsSource, StatusBoard, Store

# How many people `run` tracks: one. VIDEO mode then keeps tracking whomever it found and skips
# its person detector; tracking two runs the detector on every look while only one person is
# there (8.5-10 ms per look became 18-50 ms, lite, benchmarks/people.py) and put the monitor past
# its CPU targets (docs/performance.md). Only when the one tracked is not where the calibration
# has the user (a passer-by, someone larger in view) does a second look find up to CROWD people
# in the same frame, and the one nearest the calibration is judged (posture.core.people); that
# model is loaded at its first use.
PEOPLE = 1
CROWD = 3


def _first_run_note(folder: DataFolder) -> None:
    from posture.adapters.private_files import write_owner_only

    mark = folder.first_run_mark
    if mark.exists():
        return
    print(HEALTH_NOTE, file=sys.stderr)
    with contextlib.suppress(OSError):  # the note shows again next time; nothing else is lost
        write_owner_only(mark, b"", replace_link=True)


def _camera(
    spec: str, replay_start_s: float, decode_side_px: int = 640
) -> tuple[MonitorCamera, float | None]:
    """A live camera, or a replay of a file on its own clock (with its length when known).

    A live MJPEG stream's frames are decoded no larger than `decode_side_px` needs."""
    from posture.adapters.opencv_camera import LiveCamera, ReplayCamera
    from posture.adapters.opencv_images import ImageFiles
    from posture.adapters.opencv_sources import CaptureSource, open_source

    if is_live(spec):
        # Check now that it opens, so a wrong index is one clear sentence at start.
        open_source(spec).close()
        return LiveCamera(
            spec, open_source_fn=partial(open_source, decode_side_px=decode_side_px)
        ), None
    probe = open_source(spec)
    length_s = None
    if isinstance(probe, CaptureSource):
        length_s = probe.length_s
    elif isinstance(probe, ImageFiles):
        length_s = float(len(probe))  # a folder replays one picture a second
    probe.close()
    return ReplayCamera(spec, replay_start_s), length_s


def _run_live(
    monitor: Monitor,
    stop: threading.Event,
    board: StatusBoard,
    history: Path,
    settings: SettingsSource | None,
) -> None:
    """The live loop; on a terminal with a status line kept current and a summary at the end."""
    from posture.adapters.terminal_status import Boards, LiveStatusLine
    from posture.monitor.loop import run_live
    from posture.report.status_text import stop_summary

    if not sys.stderr.isatty():
        run_live(monitor, stop, board, settings=settings)
        return
    line = LiveStatusLine(sys.stderr)
    line.attach()
    began_s = time.time()
    try:
        run_live(monitor, stop, Boards(board, line), settings=settings, status_every_s=1.0)
    finally:
        line.clear()
        print(
            stop_summary(time.time() - began_s, len(monitor.notifications), history),
            file=sys.stderr,
        )


def _never_paused(_now_s: float) -> str:
    return ""


def watch(
    *,
    folder: Path,
    settings: Config,
    source: str,
    variant: str,
    profile: str | None,
    notifier: str,
    replay_start_s: float | None = None,
    config_file: Path | None = None,
) -> int:
    """Watch `source` until stopped (a camera) or to its end (a replayed file); exit status.

    `folder` is the data folder (history, status file, instance lock); `variant` a checked
    model variant; `profile` None for the active one; `notifier` a `monitor.notifier` choice
    ("log" keeps every notification in the log); `replay_start_s` the time a replayed file's
    first frame stands for (default: now); `config_file`, when given, is watched, and the
    monitor obeys its changes without a restart.
    """
    from posture.adapters.single_instance import acquire

    with acquire(folder):  # before the model loads; released after the store closes
        return _watch(
            folder, settings, source, variant, profile, notifier, replay_start_s, config_file
        )


@dataclass
class Watching:
    """A monitor built on its real adapters, ready to run: what `run_watching` needs."""

    monitor: Monitor
    store: Store
    spec: str
    live: bool
    length_s: float | None
    replay_start_s: float
    folder: Path
    followed: SettingsSource | None = None  # the config file, when the monitor obeys its edits


def _watch(
    folder: Path,
    settings: Config,
    spec: str,
    variant: str,
    profile_name: str | None,
    notifier: str,
    replay_start: float | None,
    config_file: Path | None = None,
) -> int:
    """Build the real adapters and run the monitor loop until stopped or the replay ends."""
    from posture.adapters.status_file import StatusFile
    from posture.monitor.loop import install_signal_handlers

    watching = open_watching(
        folder, settings, spec, variant, profile_name, notifier, replay_start, config_file
    )
    stop = threading.Event()
    install_signal_handlers(stop)
    run_watching(watching, stop, StatusFile(DataFolder(folder).status))
    return 0


def open_watching(
    folder: Path,
    settings: Config,
    spec: str,
    variant: str,
    profile_name: str | None,
    notifier: str,
    replay_start: float | None,
    config_file: Path | None = None,
) -> Watching:
    """Open the camera, the history and the pose model and build the monitor (not yet run).

    The caller holds the instance lock; `run_watching` closes the history at the end. A
    `config_file` is followed: the running monitor obeys its changes without a restart.
    """
    from posture.adapters.config_watch import ConfigWatch
    from posture.adapters.local_zone import user_zone
    from posture.adapters.mediapipe_pose import MediaPipePose, OnDemandPose
    from posture.adapters.notify import build_notifier
    from posture.adapters.sqlite.store import SqliteStore
    from posture.adapters.system_activity import running_process_names, screen_locked
    from posture.core.exercises import load_exercises
    from posture.monitor.pausing import PauseCheck
    from posture.monitor.step import Monitor

    replay_start_s = time.time() if replay_start is None else replay_start
    camera, length_s = _camera(spec, replay_start_s, settings.monitor.inference_max_side_px)
    if camera.live:
        # One line in the log for each alert, pause, camera loss, setup change and stop (a
        # replay keeps its progress bar clean: its record is the history).
        logging.getLogger("posture.monitor").setLevel(min(logging.INFO, logging.getLogger().level))
    if not camera.live and notifier == "auto":
        # A replay runs faster than the day it shows: a morning's alerts would pop up in a
        # minute. They are kept in the history (and the log) unless a notifier is named.
        notifier = "log"
        print(
            "posture: a replay shows no desktop notifications (its alerts are kept in its "
            'history); set `notifier = "native"` in [monitor] to show them.',
            file=sys.stderr,
        )
    zone = user_zone(None)
    store = SqliteStore.open(DataFolder(folder).history)
    profile, baseline = stored_baseline(folder, profile_name)
    library = load_exercises()
    _first_run_note(DataFolder(folder))
    if baseline.population:
        print(
            "posture: no calibration yet, so posture is judged against population defaults, "
            "which catch only clear problems; run `python run.py calibrate` to teach it your "
            "good posture",
            file=sys.stderr,
        )
    model_path = provision_model(variant)
    max_side_px = settings.monitor.inference_max_side_px
    pose = MediaPipePose(model_path, mode="video", num_poses=PEOPLE, max_side_px=max_side_px)
    crowd = OnDemandPose(
        lambda: MediaPipePose(model_path, mode="image", num_poses=CROWD, max_side_px=max_side_px)
    )
    monitor = Monitor(
        camera=camera,
        pose=pose,
        crowd=crowd,
        notifier=build_notifier(notifier),
        store=store,
        config=settings,
        baseline=baseline,
        library=library,
        zone=zone,
        profile=profile,
        # A recording runs on its own clock to its end: a snooze, a call or a locked screen
        # now says nothing about the moments it shows.
        paused=PauseCheck(
            settings.coaching.pause_apps,
            store.active_snooze,
            zone,
            processes=running_process_names,
            locked=screen_locked,
        )
        if camera.live
        else _never_paused,
    )
    followed = ConfigWatch(config_file) if config_file is not None else None
    return Watching(monitor, store, spec, camera.live, length_s, replay_start_s, folder, followed)


def run_watching(watching: Watching, stop: threading.Event, board: StatusBoard) -> None:
    """Run the monitor live until `stop` is set, or replay its file to the end; then close it.

    It waits only on `stop`, so it may run in any thread (the desktop app runs it beside Qt's
    event loop); signal handlers are the caller's business.
    """
    from posture.adapters.terminal_progress import SECONDS, ProgressBar
    from posture.monitor.loop import run_replay

    monitor, spec, start_s = watching.monitor, watching.spec, watching.replay_start_s
    watching.store.add_state_change(
        time.time() if watching.live else start_s, "monitor", "started", spec
    )
    try:
        if watching.live:
            print(f"Watching {spec}. Stop with Ctrl-C.", file=sys.stderr)
            _run_live(monitor, stop, board, DataFolder(watching.folder).history, watching.followed)
        else:
            length_s = watching.length_s
            progress = ProgressBar(f"Replaying {Path(spec).name}", length_s or 1.0, SECONDS)
            end = run_replay(
                monitor,
                start_s,
                stop,
                board,
                on_progress=progress.update if length_s else None,
                settings=watching.followed,
            )
            if length_s:
                progress.finish()
            print(
                f"Replayed {format_duration(end - start_s, 'seconds')} of {spec}; "
                f"{len(monitor.notifications)} notifications.",
                file=sys.stderr,
            )
    finally:
        watching.store.close()
