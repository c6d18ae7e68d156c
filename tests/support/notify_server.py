"""A real freedesktop notification server for tests: Xvfb, a private D-Bus session bus and dunst.

Use it as a context manager and export its environment with pytest's monkeypatch::

    @pytest.fixture
    def notify_server(tmp_path, monkeypatch):
        with notification_server(tmp_path / "desktop") as server:
            server.export(monkeypatch)  # DISPLAY and DBUS_SESSION_BUS_ADDRESS
            yield server

    def test_reminder(notify_server):
        ...  # anything that sends a notification
        assert notify_server.received()[-1]["summary"] == "Sit up"

`received()` lists what dunst got, oldest first: "summary" and "body" as they arrived on the bus,
"appname", and "shown", the text a person would read (dunst's markup rendered to plain text,
summary and body on separate lines). `notification_server(path, dunst=False)` gives the same
desktop and bus with no notification server at all. The bus reads no service files, so nothing
is started on demand. A missing program fails the test and names the Debian package to install;
nothing here skips.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

STARTUP_TIMEOUT_S = 30.0  # a deadline only: a cold machine can take seconds to start them

# Program -> the Debian package that brings it.
REQUIRED = {
    "Xvfb": "xvfb",
    "dbus-daemon": "dbus",
    "dbus-send": "dbus",
    "dunst": "dunst",
    "dunstctl": "dunst",
    "busctl": "systemd",  # dunstctl history asks the bus through busctl
}

# Notifications stay on screen until closed (timeout 0), all at once (no limit), never merged,
# and every one is kept in the history that `received()` reads. "full" markup is the strictest
# server behaviour, the one GNOME Shell and KDE Plasma have too.
DUNSTRC = """\
[global]
    notification_limit = 0
    history_length = 1000
    stack_duplicates = false
    sticky_history = yes
    idle_threshold = 0
    markup = full
    format = "%s\\n%b"
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
"""

# The file naming the button `press` picks from dunst's menu of actions.
MENU_CHOICE = "menu-choice"

# A session bus with no service directories: a notification server appears only if started.
BUS_CONFIG = """\
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@dataclass
class NotificationServer:
    """A running desktop: its X display, its session bus and, unless asked not to, dunst."""

    display: str
    bus_address: str
    child_env: dict[str, str]
    has_dunst: bool
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        """The variables a client needs to reach this desktop."""
        return {"DISPLAY": self.display, "DBUS_SESSION_BUS_ADDRESS": self.bus_address}

    def export(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Point this test process (and the programs it starts) at this desktop."""
        for name, value in self.env.items():
            monkeypatch.setenv(name, value)

    def received(self) -> list[dict[str, str]]:
        """Every notification dunst received, oldest first.

        Displayed notifications are closed first, since dunst's history holds closed ones only.
        """
        if not self.has_dunst:
            pytest.fail("received() needs dunst, but this server was started with dunst=False")
        self._dunstctl("close-all")
        history = json.loads(self._dunstctl("history"))
        entries = [
            {key: value["data"] for key, value in entry.items()} for entry in history["data"][0]
        ]
        return [
            {
                "summary": entry["summary"],
                "body": entry["body"],
                "appname": entry["appname"],
                "shown": _rendered(entry["message"]),
            }
            for entry in sorted(entries, key=lambda entry: int(entry["id"]))
        ]

    def received_count(self) -> int:
        """How many notifications dunst shows now (none is closed, unlike `received`)."""
        return int(self._dunstctl("count", "displayed").strip())

    def press(self, label: str) -> None:
        """Press the button `label` on a displayed notification, as a person would.

        `dunstctl context` opens dunst's menu of actions; its menu program (set in the dunstrc)
        picks the line with `label`.
        """
        Path(self.child_env["HOME"], MENU_CHOICE).write_text(label, encoding="utf-8")
        self._dunstctl("context")

    def _dunstctl(self, *command: str) -> str:
        done = subprocess.run(
            ["dunstctl", *command],
            env=self.child_env,
            capture_output=True,
            encoding="utf-8",
            timeout=STARTUP_TIMEOUT_S,
            check=False,
        )
        if done.returncode != 0:
            pytest.fail(f"dunstctl {command} failed ({done.returncode}): {done.stderr.strip()}")
        return done.stdout


def _rendered(markup: str) -> str:
    """What dunst draws for its Pango markup, as plain text."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


@contextlib.contextmanager
def notification_server(workdir: Path, *, dunst: bool = True) -> Iterator[NotificationServer]:
    """Start Xvfb on a free display, a private session bus and dunst; stop them all afterwards."""
    needed = {name: package for name, package in REQUIRED.items() if dunst or "dunst" not in name}
    missing = sorted(
        {
            f"{name} (Debian package {pkg})"
            for name, pkg in needed.items()
            if shutil.which(name) is None
        }
    )
    if missing:
        pytest.fail("the notification test server cannot start; missing: " + ", ".join(missing))
    workdir.mkdir(parents=True, exist_ok=True)
    # The children get a home of their own so nothing can touch the real home folder.
    child_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(workdir),
        "XDG_CONFIG_HOME": str(workdir / "config"),
        "XDG_DATA_HOME": str(workdir / "data"),
        "XDG_CACHE_HOME": str(workdir / "cache"),
        "XDG_RUNTIME_DIR": str(workdir),
        "LANG": "C.UTF-8",
    }
    with contextlib.ExitStack() as stack:
        processes: list[subprocess.Popen[bytes]] = []
        stack.callback(_stop_all, processes)
        display = _start_xvfb(workdir, child_env, processes)
        child_env["DISPLAY"] = display
        address = _start_bus(workdir, child_env, processes)
        child_env["DBUS_SESSION_BUS_ADDRESS"] = address
        if dunst:
            _start_dunst(workdir, child_env, processes)
        yield NotificationServer(display, address, dict(child_env), dunst, processes)


