"""The weekly report: seven local days, each reported in full, and their totals. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from posture.core.local_calendar import zone_name
from posture.core.records import (
    AlertRecord,
    BreakRecord,
    IntervalRecord,
    SittingRecord,
    StateChange,
)
from posture.report.day import DayReport, build_day
from posture.report.tally import score_of

WEEK_DAYS = 7


@dataclass(frozen=True)
class WeekReport:
    """Seven local days ending on `end_day`, each fully reported, with totals."""

    end_day: date
    zone: tzinfo
    days: tuple[DayReport, ...]

    @property
    def zone_name(self) -> str:
        """The zone's IANA name (e.g. 'Europe/Berlin') when it has one."""
        return zone_name(self.zone)

    @property
    def start_day(self) -> date:
        """The first of the seven days."""
        return self.days[0].day

    @property
    def has_data(self) -> bool:
        """Whether any day has data."""
        return any(day.has_data for day in self.days)

    @property
    def days_with_data(self) -> int:
        """Days on which anything was recorded."""
        return sum(1 for day in self.days if day.has_data)

    @property
    def monitored_s(self) -> float:
        """Monitored time over the week."""
        return sum(day.monitored_s for day in self.days)

    @property
    def good_s(self) -> float:
        """Good-posture time over the week."""
        return sum(day.good_s for day in self.days)

    @property
    def away_s(self) -> float:
        """Time away from the desk while watched, over the week."""
        return sum(day.away_s for day in self.days)

    @property
    def score(self) -> float | None:
        """The week's time-weighted score."""
        return score_of(self.good_s, self.monitored_s)

    @property
    def issue_s(self) -> dict[str, float]:
        """Seconds per issue over the week."""
        total: dict[str, float] = {}
        for day in self.days:
            for name, seconds in day.issue_s.items():
                total[name] = total.get(name, 0.0) + seconds
        return total

    @property
    def alerts_sent(self) -> int:
        """Notifications over the week."""
        return sum(day.alerts_sent for day in self.days)

    @property
    def alerts_corrected(self) -> int:
        """Notifications followed by a correction over the week."""
        return sum(day.alerts_corrected for day in self.days)

    @property
    def breaks_taken(self) -> int:
        """Breaks begun during the week."""
        return sum(day.breaks_taken for day in self.days)

    @property
    def sitting_s(self) -> float:
        """Time in sitting sessions over the week."""
        return sum(day.sitting_s for day in self.days)

    @property
    def longest_sitting_s(self) -> float:
        """The longest sitting stretch within any one day."""
        return max(day.longest_sitting_s for day in self.days)

    @property
    def longest_good_s(self) -> float:
        """The longest good streak within any one day."""
        return max((d.longest_good.seconds for d in self.days if d.longest_good), default=0.0)


def build_week(
    end_day: date,
    zone: tzinfo,
    intervals: Sequence[IntervalRecord],
    alerts: Sequence[AlertRecord],
    sittings: Sequence[SittingRecord],
    breaks: Sequence[BreakRecord],
    state_changes: Sequence[StateChange],
    *,
    exercise_titles: Mapping[str, str] | None = None,
) -> WeekReport:
    """The seven local days ending on `end_day`, oldest first.

    Pass records from seven days before the first of them, so each day has its comparisons.
    """
    days = tuple(
        build_day(
            end_day - timedelta(days=n),
            zone,
            intervals,
            alerts,
            sittings,
            breaks,
            state_changes,
            exercise_titles=exercise_titles,
        )
        for n in reversed(range(WEEK_DAYS))
    )
    return WeekReport(end_day, zone, days)
