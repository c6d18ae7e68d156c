"""When to look next while someone is there: slower while posture is good and steady, today's
pace as soon as a measure moves towards its threshold, and exactly at the end of a dwell.

An issue must last `dwell_s` (20 s by default) before it counts. So while every measure has
stayed well inside its threshold (its smoothed ratio at most `steady_ratio`) for
`steady_after_s`, a look every `steady_interval_s` loses almost nothing: a slouch that starts
right after a look is seen at most `steady_interval_s` later, its dwell clock starts then,
and the alert comes at most dwell + `steady_interval_s` after the change. Any measure past
`steady_ratio` (or none known) brings back one look every `sample_interval_s`; an issue
building brings `building_interval_s` and a look exactly when its dwell ends. Pure: the caller
passes `now_s` and what it saw.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from posture.config.schema import Monitor

# A dwell that ends sooner than this is looked at on the next building look instead.
DWELL_END_SLACK_S = 0.01


@dataclass(frozen=True)
class Steadiness:
    """Since when every measure has stayed well inside its threshold (None: not steady)."""

    steady_since_s: float | None = None


def advance(
    state: Steadiness, now_s: float, ratios: Mapping[str, float | None] | None, m: Monitor
) -> Steadiness:
    """Follow one look: `ratios` are the issues' smoothed measure/threshold (None: nobody
    judged); a raw ratio past 1 makes an issue build, which `next_look_s` is told apart."""
    known = [] if ratios is None else [r for r in ratios.values() if r is not None]
    if not known or max(known) > m.steady_ratio:
        return Steadiness()
    return Steadiness(now_s if state.steady_since_s is None else state.steady_since_s)


def next_look_s(
    state: Steadiness, now_s: float, dwell_ends_s: float | None, building: bool, m: Monitor
) -> float:
    """Seconds until the next look at someone present."""
    if building:
        until_s = (dwell_ends_s - now_s) if dwell_ends_s is not None else m.building_interval_s
        if until_s > DWELL_END_SLACK_S:
            return min(m.building_interval_s, until_s)
        return m.building_interval_s
    steady = state.steady_since_s is not None and now_s - state.steady_since_s >= m.steady_after_s
    return max(m.sample_interval_s, m.steady_interval_s) if steady else m.sample_interval_s
