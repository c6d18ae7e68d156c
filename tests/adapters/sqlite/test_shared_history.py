"""The history shared while the monitor runs: other processes (`status`, `snooze`, `report`)
open and close it, and the monitor's process opens it a second time (its profile, a replay's
copy). None of that may cost the running monitor its locks: a process that closes any file
descriptor of the database or its -wal/-shm loses every POSIX lock it holds on that file, and
another process closing its connection then believes it is the last one and deletes the
write-ahead log the monitor is still writing to (so nobody else sees those writes again)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from posture.adapters.sqlite.store import SqliteStore
from tests.support.cli import REPO

T0 = 1_790_000_000.0

OTHER_PROCESS = """
import sys, time
from pathlib import Path
from posture.adapters.sqlite.store import SqliteStore
with SqliteStore.open(Path(sys.argv[1])) as store:
    print(store.active_snooze(float(sys.argv[2])))
"""


def _other_process_reads(path: Path, at_s: float) -> str:
    done = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, str(path), str(at_s)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _deleted_files_held(path: Path) -> list[str]:
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(path)) and target.endswith("(deleted)"):
            held.append(target)
    return held


def test_writes_of_an_open_store_stay_visible_while_others_open_and_close_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    with SqliteStore.open(path) as monitor:
        monitor.add_snooze(T0, T0 + 1800)
        with SqliteStore.open(path) as again:  # the same process opens it a second time
            assert again.active_snooze(T0 + 1) == T0 + 1800
        assert _other_process_reads(path, T0 + 1) == str(T0 + 1800)  # `status`, then closes
        monitor.add_snooze(T0 + 60, T0 + 3600)  # the monitor writes on
        assert _other_process_reads(path, T0 + 61) == str(T0 + 3600)
        assert _deleted_files_held(path) == []
