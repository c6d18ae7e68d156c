"""`autostart enable` on Linux also installs the app launcher and its icon: both valid for the
desktop (desktop-file-validate), owner-only, and the launcher starts the desktop app."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

import pytest

from posture.adapters.desktop_launcher import icon_path, launcher_entry, launcher_path
from tests.adapters.test_login_autostart import parse_exec, sandbox_env
from tests.support.cli import REPO, run_cli


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "/home/ada/.local/share/applications/posture.desktop"),
        ({"XDG_DATA_HOME": "/data/ada"}, "/data/ada/applications/posture.desktop"),
        (
            {"XDG_DATA_HOME": "relative/ignored"},
            "/home/ada/.local/share/applications/posture.desktop",
        ),
    ],
)
def test_the_launcher_goes_where_the_xdg_spec_says(env: dict[str, str], expected: str) -> None:
    assert str(launcher_path(PurePosixPath("/home/ada"), env)) == expected


def test_the_icon_goes_in_the_hicolor_theme() -> None:
    path = icon_path(PurePosixPath("/home/ada"), {})
    assert str(path) == "/home/ada/.local/share/icons/hicolor/scalable/apps/posture.svg"


def _validate(path: Path) -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.fail("desktop-file-validate is missing; scripts/test installs desktop-file-utils")
    done = subprocess.run([validator, str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_a_launcher_with_awkward_paths_validates(tmp_path: Path) -> None:
    path = tmp_path / "posture.desktop"
    path.write_text(launcher_entry(["/opt/my apps/python", "--data-dir", "/d/100% $x", "desktop"]))
    _validate(path)
    line = next(row for row in path.read_text().splitlines() if row.startswith("Exec="))
    assert parse_exec(line) == ["/opt/my apps/python", "--data-dir", "/d/100% $x", "desktop"]


def test_autostart_enable_installs_the_launcher_and_icon_for_real(tmp_path: Path) -> None:
    env = sandbox_env(tmp_path)
    enabled = run_cli("autostart", "enable", env=env)
    assert enabled.returncode == 0, enabled.stderr
    data_home = Path(env["XDG_DATA_HOME"])
    launcher = data_home / "applications" / "posture.desktop"
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / "posture.svg"
    assert f"Installed the app launcher: {launcher}, {icon}." in enabled.stdout
    for path in (launcher, icon):
        assert path.stat().st_mode & 0o777 == 0o600
    _validate(launcher)
    _validate(Path(env["XDG_CONFIG_HOME"]) / "autostart" / "posture.desktop")
    text = launcher.read_text()
    assert "Icon=posture" in text.splitlines()
    line = next(row for row in text.splitlines() if row.startswith("Exec="))
    assert parse_exec(line) == [sys.executable, str(REPO / "run.py"), "desktop", "--or-start"]
    assert ET.parse(icon).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    again = run_cli("autostart", "enable", env=env)
    assert "launcher" not in again.stdout  # both were current: nothing rewritten
