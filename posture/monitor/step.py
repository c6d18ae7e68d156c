"""The monitor's one loop body: `step(now)` wires frame -> landmarks -> metrics -> assessment ->
presence and sitting time -> coaching -> notification -> stored record, top to bottom.

Everything that touches the world (camera, pose model, notifier, store, the pause check) is
injected, and time only enters as `now`, so tests drive hours of simulated time without
sleeping. `step` returns how long to wait before the next look: quicker while an issue is
building, slower while the user is away; the camera is released while they stay away.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo

from posture.config.schema import Config
from posture.core import coaching, issue_tracker, sampling, setup_drift, sitting, time_ledger
from posture.core.activity import SETUP_CHANGED_STATE
from posture.core.assess import judge
from posture.core.baseline import Baseline, frame_values
from posture.core.coaching import CoachState, Notification
from posture.core.empty_room import EmptyRoom, after_look
from posture.core.exercises import ExerciseLibrary
from posture.core.frame import BadFrame, Frame, is_blank
from posture.core.landmarks import Pose
from posture.core.learned import learned_phases
from posture.core.people import calibrated_person, unjudged_view
from posture.core.quiet_hours import in_quiet_hours
from posture.core.setup_drift import DriftState
from posture.core.sitting import SittingState
from posture.core.time_ledger import Ledger, Observation
from posture.core.view import cannot_judge_text
from posture.monitor.alerts import Alerts
from posture.monitor.answers import Answers
from posture.monitor.carry_over import resumed_sitting
from posture.monitor.record import Record
from posture.monitor.setup_watch import SetupWatch
from posture.monitor.status import Status, looked, posture_shown
from posture.monitor.unsaved import Unsaved
from posture.ports import MonitorCamera, Notifier, PoseEstimator, Store

log = logging.getLogger(__name__)

# The status of a look that found someone away from the calibrated place and size.
ELSEWHERE = "not judged: someone is in view, away from where you calibrated"


@dataclass
class Monitor:
    """The background assistant's state and its one loop body."""

    camera: MonitorCamera
    pose: PoseEstimator
    notifier: Notifier
    store: Store
    config: Config
    baseline: Baseline
    library: ExerciseLibrary
    zone: tzinfo
    profile: str | None = None
    paused: Callable[[float], str] = lambda now_s: ""
    posture: issue_tracker.PostureState = field(default_factory=issue_tracker.PostureState)
    sitting: SittingState = field(default_factory=SittingState)
    coach: CoachState = field(default_factory=CoachState)
    ledger: Ledger = field(default_factory=lambda: Ledger(60.0))
    status: Status = field(default_factory=Status)
    away_since_s: float | None = None
    pause_reason: str = ""
    bad_frame_reasons: set[str] = field(default_factory=set)
    unsaved: Unsaved = field(default_factory=Unsaved)
    answers: Answers = field(default_factory=Answers)
    steadiness: sampling.Steadiness = field(default_factory=sampling.Steadiness)
    room: EmptyRoom = field(default_factory=EmptyRoom)
    # Finds everyone in a frame; asked only when the person `pose` tracks is not the user (a
    # passer-by, or someone larger in view), so the usual look stays one cheap tracked pose.
    crowd: PoseEstimator | None = None
    record: Record = field(init=False)
    alerts: Alerts = field(init=False)
    setup: SetupWatch = field(init=False)

    def __post_init__(self) -> None:
        self.record = Record(self.store, self.unsaved, self.profile)
        self.alerts = Alerts(self.record, self.answers)
        self.setup = SetupWatch(self.baseline, self.config.monitor, self.record, self.profile)
        self.ledger = Ledger(self.config.monitor.summary_interval_s)
        self.status = replace(
            self.status,
            profile=self.profile,
            calibrated=not self.baseline.population,
            learned=learned_phases(self.baseline),
        )

    @property
    def notifications(self) -> list[Notification]:
        """Every note this run sent, in order."""
        return self.alerts.sent

    def step(self, now_s: float) -> float:
        """Look once, decide, notify and record; returns the seconds until the next look."""
        self.unsaved.retry(now_s)
        try:
            return self._look(now_s)
        finally:  # the status says how storage stands after this look's writes
            self.status = replace(self.status, **self.unsaved.status_fields())

    def _look(self, now_s: float) -> float:
        m = self.config.monitor
        for write in self.answers.writes(self.store, now_s):
            self.record.write(write)
        pause_reason = self.paused(now_s)
        if pause_reason != self.pause_reason:
            self.pause_reason = pause_reason  # the log only: not a stored state kind
            log.info("%s", pause_reason if pause_reason else "resumed: no longer paused")
        if pause_reason:
            self.camera.release()
            self._observe(now_s, Observation("paused"), present=None, state=pause_reason)
            return m.paused_interval_s

        frame = self.camera.frame_at(now_s)
        if frame is None:
            self._observe(
                now_s, Observation("unavailable"), present=None, state="camera unavailable"
            )
            self.record.change("camera", "unavailable", now_s)
            return m.away_interval_s
        self.record.change("camera", "available", now_s)

        try:
            poses = self._poses(frame, now_s)
        except (BadFrame, ValueError, RuntimeError) as exc:
            # A frame the model cannot take says nothing either way; logged once per reason.
            reason = f"{type(exc).__name__}: {exc}"
            if reason not in self.bad_frame_reasons:
                self.bad_frame_reasons.add(reason)
                log.warning("skipped a frame that cannot be analysed (%s)", exc)
            self._observe(
                now_s, Observation("unavailable"), present=None, state="camera unavailable"
            )
            return m.sample_interval_s
        t = self.config.thresholds
        # Only the calibrated person is judged: a passer-by alone in view is nobody here.
        user = self._user(poses)
        present = user is not None
        verdict = judge(user, self.baseline, t) if user is not None else None
        problem = verdict.view if verdict is not None else unjudged_view(poses, t.min_visibility)
        if problem is not None:
            return self._not_judged(now_s, problem)
        if poses and user is None:
            # Someone, but not where the calibration has the user: a passer-by, or the user
            # after the camera moved, which the setup-drift rule notices from their place.
            self._track_drift(now_s, frame_values(poses[0], t.min_visibility))
            if self.drift.drifted:  # the camera moved: the user, not judged until recalibrated
                self.away_since_s = None
                self.posture = issue_tracker.reset(self.posture)
                self.record.change("presence", "present", now_s)
                self._observe(
                    now_s, Observation("drifted"), present=True, state=SETUP_CHANGED_STATE
                )
                self.alerts.corrections(now_s, set())
                return self._next_interval(now_s, True)
            return self._not_judged(now_s, "elsewhere")
        if verdict is not None:
            self.away_since_s = None
            self.posture = issue_tracker.advance(
                self.posture, now_s, verdict.ratios, self.config.timing, t
            )
            self._track_drift(now_s, verdict.values)
            smoothed = {name: t.smoothed for name, t in self.posture.tracks.items()}
            self.steadiness = sampling.advance(self.steadiness, now_s, smoothed, m)
        else:
            self.steadiness = sampling.Steadiness()
            self.away_since_s = now_s if self.away_since_s is None else self.away_since_s
            self.posture = issue_tracker.reset(self.posture)
            self._track_drift(now_s, None)
        active = self.posture.active()
        self.record.change("presence", "present" if present else "away", now_s)
        shown = ",".join(sorted(active)) or "good" if present else "away"
        self.record.change("posture", shown, now_s)
        self._observe(now_s, *self._seen(present, active))
        self.alerts.corrections(now_s, set(active) if present else set())
        return self._next_interval(now_s, present)

    def _poses(self, frame: Frame, now_s: float) -> list[Pose]:
        """Everyone in view; nobody, without asking the model, while the empty room stays
        as it was (`posture.core.empty_room`)."""
        if is_blank(frame.image) or self.room.still(frame.image, now_s):
            return []
        poses = self.pose.detect(frame.image, frame.time_s)
        if poses and self.crowd is not None and self._user(poses) is None:
            poses = self.crowd.detect(frame.image, frame.time_s)
        self.room = after_look(frame.image, bool(poses), now_s)
        return poses

    def _seen(self, present: bool, active: Iterable[str]) -> tuple[Observation, bool, str]:
        """What a look with a picture saw: once the setup has drifted, time is not judged."""
        if not present:
            return Observation("away"), False, "away"
        if self.drift.drifted:
            return Observation("drifted"), True, SETUP_CHANGED_STATE
        return Observation("monitored", frozenset(active)), True, "watching"

    def _not_judged(self, now_s: float, problem: str) -> float:
        """Someone is there, but the view cannot be judged (`problem`: a reason of
        `posture.core.view`), or they are "elsewhere" than the calibration: no issue, no alert.

        The time is stored as away (neither good nor an issue, so the score is untouched); the
        sitting time goes on, and `status` says "cannot judge from this view".
        """
        self.away_since_s = None
        self.posture = issue_tracker.reset(self.posture)
        self.record.change("presence", "present", now_s)
        self.record.change("posture", f"not judged: {problem}", now_s)
        text = ELSEWHERE if problem == "elsewhere" else cannot_judge_text(problem)
        self._observe(now_s, Observation("away"), present=True, state=text, posture="not judged")
        return self.config.monitor.sample_interval_s

    def _observe(
        self,
        now_s: float,
        seen: Observation,
        present: bool | None,
        state: str,
        posture: str | None = None,
    ) -> None:
        """Account time, advance the sitting machine, coach, and keep the status current."""
        if self.ledger.last_s is None:  # the run's first look: a short stop is no break
            self.sitting = resumed_sitting(self.store, now_s, self.config.sitting)
        self.ledger, closed = time_ledger.record(self.ledger, now_s, seen)
        self.sitting, events = sitting.advance(self.sitting, now_s, present, self.config.sitting)
        self.record.sitting(events, self.sitting.session_start_s)
        for interval in closed:
            self.record.interval(interval, now_s)
        local = datetime.fromtimestamp(now_s, self.zone)
        # While the setup has drifted, posture is judged against a picture that no longer
        # applies: nothing about it is said (see posture/core/setup_drift.py).
        active = (
            self.posture.active() if present and not setup_drift.holds_alerts(self.drift) else {}
        )
        self.coach, note = coaching.decide(
            self.coach,
            local,
            active,
            self.posture.persisted(now_s),
            events,
            settings=self.config.coaching,
            library=self.library,
            paused=False,
        )
        if note is not None:
            self._send(note, now_s)
        c = self.config.coaching
        quiet = in_quiet_hours(local, c.quiet_hours_start, c.quiet_hours_end)
        self.status = looked(
            self.status,
            now_s,
            seen,
            state=state,
            posture=posture or posture_shown(seen, active, present),
            snoozed_until_s=getattr(self.paused, "snoozed_until_s", None),
            quiet_until=c.quiet_hours_end if quiet else "",
            sitting_for_s=sitting.sitting_for_s(self.sitting, now_s),
        )

    def _send(self, note: Notification, now_s: float) -> None:
        self.alerts.send(self.notifier, note, now_s)
        self.status = replace(self.status, last_alert=note.title, last_alert_s=now_s)

    def _track_drift(self, now_s: float, values: Mapping[str, float | None] | None) -> None:
        """Follow the setup; on a drift, suggest calibrating again, once, when not silenced."""
        self.setup.advance(now_s, values)
        local = datetime.fromtimestamp(now_s, self.zone)
        silenced = coaching.silence_reason(self.coach, local, self.config.coaching, paused=False)
        if self.setup.suggestion_due() and not silenced:
            self._send(self.setup.suggestion(), now_s)

    @property
    def drift(self) -> DriftState:
        """Where the setup stands against the calibration (`posture.core.setup_drift`)."""
        return self.setup.state

    def _next_interval(self, now_s: float, present: bool) -> float:
        m = self.config.monitor
        if present:
            ends_s = self.posture.dwell_ends_s(self.config.timing.dwell_s)
            return sampling.next_look_s(self.steadiness, now_s, ends_s, self.posture.building(), m)
        away_for = now_s - (self.away_since_s or now_s)
        if away_for >= m.release_after_s:
            self.camera.release()
            return m.released_interval_s
        return m.away_interval_s

    def close(self, now_s: float) -> None:
        """Flush what is open: the partial interval and the running sitting session."""
        self.ledger, closed = time_ledger.close(self.ledger, now_s)
        self.record.close(now_s, closed)
        self.status = replace(self.status, **self.unsaved.status_fields())
        self.alerts.close(self.notifier)
        self.camera.close()
        self.pose.close()
        if self.crowd is not None:
            self.crowd.close()

    def _user(self, poses: list[Pose]) -> Pose | None:
        """The calibrated person among `poses`, or None (`posture.core.people`)."""
        m, t = self.config.monitor, self.config.thresholds
        return calibrated_person(poses, self.baseline, m, t.min_visibility)
