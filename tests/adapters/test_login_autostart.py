"""Login entries: each platform's rendering as tables, and the real Linux one in a tmp home."""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from posture.adapters.login_autostart import (
    desktop_entry,
    desktop_exec,
    disable,
    enable,
    entry_path,
    entry_text,
    kind_of,
    launchd_plist,
    windows_cmd,
)
from tests.support.cli import REPO, run_cli

HOME = PurePosixPath("/home/ada")
WIN_HOME = PureWindowsPath(r"C:\Users\Ada")
WIN_STARTUP = (
    r"C:\Users\Ada\AppData\Roaming\Microsoft\Windows\Start Menu\Programs\Startup\Posture.cmd"
)
COMMAND = ["/usr/bin/python3", "/home/ada/posture/run.py", "start"]


def parse_exec(line: str) -> list[str]:
    """The argument list a desktop environment reads from an `Exec=` line, per the spec.

    First the general string escapes (`\\\\`, `\\s`, `\\n`, `\\t`, `\\r`), then the Exec quoting
    (inside double quotes a backslash escapes `"`, `` ` ``, `$` and `\\`), then `%%` -> `%`.
    """
    value = line.removeprefix("Exec=")
    unescaped, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            unescaped.append(
                {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(
                    value[i + 1], "\\" + value[i + 1]
                )
            )
            i += 2
        else:
            unescaped.append(value[i])
            i += 1
    text = "".join(unescaped)
    args: list[str] = []
    current: list[str] = []
    quoted = in_arg = False
    i = 0
    while i < len(text):
        c = text[i]
        if quoted:
            if c == "\\" and text[i + 1] in '"`$\\':
                current.append(text[i + 1])
                i += 1
            elif c == '"':
                quoted = False
            else:
                current.append(c)
        elif c == '"':
            quoted = in_arg = True
        elif c == " ":
            if in_arg:
                args.append("".join(current))
            current, in_arg = [], False
        else:
            assert c not in "\t\n'\\><~|&;$*?#()`", f"reserved {c!r} outside quotes"
            current.append(c)
            in_arg = True
        i += 1
    assert not quoted, "unterminated quote"
    if in_arg:
        args.append("".join(current))
    return [arg.replace("%%", "%") for arg in args]


@pytest.mark.parametrize(
    ("platform", "home", "env", "expected"),
    [
        ("linux", HOME, {}, "/home/ada/.config/autostart/posture.desktop"),
        ("linux", HOME, {"XDG_CONFIG_HOME": "/cfg"}, "/cfg/autostart/posture.desktop"),
        (
            "linux",
            HOME,
            {"XDG_CONFIG_HOME": "relative"},
            "/home/ada/.config/autostart/posture.desktop",
        ),
        ("freebsd14", HOME, {}, "/home/ada/.config/autostart/posture.desktop"),
        ("darwin", HOME, {}, "/home/ada/Library/LaunchAgents/org.posture.assistant.plist"),
        (
            "win32",
            WIN_HOME,
            {"APPDATA": r"C:\Users\Ada\AppData\Roaming"},
            WIN_STARTUP,
        ),
        (
            "win32",
            WIN_HOME,
            {},
            WIN_STARTUP,
        ),
    ],
)
def test_entry_path(platform: str, home: PurePosixPath, env: dict[str, str], expected: str) -> None:
    assert str(entry_path(platform, home, env)) == expected


@pytest.mark.parametrize(
    ("platform", "kind"),
    [
        ("linux", "xdg"),
        ("freebsd14", "xdg"),
        ("darwin", "launchd"),
        ("win32", "windows"),
        ("cygwin", "windows"),
    ],
)
def test_each_platform_gets_its_kind_of_entry(platform: str, kind: str) -> None:
    assert kind_of(platform) == kind
    text = entry_text(platform, COMMAND)
    assert text == {"xdg": desktop_entry, "launchd": launchd_plist, "windows": windows_cmd}[kind](
        COMMAND
    )


@pytest.mark.parametrize(
    ("command", "exec_value"),
    [
        (COMMAND, "/usr/bin/python3 /home/ada/posture/run.py start"),
        (["/opt/my apps/python", "start"], '"/opt/my apps/python" start'),
        (
            ["/x/py", "--data-dir", "/data/$HOME's `x`"],
            '/x/py --data-dir "/data/\\$HOME\'s \\`x\\`"',
        ),
        (["/x/py", "--data-dir", '/a"b'], '/x/py --data-dir "/a\\"b"'),
        (["/x/py", "--config", "/a\\b.toml"], '/x/py --config "/a\\\\b.toml"'),
        (["/x/py", "--data-dir", "/100%/d"], "/x/py --data-dir /100%%/d"),
        (["/x/py", "--data-dir", "/a b%f"], '/x/py --data-dir "/a b%%f"'),
        (["/x/py", ""], '/x/py ""'),
    ],
)
def test_exec_quoting(command: list[str], exec_value: str) -> None:
    assert desktop_exec(command) == exec_value
    line = next(line for line in desktop_entry(command).splitlines() if line.startswith("Exec="))
    assert parse_exec(line) == command


def test_desktop_entry_text() -> None:
    assert desktop_entry(COMMAND) == (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Version=1.0\n"
        "Name=Posture\n"
        "Comment=Watches your sitting posture through the webcam and coaches kindly\n"
        "Exec=/usr/bin/python3 /home/ada/posture/run.py start\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def test_a_backslash_in_a_quoted_argument_takes_four_in_the_file() -> None:
    assert r'Exec=/x/py --config "/a\\\\b c"' in desktop_entry(["/x/py", "--config", r"/a\b c"])


def test_launchd_agent() -> None:
    command = ["/Users/ada/venv/bin/python", "/Users/ada/posture folder/run.py", "start"]
    agent = plistlib.loads(launchd_plist(command).encode())
    assert agent == {
        "Label": "org.posture.assistant",
        "ProgramArguments": command,
        "RunAtLoad": True,
        "AbandonProcessGroup": True,
        "ProcessType": "Interactive",
    }
    assert launchd_plist(command).startswith('<?xml version="1.0" encoding="UTF-8"?>')


@pytest.mark.parametrize(
    ("command", "line"),
    [
        (
            [r"C:\Python311\python.exe", r"C:\Users\Ada\posture\run.py", "start"],
            r'"C:\Python311\python.exe" "C:\Users\Ada\posture\run.py" "start"',
        ),
        (
            [r"C:\Program Files\Python\python.exe", "--data-dir", r"D:\100% & more", "start"],
            r'"C:\Program Files\Python\python.exe" "--data-dir" "D:\100%% & more" "start"',
        ),
    ],
)
def test_windows_startup_batch_file(command: list[str], line: str) -> None:
    text = windows_cmd(command)
    assert text.split("\r\n") == [
        "@echo off",
        "rem Starts Posture in the background at login (from `posture autostart enable`).",
        line,
        "",
    ]
    assert "\n" not in text.replace("\r\n", "")


def test_enable_is_idempotent_and_disable_tolerates_absence(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "autostart" / "posture.desktop"
    text = desktop_entry(COMMAND)
    assert enable(path, text) is True
    assert enable(path, text) is False
    assert path.read_text() == text
    assert enable(path, desktop_entry(["/other/python", "start"])) is True  # updated
    assert disable(path) is True
    assert disable(path) is False
    assert list(path.parent.iterdir()) == []


def test_windows_text_keeps_its_crlf_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "Posture.cmd"
    text = windows_cmd(["C:\\py.exe", "start"])
    enable(path, text)
    assert path.read_bytes() == text.encode()
    assert enable(path, text) is False


def sandbox_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "POSTURE_DATA_DIR": str(tmp_path / "posture"),
    }


def test_enable_and_disable_on_linux_for_real(tmp_path: Path) -> None:
    env = sandbox_env(tmp_path)
    entry = Path(env["XDG_CONFIG_HOME"]) / "autostart" / "posture.desktop"

    status = run_cli("autostart", env=env)
    assert status.returncode == 0
    assert status.stdout.strip() == (
        f"Autostart is not enabled; `python run.py autostart enable` would add {entry}."
    )

    enabled = run_cli("autostart", "enable", env=env)
    assert enabled.returncode == 0, enabled.stderr
    assert str(entry) in enabled.stdout and "Autostart enabled" in enabled.stdout
    assert "Installed the app launcher" in enabled.stdout
    text = entry.read_text()
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    # With a display and Qt the desktop app starts at login; without, `start` as before.
    assert parse_exec(exec_line) == [sys.executable, str(REPO / "run.py"), "desktop", "--or-start"]
    assert "X-GNOME-Autostart-enabled=true" in text.splitlines()

    again = run_cli("autostart", "enable", env=env)
    assert (again.returncode, again.stdout.strip()) == (
        0,
        f"Autostart is already enabled ({entry}).",
    )
    assert entry.read_text() == text
    assert (
        run_cli("autostart", "status", env=env).stdout.strip() == f"Autostart is enabled ({entry})."
    )

    disabled = run_cli("autostart", "disable", env=env)
    assert (disabled.returncode, disabled.stdout.strip()) == (
        0,
        f"Autostart disabled (removed {entry}).",
    )
    assert not entry.exists()
    absent = run_cli("autostart", "disable", env=env)
    assert (absent.returncode, absent.stdout.strip()) == (0, "Autostart was not enabled.")


def test_the_login_command_runs_and_keeps_awkward_paths(tmp_path: Path) -> None:
    env = sandbox_env(tmp_path)
    data = tmp_path / "my data $HOME `x` 100%"
    enabled = run_cli("--data-dir", str(data), "autostart", "enable", env=env)
    assert enabled.returncode == 0, enabled.stderr
    entry = Path(env["XDG_CONFIG_HOME"]) / "autostart" / "posture.desktop"
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    command = parse_exec(exec_line)
    assert command == [
        sys.executable,
        str(REPO / "run.py"),
        "--data-dir",
        str(data),
        "desktop",
        "--or-start",
    ]
    # The same command, asking for status instead of starting, runs from anywhere.
    ran = subprocess.run(
        [*command[:-2], "status"],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=tmp_path,
        timeout=60,
    )
    assert (ran.returncode, ran.stdout.strip()) == (3, "Posture is not running.")
    assert data.is_dir()  # it used the data folder named in the entry

    different = run_cli("autostart", env=env)  # without --data-dir: another command
    assert "with a different command" in different.stdout


def test_desktop_file_validate_accepts_the_entry(tmp_path: Path) -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.fail(
            "desktop-file-validate is missing; install the Debian package desktop-file-utils"
        )
    for command in (
        COMMAND,
        [sys.executable, str(REPO / "run.py"), "--data-dir", "/tmp/a b/$x `y` \\z 100%", "start"],
    ):
        path = tmp_path / "posture.desktop"
        path.write_text(desktop_entry(command))
        result = subprocess.run(
            [validator, str(path)], check=False, capture_output=True, text=True, timeout=30
        )
        assert result.returncode == 0 and result.stdout.strip() == "", result.stdout
