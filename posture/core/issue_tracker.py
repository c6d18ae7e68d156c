"""Issues over time: smoothing, a dwell time before an issue counts, and hysteresis.

Pure state transitions over `(now_s, ratios)`: the caller passes the time, so hours of
simulated time need no sleeping. Each issue's excess ratio is smoothed with an exponential
moving average whose time constant is `smoothing_s` (frames may arrive irregularly). The dwell
clock starts at the first frame past the threshold and runs while the frame or the smoothed
ratio stays at or above 1, so smoothing adds no delay to a clear change; an issue becomes active
once that has lasted `dwell_s`. It clears only after the smoothed ratio has stayed below
`exit_fraction` (hysteresis) for `clear_s`. One bad frame never counts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from posture.config.schema import Thresholds, Timing
from posture.core.vocabulary import ISSUE_NAMES, Severity, severity_for


@dataclass(frozen=True)
class IssueTrack:
    """One issue's history: its smoothed ratio and when it last crossed a threshold."""

    smoothed: float | None = None
    updated_s: float | None = None
    above_since_s: float | None = None
    below_since_s: float | None = None
    active_since_s: float | None = None

    @property
    def active(self) -> bool:
        """True once the issue has passed its dwell time and not yet cleared."""
        return self.active_since_s is not None


@dataclass(frozen=True)
class PostureState:
    """Every issue's track."""

    tracks: Mapping[str, IssueTrack] = field(
        default_factory=lambda: {name: IssueTrack() for name in ISSUE_NAMES}
    )

    def active(self) -> dict[str, Severity]:
        """The active issues with their current severity."""
        return {
            name: severity_for(track.smoothed or 1.0)
            for name, track in self.tracks.items()
            if track.active
        }

    def persisted(self, now_s: float) -> dict[str, float]:
        """How long each active issue has lasted, in seconds."""
        return {
            name: now_s - (track.active_since_s or now_s)
            for name, track in self.tracks.items()
            if track.active
        }

    def dwell_ends_s(self, dwell_s: float) -> float | None:
        """When the earliest building issue completes its dwell time (None: none is building)."""
        ends = [
            t.above_since_s + dwell_s
            for t in self.tracks.values()
            if t.above_since_s is not None and not t.active
        ]
        return min(ends) if ends else None

    def building(self) -> bool:
        """True while some issue is past its threshold but still inside its dwell time."""
        return any(t.above_since_s is not None and not t.active for t in self.tracks.values())


def _smooth(track: IssueTrack, now_s: float, ratio: float, smoothing_s: float) -> float:
    if track.smoothed is None or track.updated_s is None or smoothing_s <= 0:
        return ratio
    dt = max(0.0, now_s - track.updated_s)
    alpha = 1.0 - math.exp(-dt / smoothing_s)
    return track.smoothed + alpha * (ratio - track.smoothed)


def advance_track(
    track: IssueTrack, now_s: float, ratio: float | None, timing: Timing, exit_fraction: float
) -> IssueTrack:
    """One issue's next state; an unknown ratio leaves the track as it was."""
    if ratio is None:
        return track
    smoothed = _smooth(track, now_s, ratio, timing.smoothing_s)
    above = ratio >= 1.0 or smoothed >= 1.0
    below = smoothed < exit_fraction
    above_since = (
        (track.above_since_s if track.above_since_s is not None else now_s) if above else None
    )
    below_since = (
        (track.below_since_s if track.below_since_s is not None else now_s) if below else None
    )
    active_since = track.active_since_s
    if active_since is None and above_since is not None and now_s - above_since >= timing.dwell_s:
        active_since = now_s
    elif (
        active_since is not None
        and below_since is not None
        and now_s - below_since >= timing.clear_s
    ):
        active_since = None
    return IssueTrack(smoothed, now_s, above_since, below_since, active_since)


def advance(
    state: PostureState,
    now_s: float,
    ratios: Mapping[str, float | None],
    timing: Timing,
    thresholds: Thresholds,
) -> PostureState:
    """Every issue's next state after one assessed frame."""
    return PostureState(
        {
            name: advance_track(track, now_s, ratios.get(name), timing, thresholds.exit_fraction)
            for name, track in state.tracks.items()
        }
    )


def reset(state: PostureState) -> PostureState:
    """Forget everything (the user left, or the profile changed)."""
    return replace(state, tracks={name: IssueTrack() for name in ISSUE_NAMES})
