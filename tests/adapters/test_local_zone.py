"""The user's zone: the option, then $TZ, then the system's through tzlocal (real and injected)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest

from posture.adapters import local_zone
from posture.adapters.local_zone import system_zone, user_zone
from posture.core.local_calendar import zone_name
from posture.errors import UserError
from tests.support.cli import REPO

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")


def _tokyo() -> tzinfo:
    return TOKYO


@pytest.mark.parametrize(
    ("name", "env", "expected"),
    [
        ("America/New_York", {"TZ": "Europe/Berlin"}, NEW_YORK),  # --timezone wins
        (None, {"TZ": "Europe/Berlin"}, BERLIN),
        (None, {"TZ": ":Europe/Berlin"}, BERLIN),  # the colon form of POSIX TZ
        (None, {"TZ": "CET-1CEST,M3.5.0,M10.5.0/3"}, TOKYO),  # a rule, not a name: the system's
        (None, {"TZ": ""}, TOKYO),
        (None, {}, TOKYO),
        ("", {}, TOKYO),
    ],
)
def test_the_zone_comes_from_the_option_then_tz_then_the_system(
    name: str | None, env: Mapping[str, str], expected: tzinfo
) -> None:
    assert user_zone(name, env=env, system=_tokyo) == expected


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "../etc/passwd", "Europe/"])
def test_an_unknown_zone_is_one_sentence_and_exit_status_2(name: str) -> None:
    with pytest.raises(UserError) as caught:
        user_zone(name, env={"TZ": "Europe/Berlin"}, system=_tokyo)
    assert caught.value.exit_status == 2
    assert str(caught.value).startswith(f"'{name}' is not a known time zone")
    assert "\n" not in str(caught.value)


def test_the_system_zone_is_the_one_the_clock_uses() -> None:
    zone = system_zone()
    now = time.time()
    offset = zone.utcoffset(datetime.fromtimestamp(now, zone))
    assert offset == timedelta(seconds=time.localtime(now).tm_gmtoff)


def _zone_seen_by_a_process(tz: str | None) -> str:
    """What `user_zone()` says in a fresh process whose TZ is `tz` (unset when None)."""
    env = {k: v for k, v in os.environ.items() if k != "TZ"}
    if tz is not None:
        env["TZ"] = tz
    env["PYTHONPATH"] = str(REPO)
    code = (
        "from posture.adapters.local_zone import user_zone\n"
        "from posture.core.local_calendar import zone_name\n"
        "print(zone_name(user_zone()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_tzlocal_names_a_zone_given_as_a_zone_file() -> None:
    # Not a name ZoneInfo takes: tzlocal finds the name from the file's path.
    assert _zone_seen_by_a_process(":/usr/share/zoneinfo/Europe/Berlin") == "Europe/Berlin"


def test_a_tz_rule_without_a_name_falls_back_to_the_system_setting() -> None:
    assert _zone_seen_by_a_process("CET-1CEST,M3.5.0,M10.5.0/3") == _zone_seen_by_a_process(None)
    assert _zone_seen_by_a_process("America/New_York") == "America/New_York"


def test_a_system_without_a_readable_zone_gets_todays_offset_and_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A broken system setting cannot be made on this machine; tzlocal's answer is the seam.
    def unreadable() -> str:
        raise LookupError("Can not find timezone 'Mars Standard Time'")

    monkeypatch.setattr(local_zone.tzlocal, "get_localzone_name", unreadable)
    monkeypatch.setattr(local_zone.tzlocal, "get_localzone", unreadable)
    with caplog.at_level(logging.WARNING, logger="posture.adapters.local_zone"):
        zone = system_zone()
    assert zone.utcoffset(None) == datetime.now().astimezone().utcoffset()
    assert "Mars Standard Time" in caplog.text and "TZ" in caplog.text


def test_an_unnamed_system_zone_file_keeps_its_daylight_saving_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # tzlocal reads /etc/localtime as a file when nothing names the zone; it stays a real zone.
    with open("/usr/share/zoneinfo/Europe/Berlin", "rb") as file:
        unnamed = ZoneInfo.from_file(file, key="local")
    monkeypatch.setattr(local_zone.tzlocal, "get_localzone_name", lambda: None)
    monkeypatch.setattr(local_zone.tzlocal, "get_localzone", lambda: unnamed)
    zone = system_zone()
    assert zone_name(zone) == "local"
    winter, summer = datetime(2026, 1, 15, 12), datetime(2026, 7, 15, 12)
    assert zone.utcoffset(winter) == timedelta(hours=1)
    assert zone.utcoffset(summer) == timedelta(hours=2)
