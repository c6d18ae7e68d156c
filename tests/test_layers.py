"""The layering rule: the contract in pyproject.toml holds, fails on a wrong-way import, and the
monitor and the core import no device, database or process library in a fresh interpreter."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import REPO

HEAVY = ("cv2", "sqlite3", "subprocess", "mediapipe")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    lint = shutil.which("lint-imports")
    if lint is None:
        pytest.fail("lint-imports is missing; the README's install command installs it")
    return subprocess.run(
        [lint, "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


@pytest.mark.parametrize(
    "module",
    [
        "posture.monitor",
        "posture.monitor.step",
        "posture.monitor.loop",
        "posture.core",
        "posture.core.assess",
        "posture.core.coaching",
        "posture.ports",
        "posture.setup.flow",
    ],
)
def test_a_fresh_interpreter_loads_no_device_database_or_process_library(module: str) -> None:
    code = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(done.stdout))
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


@pytest.mark.parametrize("module", ["posture.cli.main", "posture.cli.commands.desktop"])
def test_the_command_line_loads_without_qt(module: str) -> None:
    code = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    loaded = json.loads(done.stdout)
    assert not [m for m in loaded if m.startswith(("PySide6", "posture.desktop"))]


def test_the_contract_holds() -> None:
    done = _lint_imports(REPO)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        (
            "posture/monitor/step.py",
            "from posture.adapters import status_file",
            "posture.monitor is not allowed to import posture.adapters",
        ),
        (
            "posture/core/metrics.py",
            "import sqlite3",
            "posture.core is not allowed to import sqlite3",
        ),
        (
            "posture/report/figures.py",
            "from posture.ports import Store",
            "posture.report is not allowed to import posture.ports",
        ),
        (
            "posture/setup/steps_picture.py",
            "from posture.pose_models import ModelError",
            "posture.setup is not allowed to import posture.pose_models",
        ),
        (
            "posture/adapters/logfile.py",
            "from posture.cli import main",
            "posture.adapters is not allowed to import posture.cli",
        ),
        (
            "posture/cli/commands/status.py",
            "from PySide6 import QtWidgets",
            "posture.cli is not allowed to import PySide6",
        ),
        (
            "posture/report/as_html.py",
            "from PySide6 import QtGui",
            "posture.report is not allowed to import PySide6",
        ),
        (
            "posture/cli/commands/status.py",
            "from posture.desktop import states",
            "posture.cli is not allowed to import posture.desktop",
        ),
        (
            "posture/adapters/notify/dbus.py",
            "from posture.desktop import states",
            "posture.adapters is not allowed to import posture.desktop",
        ),
    ],
)
def test_a_wrong_way_import_breaks_the_contract(
    tmp_path: Path, module: str, line: str, broken: str
) -> None:
    shutil.copytree(
        REPO / "posture", tmp_path / "posture", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.replace(
            "from __future__ import annotations\n",
            f"from __future__ import annotations\n\n{line}  # noqa\n",
            1,
        ),
        encoding="utf-8",
    )
    done = _lint_imports(tmp_path)
    assert done.returncode != 0
    assert broken in done.stdout.replace("\n", " "), done.stdout[-3000:]


# "No module over about 300 lines" (the layout issue): a module past this has more than one job.
MODULE_LINES = 310


def test_no_module_is_much_longer_than_300_lines() -> None:
    long = {
        str(path.relative_to(REPO)): lines
        for path in sorted((REPO / "posture").rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }
    assert not long, f"modules over {MODULE_LINES} lines: {long}"


def test_the_package_top_level_holds_only_its_faces() -> None:
    top = {path.name for path in (REPO / "posture").iterdir() if path.name != "__pycache__"}
    modules = {name for name in top if name.endswith(".py")}
    assert modules == {"__init__.py", "__main__.py", "errors.py"}
    packages = top - modules
    assert all((REPO / "posture" / name / "__init__.py").is_file() for name in packages)
