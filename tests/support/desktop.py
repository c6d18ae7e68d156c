"""A real desktop for the desktop app's tests: Xvfb, a session bus and dunst (from
`notify_server`), an XEmbed tray host from Debian (`trayer`), and screenshots of the screen.

Screenshots are taken with ImageMagick's `import -window root`, as a person would, and the
tests count the pixels of a state's exact colour in them.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.support.monitor_process import wait_for
from tests.support.notify_server import NotificationServer

TRAYER = [
    "trayer",
    "--edge",
    "top",
    "--align",
    "right",
    "--widthtype",
    "request",
    "--height",
    "32",
    "--transparent",
    "false",
    "--tint",
    "0x000000",
]


def _need(*programs: str) -> None:
    missing = [name for name in programs if shutil.which(name) is None]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}; scripts/test installs them")


@contextlib.contextmanager
def tray_host(server: NotificationServer, workdir: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run trayer on the server's display until the block ends; yields once it docks icons."""
    _need("trayer", "xdotool")
    with (workdir / "trayer.log").open("wb") as log:
        trayer = subprocess.Popen(TRAYER, env=server.child_env, stdout=log, stderr=log)
    try:
        wait_for(lambda: _window_of(server, "trayer"), 20, "trayer's window")
        yield trayer
    finally:
        trayer.terminate()
        trayer.wait(10)


def _window_of(server: NotificationServer, classname: str) -> bool:
    done = subprocess.run(
        ["xdotool", "search", "--classname", classname],
        env=server.child_env,
        capture_output=True,
        text=True,
    )
    return done.returncode == 0 and bool(done.stdout.strip())


def screenshot(server: NotificationServer) -> np.ndarray:
    """The whole screen as an RGB array, from `import -window root`."""
    _need("import")
    done = subprocess.run(
        ["import", "-window", "root", "png:-"],
        env=server.child_env,
        capture_output=True,
        timeout=30,
    )
    if done.returncode != 0:
        pytest.fail(f"import -window root failed: {done.stderr.decode(errors='replace')}")
    image = cv2.imdecode(np.frombuffer(done.stdout, np.uint8), cv2.IMREAD_COLOR)
    return np.ascontiguousarray(image[:, :, ::-1])


def pixels_of(image: np.ndarray, colour: str) -> int:
    """How many pixels of `image` (RGB) are exactly `colour` ("#rrggbb")."""
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.uint8)
    return int(np.all(image == rgb, axis=-1).sum())


def desktop_env(server: NotificationServer, sandbox_env: dict[str, str]) -> dict[str, str]:
    """A monitor process's environment on the test desktop (X11 through Qt's xcb plugin)."""
    return {
        **sandbox_env,
        "DISPLAY": server.display,
        "DBUS_SESSION_BUS_ADDRESS": server.bus_address,
        "QT_QPA_PLATFORM": "xcb",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "PATH": server.child_env.get("PATH", "/usr/bin:/bin"),
    }


PYTHON = sys.executable
