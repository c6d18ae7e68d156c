"""Impossible values are refused with a sentence that names them, before anything is saved."""

from __future__ import annotations

import pytest

from posture.adapters.sqlite.store import SqliteStore
from posture.core.vocabulary import Severity
from tests.support.history_db import T0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.add_interval(start_s=T0, end_s=T0 - 1, monitored_s=0, good_s=0), "before"),
        (lambda s: s.add_interval(start_s=T0, end_s=T0 + 60, monitored_s=10, good_s=20), "exceeds"),
        (
            lambda s: s.add_interval(start_s=T0, end_s=T0 + 60, monitored_s=-1, good_s=0),
            "monitored_s",
        ),
        (
            lambda s: s.add_interval(
                start_s=T0, end_s=T0 + 60, monitored_s=10, good_s=0, issue_s={"slumped": 5.0}
            ),
            "unknown issue",
        ),
        (
            lambda s: s.add_interval(
                start_s=T0, end_s=T0 + 60, monitored_s=10, good_s=0, score=101.0
            ),
            "score",
        ),
        (
            lambda s: s.add_interval(start_s=T0, end_s=float("nan"), monitored_s=0, good_s=0),
            "finite number",
        ),
        (lambda s: s.add_state_change(T0, "mood", "happy"), "state kind"),
        (
            lambda s: s.add_alert(
                t_s=T0, kind="posture", severity=Severity.MILD, message="m", issue="bad_vibes"
            ),
            "unknown issue",
        ),
        (lambda s: s.save_profile(" ", "{}"), "name"),
        (lambda s: s.save_profile("desk", "{not json"), "not JSON"),
        (lambda s: s.add_snooze(T0, T0 - 5), "before"),
    ],
)
def test_impossible_values_are_refused(store: SqliteStore, call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call(store)  # type: ignore[operator]
