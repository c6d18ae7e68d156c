"""The command line's shape: each command module owns its arguments, `--help` shows every flag,
`start` passes every watch option on to `run`, and building the parser loads no OpenCV."""

from __future__ import annotations

import argparse
import ast
import inspect
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import posture.cli
import posture.cli.commands
from posture.cli.commands import COMMANDS
from posture.cli.commands.start import child_arguments
from posture.cli.main import build_parser, main
from posture.cli.watch_options import WATCH_OPTIONS
from tests.support.cli import REPO, run_cli

COMMON = ("-h, --help", "-v, --verbose", "--model VARIANT", "--data-dir DIR", "--config FILE")

# The public contract: every command and what its `--help` must show (besides COMMON).
FLAGS: dict[str, tuple[str, ...]] = {
    "run": ("--source SOURCE", "--profile NAME", "--replay-start ISO_TIME"),
    "setup": ("--offline", "-y, --yes", "--source SOURCE", "--profile NAME", "--model-only"),
    "doctor": (),
    "models": (),
    "analyze": (
        "PATH",
        "--json",
        "--annotate DIR",
        "--calibrate-with PATH [PATH ...]",
        "--profile NAME",
    ),
    "calibrate": (
        "--source SOURCE",
        "--profile NAME",
        "--preview FILE",
        "--seconds S",
        "--countdown S",
    ),
    "evaluate": ("LABELS.csv", "--root DIR", "--calibration-frames N", "--only TEXT"),
    "start": ("--source SOURCE", "--profile NAME", "--replay-start ISO_TIME"),
    "desktop": ("--source SOURCE", "--profile NAME", "--replay-start ISO_TIME", "--or-start"),
    "stop": (),
    "status": ("--json",),
    "autostart": ("{enable,disable,status}",),
    "snooze": ("30m|1h|today|off",),
    "demo": ("--video FILE", "--demo-dir DIR", "--open"),
    "report": (
        "--date YYYY-MM-DD",
        "--week",
        "--html FILE",
        "--json FILE",
        "--csv FILE",
        "--open",
        "--timezone ZONE",
    ),
    "profiles": ("{list,use,delete}",),
}


@pytest.fixture(autouse=True)
def wide_help(monkeypatch: pytest.MonkeyPatch) -> None:
    # argparse wraps to the terminal's width; a fixed one keeps each flag and its metavar whole.
    monkeypatch.setenv("COLUMNS", "100")


def _options(text: str) -> set[str]:
    """The first column of a help text's indented lines: "--source SOURCE", "-y, --yes"."""
    return {line.strip().split("  ")[0] for line in text.splitlines() if line.startswith("  ")}


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def test_every_command_module_owns_its_arguments_and_its_run() -> None:
    modules = {m.name for m in pkgutil.iter_modules(posture.cli.commands.__path__)}
    assert modules == set(COMMANDS)
    for name, command in COMMANDS.items():
        assert command.__name__ == f"posture.cli.commands.{name}"  # type: ignore[attr-defined]
        assert isinstance(command.HELP, str) and command.HELP
        assert command.DESCRIPTION is None or isinstance(command.DESCRIPTION, str)
        for function in (command.add_arguments, command.run):
            assert callable(function)
            assert len(inspect.signature(function).parameters) == 1, (name, function)


def test_the_commands_are_the_contract_in_their_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(COMMANDS) == list(FLAGS)
    text = _help(capsys)
    # Under "  COMMAND" each command has a line of its own, up to the next blank line.
    block = text.split("\n  COMMAND\n", 1)[1].split("\n\n", 1)[0]
    listed = [line.split()[0] for line in block.splitlines() if not line.startswith(" " * 8)]
    assert listed == list(FLAGS)
    for name, command in COMMANDS.items():
        assert " ".join(command.HELP.split()) in " ".join(text.split()), name


@pytest.mark.parametrize("name", list(FLAGS))
def test_the_help_of_every_command_shows_its_flags(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _help(capsys, name)
    assert text.startswith(f"usage: posture {name} ")
    options = _options(text)
    for flag in (*COMMON, *FLAGS[name]):
        assert flag in options, f"`posture {name} --help` lacks {flag}:\n{text}"
    # The command module alone defines its own flags.
    own = argparse.ArgumentParser(prog=name)
    COMMANDS[name].add_arguments(own)
    assert set(FLAGS[name]) <= _options(own.format_help())
    description = COMMANDS[name].DESCRIPTION
    if description is not None:
        assert " ".join(description.split()) in " ".join(text.split())


def test_start_passes_every_watch_option_on_to_run(tmp_path: Path) -> None:
    parser = build_parser()
    given = {option.flag: f"value-{option.dest}" for option in WATCH_OPTIONS}
    started = parser.parse_args(["start", *(part for pair in given.items() for part in pair)])
    child = parser.parse_args(child_arguments(started, tmp_path))
    assert child.command == "run"
    assert [getattr(child, option.dest) for option in WATCH_OPTIONS] == list(given.values())


def test_no_command_builds_a_namespace_by_hand() -> None:
    for path in Path(posture.cli.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert node.func.attr != "Namespace", f"{path}:{node.lineno} builds a Namespace"


def test_building_the_parser_loads_no_opencv_or_mediapipe() -> None:
    # They load only once `silence_native_logs` has set the log levels they read on loading.
    code = (
        "import json, sys\n"
        "from posture.cli.main import build_parser\n"
        "build_parser().parse_args(['status'])\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(done.stdout))
    assert loaded.isdisjoint({"cv2", "mediapipe"}), sorted(loaded & {"cv2", "mediapipe"})


@pytest.mark.e2e
def test_no_command_means_run(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[monitor]\nsource = "7"\n')
    done = run_cli("--data-dir", str(tmp_path / "data"), "--config", str(config))
    assert done.returncode == 2
    # `run` opened the configured camera, and said so in one sentence (no native log lines).
    assert done.stderr.splitlines() == [
        "posture: camera 7 could not be opened; check that it is connected and that no other "
        "program is using it (`python run.py setup` lists the cameras it finds)"
    ]
