"""The fixed vocabulary of posture issues that `analyze --json`, alerts and reports use.

Names are a public contract: scripts read them. Add new ones; never rename. Each issue says what
was seen in plain words, so notifications and reports can name it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    """How far past its threshold an issue is: mild just past it, severe at twice or more."""

    MILD = 1
    MODERATE = 2
    SEVERE = 3


@dataclass(frozen=True)
class IssueKind:
    """One kind of posture fault."""

    name: str
    seen: str  # what the user is told was seen, completing "Posture noticed ..."
    judged_against: str  # "baseline" or "level"


ISSUES: tuple[IssueKind, ...] = (
    IssueKind("slouch", "your head and shoulders sinking into a slouch", "baseline"),
    IssueKind("forward_head", "your head drifting forward of your shoulders", "baseline"),
    IssueKind("head_down", "your head tipping down, as when reading a low screen", "baseline"),
    IssueKind(
        "head_up", "your chin lifting with the neck bent back, as for a high screen", "baseline"
    ),
    IssueKind("head_tilt", "your head tilted to one side", "level"),
    IssueKind("shoulder_tilt", "one shoulder sitting higher than the other", "level"),
    IssueKind("lean", "your upper body leaning to one side", "level"),
    IssueKind("too_close", "you sitting much closer to the screen than usual", "baseline"),
)

ISSUE_NAMES: tuple[str, ...] = tuple(kind.name for kind in ISSUES)
BY_NAME: dict[str, IssueKind] = {kind.name: kind for kind in ISSUES}


def severity_for(excess_ratio: float) -> Severity:
    """Severity from how far a value is past its threshold (1.0 = exactly at it)."""
    if excess_ratio >= 2.0:
        return Severity.SEVERE
    if excess_ratio >= 1.4:
        return Severity.MODERATE
    return Severity.MILD
