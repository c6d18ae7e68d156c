"""Why the monitor pauses: a snooze, a listed application, a locked screen (fakes at the seams)."""

from __future__ import annotations

from datetime import UTC

import pytest

from posture.monitor.pausing import PauseCheck

T0 = 1_800_000_000.0


class Processes:
    def __init__(self) -> None:
        self.names: set[str] = set()
        self.calls = 0

    def __call__(self) -> set[str]:
        self.calls += 1
        return self.names


@pytest.mark.parametrize(
    ("running", "locked", "expected"),
    [
        (set(), False, ""),
        ({"bash", "zoom"}, False, "paused while zoom is running"),
        ({"Teams.exe".lower().removesuffix(".exe")}, False, "paused while teams is running"),
        ({"firefox"}, True, "paused while the screen is locked"),
        ({"firefox"}, None, ""),  # lock state unknown: keep watching
    ],
)
def test_reasons(running: set[str], locked: bool | None, expected: str) -> None:
    processes = Processes()
    processes.names = running
    check = PauseCheck(
        ["zoom", "Teams.exe"], lambda now: None, UTC, processes=processes, locked=lambda: locked
    )
    assert check(T0) == expected


def test_a_snooze_comes_first_and_names_its_end() -> None:
    check = PauseCheck(
        ["zoom"], lambda now: T0 + 1800, UTC, processes=lambda: {"zoom"}, locked=lambda: True
    )
    assert check(T0) == "snoozed until 08:30"


def test_the_system_is_asked_only_every_recheck_interval() -> None:
    processes = Processes()
    check = PauseCheck(
        ["zoom"], lambda now: None, UTC, processes=processes, locked=lambda: False, recheck_s=15.0
    )
    for second in range(60):
        check(T0 + second)
    assert processes.calls == 4
    processes.names = {"zoom"}
    assert check(T0 + 59) == ""  # still the answer cached at 45 s
    assert check(T0 + 61) == "paused while zoom is running"


def test_snoozes_that_cannot_be_read_pause_nothing_and_are_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from posture.ports import StorageReadOnly

    readable = {"now": False}

    def snoozed_until(now_s: float) -> float | None:
        if not readable["now"]:
            raise StorageReadOnly("the history cannot be written now")
        return now_s + 600

    check = PauseCheck([], snoozed_until, UTC, processes=set, locked=lambda: False, recheck_s=0)
    with caplog.at_level("WARNING", logger="posture.monitor.pausing"):
        assert [check(t) for t in (0.0, 1.0, 2.0)] == ["", "", ""]
        readable["now"] = True
        assert check(3.0).startswith("snoozed until")
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "cannot read snoozes" in messages[0] and "again" in messages[1]
