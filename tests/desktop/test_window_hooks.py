"""The menu's way to the calibration and settings windows: the window when its package is
there, one sentence when it is not, and a real fault inside it is never hidden."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from posture.desktop import window_hooks
from posture.desktop.host import WindowContext

CONTEXT = WindowContext(Path("/data"), None, "0", None, "lite")
HOOKS = [
    (window_hooks.open_calibration, "open_calibration_window", "calibrate"),
    (window_hooks.open_settings, "open_settings_window", "setup"),
]


@pytest.mark.parametrize(("hook", "function", "command"), HOOKS)
def test_without_the_windows_package_the_menu_says_what_to_run(
    monkeypatch: pytest.MonkeyPatch, hook: object, function: str, command: str
) -> None:
    monkeypatch.setitem(sys.modules, window_hooks.WINDOWS_MODULE, None)  # not installed
    sentence = hook(CONTEXT)  # type: ignore[operator]
    assert sentence is not None and f"python run.py {command}" in sentence


@pytest.mark.parametrize(("hook", "function", "command"), HOOKS)
def test_with_the_windows_package_the_window_opens_with_the_context(
    monkeypatch: pytest.MonkeyPatch, hook: object, function: str, command: str
) -> None:
    opened: list[WindowContext] = []
    module = types.ModuleType(window_hooks.WINDOWS_MODULE)
    setattr(module, function, opened.append)
    monkeypatch.setitem(sys.modules, window_hooks.WINDOWS_MODULE, module)
    assert hook(CONTEXT) is None  # type: ignore[operator]
    assert opened == [CONTEXT]