def _start_xvfb(
    workdir: Path, env: dict[str, str], processes: list[subprocess.Popen[bytes]]
) -> str:
    # -displayfd makes Xvfb choose a free display and write its number once it accepts clients.
    read_end, write_end = os.pipe()
    try:
        argv = [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-nolisten",
            "tcp",
            "-screen",
            "0",
            "1280x800x24",
        ]
        with (workdir / "xvfb.log").open("wb") as log:
            xvfb = subprocess.Popen(argv, env=env, stdout=log, stderr=log, pass_fds=(write_end,))
        processes.append(xvfb)
        os.close(write_end)
        write_end = -1
        with os.fdopen(read_end, "rb") as pipe:
            read_end = -1
            number = _read_line(pipe, xvfb, "Xvfb", workdir / "xvfb.log")
    finally:
        for fd in (read_end, write_end):
            if fd >= 0:
                os.close(fd)
    return f":{number}"


def _start_bus(workdir: Path, env: dict[str, str], processes: list[subprocess.Popen[bytes]]) -> str:
    config = workdir / "session-bus.conf"
    config.write_text(BUS_CONFIG, encoding="utf-8")
    argv = ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"]
    with (workdir / "dbus.log").open("wb") as log:
        bus = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=log)
    processes.append(bus)
    assert bus.stdout is not None
    return _read_line(bus.stdout, bus, "dbus-daemon", workdir / "dbus.log")


def _start_dunst(
    workdir: Path, env: dict[str, str], processes: list[subprocess.Popen[bytes]]
) -> None:
    config = workdir / "dunstrc"
    menu = workdir / "pick-action"
    # dunst pipes its menu of actions to this program and invokes the line it prints.
    menu.write_text(f'#!/bin/sh\ngrep -m1 -F -- "$(cat {workdir / MENU_CHOICE})"\n')
    menu.chmod(0o700)
    config.write_text(DUNSTRC.replace("[global]\n", f"[global]\n    dmenu = {menu}\n"))
    log_path = workdir / "dunst.log"
    with log_path.open("wb") as log:
        dunst = subprocess.Popen(["dunst", "-config", str(config)], env=env, stdout=log, stderr=log)
    processes.append(dunst)
    # dunst says nothing when it is ready; it is ready once it owns the notifications name.
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not _name_owned(env, "org.freedesktop.Notifications"):
        if dunst.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"dunst did not take org.freedesktop.Notifications: {_tail(log_path)}")
        time.sleep(0.02)


def _name_owned(env: dict[str, str], name: str) -> bool:
    done = subprocess.run(
        [
            "dbus-send",
            "--session",
            "--print-reply=literal",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            f"string:{name}",
        ],
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=STARTUP_TIMEOUT_S,
        check=False,
    )
    return done.returncode == 0 and "true" in done.stdout.split()


def _read_line(pipe: IO[bytes], process: subprocess.Popen[bytes], what: str, log: Path) -> str:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    data = b""
    while b"\n" not in data:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            pytest.fail(f"{what} did not start within {STARTUP_TIMEOUT_S:g} s: {_tail(log)}")
        ready, _, _ = select.select([pipe], [], [], remaining)
        if ready:
            chunk = os.read(pipe.fileno(), 4096)
            if not chunk:
                process.wait(timeout=STARTUP_TIMEOUT_S)
                pytest.fail(
                    f"{what} exited ({process.returncode}) before it was ready: {_tail(log)}"
                )
            data += chunk
    return data.decode("utf-8").strip()


def _tail(log: Path) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return "(no log)"
    return " | ".join(lines[-5:]) or "(empty log)"


def _stop_all(processes: list[subprocess.Popen[bytes]]) -> None:
    # Stop in reverse: dunst before its bus, the bus before the display.
    for process in reversed(processes):
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
