"""`run` (the default command): watch the configured source until stopped."""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
import time
from datetime import datetime, tzinfo
from pathlib import Path

from posture.adapters.local_zone import user_zone
from posture.adapters.mediapipe_pose import MediaPipePose
from posture.adapters.opencv_camera import LiveCamera, ReplayCamera
from posture.adapters.opencv_sources import CaptureSource, ImageFiles, open_source
from posture.adapters.terminal_progress import SECONDS, ProgressBar
from posture.cli.common import config, data_dir, load_baseline, provision_model
from posture.core.durations import format_duration
from posture.core.health import HEALTH_NOTE
from posture.errors import UserError
from posture.monitor.loop import install_signal_handlers, run_live, run_replay
from posture.monitor.step import Monitor
from posture.ports import MonitorCamera

FIRST_RUN_MARK = ".first-run-done"


def _first_run_note(folder: Path) -> None:
    mark = folder / FIRST_RUN_MARK
    if mark.exists():
        return
    print(HEALTH_NOTE, file=sys.stderr)
    with contextlib.suppress(OSError):
        mark.touch(mode=0o600)


def _camera(spec: str, replay_start_s: float) -> tuple[MonitorCamera, float | None]:
    """A live camera, or a replay of a file on its own clock (with its length when known)."""
    if spec.isdigit() or "://" in spec:
        # Check now that it opens, so a wrong index is one clear sentence at start.
        open_source(spec).close()
        return LiveCamera(spec), None
    probe = open_source(spec)
    length_s = None
    if isinstance(probe, CaptureSource):
        length_s = probe.length_s
    elif isinstance(probe, ImageFiles):
        length_s = float(len(probe))  # a folder replays one picture a second
    probe.close()
    return ReplayCamera(spec, replay_start_s), length_s


def run(args: argparse.Namespace) -> int:
    """Run the monitor loop as the one instance for the data folder (see `single_instance`)."""
    from posture.adapters.single_instance import acquire

    with acquire(data_dir(args)):  # before the model loads; released after the store closes
        return _watch(args)


def _watch(args: argparse.Namespace) -> int:
    """Build the real adapters and run the monitor loop."""
    from posture.adapters.data_folder import history_path
    from posture.adapters.notify import build_notifier
    from posture.adapters.sqlite.store import SqliteStore
    from posture.adapters.status_file import StatusFile, status_path
    from posture.adapters.system_activity import running_process_names, screen_locked
    from posture.core.exercises import load_exercises
    from posture.monitor.pausing import PauseCheck

    settings = config(args)
    folder = data_dir(args)
    spec = getattr(args, "source", None) or settings.monitor.source
    variant = getattr(args, "model", None) or settings.monitor.model
    zone = user_zone(None)
    replay_start_s = _replay_start(getattr(args, "replay_start", None), zone)
    camera, length_s = _camera(spec, replay_start_s)
    store = SqliteStore.open(history_path(folder))
    profile, baseline = load_baseline(args, getattr(args, "profile", None))
    library = load_exercises()
    _first_run_note(folder)
    if baseline.population:
        print(
            "posture: no calibration yet, so posture is judged against population defaults, "
            "which catch only clear problems; run `python run.py calibrate` to teach it your "
            "good posture",
            file=sys.stderr,
        )
    if variant not in ("lite", "full", "heavy"):
        raise UserError(f"unknown model variant '{variant}'; choose lite, full or heavy")
    pose = MediaPipePose(
        provision_model(variant),
        mode="video",
        num_poses=1,
        max_side_px=settings.monitor.inference_max_side_px,
    )
    monitor = Monitor(
        camera=camera,
        pose=pose,
        notifier=build_notifier(getattr(args, "notifier", None) or settings.monitor.notifier),
        store=store,
        config=settings,
        baseline=baseline,
        library=library,
        zone=zone,
        profile=profile,
        paused=PauseCheck(
            settings.coaching.pause_apps,
            store.active_snooze,
            zone,
            processes=running_process_names,
            locked=screen_locked,
        ),
    )
    stop = threading.Event()
    install_signal_handlers(stop)
    board = StatusFile(status_path(folder))
    store.add_state_change(
        time.time() if camera.live else replay_start_s, "monitor", "started", spec
    )
    try:
        if camera.live:
            print(f"Watching {spec}. Stop with Ctrl-C.", file=sys.stderr)
            run_live(monitor, stop, board)
        else:
            progress = ProgressBar(f"Replaying {Path(spec).name}", length_s or 1.0, SECONDS)
            end = run_replay(
                monitor,
                replay_start_s,
                stop,
                board,
                on_progress=progress.update if length_s else None,
            )
            if length_s:
                progress.finish()
            print(
                f"Replayed {format_duration(end - replay_start_s, 'seconds')} of {spec}; "
                f"{len(monitor.notifications)} notifications.",
                file=sys.stderr,
            )
    finally:
        store.close()
    return 0


def _replay_start(text: str | None, zone: tzinfo) -> float:
    if text is None:
        return time.time()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(f"'{text}' is not a date and time like 2026-11-25T09:00") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)  # a time without an offset is the user's own
    return moment.timestamp()
