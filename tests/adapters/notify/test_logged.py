"""The notifier of last resort."""

from __future__ import annotations

import logging

import pytest

from posture.adapters.notify import LogNotifier


def test_log_notifier_always_delivers(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="posture.adapters.notify")
    assert LogNotifier().notify("Sit up", "It's time.")
    assert caplog.messages == ["notification: Sit up: It's time."]
