"""What the monitor shows of itself: the `Status` the loop keeps current for `status`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from posture.core.activity import Activity, activity_of
from posture.core.time_ledger import Observation


@dataclass(frozen=True)
class Status:
    """What `status` shows: kept current by the loop."""

    state: str = "starting"
    activity: Activity = "starting"  # one word of posture.core.activity.ACTIVITIES
    posture: str = "unknown"
    sitting_for_s: float = 0.0
    last_alert: str = ""
    last_alert_s: float | None = None
    profile: str | None = None
    calibrated: bool = False
    learned: tuple[str, ...] = ()  # the optional calibration phases of the profile
    updated_s: float = 0.0
    snoozed_until_s: float | None = None
    quiet_until: str = ""  # "HH:MM" while in quiet hours
    # "ok", or "failing" while records wait in memory for the history (`unsaved_records`).
    storage: str = "ok"
    storage_problem: str = ""
    unsaved_records: int = 0


def posture_shown(seen: Observation, active: Mapping[str, object], present: bool | None) -> str:
    """The posture `status` shows: "-" with nobody in view, "not judged" after a setup change."""
    if not present:
        return "-"
    if seen.kind == "drifted":
        return "not judged"
    return ", ".join(sorted(active)) or "good"


def looked(
    status: Status,
    now_s: float,
    seen: Observation,
    *,
    state: str,
    posture: str,
    snoozed_until_s: float | None,
    quiet_until: str,
    sitting_for_s: float,
) -> Status:
    """The status after a look that saw `seen`; `quiet_until` is "" outside quiet hours."""
    snoozed, quiet = snoozed_until_s is not None, bool(quiet_until)
    return replace(
        status,
        state=state,
        activity=activity_of(seen.kind, snoozed=snoozed, quiet=quiet),
        snoozed_until_s=snoozed_until_s if seen.kind == "paused" else None,
        quiet_until=quiet_until,
        posture=posture,
        sitting_for_s=sitting_for_s,
        updated_s=now_s,
    )
