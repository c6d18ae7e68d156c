"""The writes held while storage fails: kept in order, bounded, saved when it works again."""

from __future__ import annotations

import pytest

from posture.monitor.unsaved import RETRY_EVERY_S, Unsaved
from posture.ports import StorageError, StorageReadOnly


class Shelf:
    """A store that fails while `broken`, and keeps what it is given in order."""

    def __init__(self) -> None:
        self.broken = False
        self.saved: list[int] = []

    def put(self, n: int) -> int:
        if self.broken:
            raise StorageReadOnly("the history cannot be written now")
        if n < 0:
            raise ValueError("an impossible record")
        self.saved.append(n)
        return n


def test_held_writes_are_saved_in_order_once_storage_returns(
    caplog: pytest.LogCaptureFixture,
) -> None:
    shelf, unsaved = Shelf(), Unsaved()
    unsaved.retry(0.0)
    assert unsaved.write(lambda: shelf.put(1)) == 1
    shelf.broken = True
    with caplog.at_level("WARNING", logger="posture.monitor.unsaved"):
        for n in range(2, 12):
            unsaved.retry(float(n))
            assert unsaved.write(lambda n=n: shelf.put(n)) is None
        assert len(unsaved) == 10 and unsaved.problem is not None
        shelf.broken = False
        unsaved.retry(11.0)  # too soon after the last failed try
        assert len(unsaved) == 10
        unsaved.retry(11.0 + RETRY_EVERY_S)
    assert shelf.saved == list(range(1, 12)) and len(unsaved) == 0 and unsaved.problem is None
    messages = [r.getMessage() for r in caplog.records]
    assert len([m for m in messages if "held in memory" in m]) == 1
    assert len([m for m in messages if "works again;" in m]) == 1


def test_the_queue_is_bounded_and_an_impossible_record_is_dropped() -> None:
    shelf, unsaved = Shelf(), Unsaved(limit=5)
    shelf.broken = True
    for n in range(20):
        unsaved.write(lambda n=n: shelf.put(n))
    assert len(unsaved) == 5 and unsaved.dropped == 15
    shelf.broken = False
    unsaved.last_try(1000.0)
    assert shelf.saved == [15, 16, 17, 18, 19]
    assert unsaved.write(lambda: shelf.put(-1)) is None and unsaved.refused == 1


def test_only_storage_errors_are_held() -> None:
    unsaved = Unsaved()

    def broken() -> None:
        raise StorageError("locked")

    unsaved.write(broken)
    assert len(unsaved) == 1
    with pytest.raises(KeyError):
        Unsaved().write(lambda: {}["a programming error passes through"])
