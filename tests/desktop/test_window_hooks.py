"""The menu's way to the calibration and settings windows: the window when its package is
there, one sentence when it is not, and a real fault inside it is never hidden."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from posture.desktop import window_hooks
from posture.desktop.host import WindowContext

CONTEXT = WindowContext(
    Path("/data"),
    None,
    "0",
    None,
    "lite",
    config_file=Path("/data/config.toml"),
    model_path=lambda: Path("/models/pose_landmarker_lite.task"),
    login_command=["posture", "desktop", "--or-start"],
)
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


def _windows_module(monkeypatch: pytest.MonkeyPatch, opened: list[object]) -> None:
    class Window:
        def isVisible(self) -> bool:  # noqa: N802 (Qt's name)
            return True

    def record(*args: object, **kwargs: object) -> Window:
        opened.append((args, kwargs))
        return Window()

    module = types.ModuleType(window_hooks.WINDOWS_MODULE)
    module.open_calibration_window = record  # type: ignore[attr-defined]
    module.open_settings_window = record  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, window_hooks.WINDOWS_MODULE, module)


def test_the_calibration_window_opens_on_what_the_app_watches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[object] = []
    _windows_module(monkeypatch, opened)
    assert window_hooks.open_calibration(CONTEXT) is None
    assert opened == [
        (
            (),
            {
                "folder": Path("/data"),
                "settings": CONTEXT.settings,
                "source": "0",
                "model_path": Path("/models/pose_landmarker_lite.task"),
                "profile": "default",
            },
        )
    ]


def test_the_settings_window_edits_the_users_config_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[object] = []
    _windows_module(monkeypatch, opened)
    assert window_hooks.open_settings(CONTEXT) is None
    assert opened == [
        (
            (Path("/data/config.toml"),),
            {"login_command": ["posture", "desktop", "--or-start"]},
        )
    ]
