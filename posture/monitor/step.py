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
from functools import partial

from posture.config.schema import Config
from posture.core import coaching, issue_tracker, sampling, setup_drift, sitting, time_ledger
from posture.core.activity import SETUP_CHANGED_STATE, activity_of
from posture.core.assess import judge
from posture.core.baseline import Baseline, frame_values
from posture.core.coaching import CoachState, Notification
from posture.core.exercises import ExerciseLibrary
from posture.core.frame import BadFrame, is_blank
from posture.core.landmarks import Pose
from posture.core.learned import learned_phases
from posture.core.people import calibrated_person, unjudged_view
from posture.core.quiet_hours import in_quiet_hours
from posture.core.records import AlertKind
from posture.core.setup_drift import DriftState
from posture.core.sitting import BreakTaken, SittingEnded, SittingState
from posture.core.time_ledger import Interval, Ledger, Observation
from posture.core.view import cannot_judge_text
from posture.core.vocabulary import Severity
from posture.monitor.answers import ACTIONS, AlertRef, Answers
from posture.monitor.carry_over import resumed_sitting
from posture.monitor.status import Status, posture_shown
from posture.monitor.unsaved import Unsaved
from posture.ports import MonitorCamera, Notifier, PoseEstimator, Store

log = logging.getLogger(__name__)

# The status of a look that found someone away from the calibrated place and size.
ELSEWHERE = "not judged: someone is in view, away from where you calibrated"
# An alert counts as followed by a correction when the issue clears within this time.
CORRECTION_WINDOW_S = 300.0


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
    open_alerts: dict[str, tuple[int, float]] = field(default_factory=dict)
    last_state: dict[str, str] = field(default_factory=dict)
    sitting_open_start_s: float | None = None
    notifications: list[Notification] = field(default_factory=list)
    bad_frame_reasons: set[str] = field(default_factory=set)
    unsaved: Unsaved = field(default_factory=Unsaved)
    drift: DriftState = field(default_factory=DriftState)
    drift_told: bool = False
    answers: Answers = field(default_factory=Answers)
    steadiness: sampling.Steadiness = field(default_factory=sampling.Steadiness)
    # Finds everyone in a frame; asked only when the person `pose` tracks is not the user (a
    # passer-by, or someone larger in view), so the usual look stays one cheap tracked pose.
    crowd: PoseEstimator | None = None

    def __post_init__(self) -> None:
        self.ledger = Ledger(self.config.monitor.summary_interval_s)
        self.status = replace(
            self.status,
            profile=self.profile,
            calibrated=not self.baseline.population,
            learned=learned_phases(self.baseline),
        )

    def step(self, now_s: float) -> float:
        """Look once, decide, notify and record; returns the seconds until the next look."""
        m = self.config.monitor
        self.unsaved.retry(now_s)
        self._storage_status()
        for write in self.answers.writes(self.store, now_s):
            self._write(write)
        pause_reason = self.paused(now_s)
        if pause_reason != self.last_state.get("pause", ""):
            self.last_state["pause"] = pause_reason  # the log only: not a stored state kind
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
            self._change("camera", "unavailable", now_s)
            return m.away_interval_s
        self._change("camera", "available", now_s)

        try:
            poses = [] if is_blank(frame.image) else self.pose.detect(frame.image, frame.time_s)
            if poses and self.crowd is not None and self._user(poses) is None:
                poses = self.crowd.detect(frame.image, frame.time_s)
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
                self._change("presence", "present", now_s)
                self._observe(
                    now_s, Observation("drifted"), present=True, state=SETUP_CHANGED_STATE
                )
                self._corrections(now_s, set())
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
        self._change("presence", "present" if present else "away", now_s)
        self._change("posture", ",".join(sorted(active)) or "good" if present else "away", now_s)
        self._observe(now_s, *self._seen(present, active))
        self._corrections(now_s, set(active) if present else set())
        return self._next_interval(now_s, present)

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
        self._change("presence", "present", now_s)
        self._change("posture", f"not judged: {problem}", now_s)
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
        for event in events:
            if isinstance(event, BreakTaken):
                self._write(partial(self.store.add_break, event.start_s, event.end_s))
            elif isinstance(event, SittingEnded):
                self._write(partial(self.store.add_sitting, event.start_s, event.end_s))
                self.sitting_open_start_s = None
        if self.sitting.session_start_s is not None:
            self.sitting_open_start_s = self.sitting.session_start_s
        for interval in closed:
            self._store_interval(interval, now_s)
        local = datetime.fromtimestamp(now_s, self.zone)
        # While the setup has drifted, posture is judged against a picture that no longer
        # applies: nothing about it is said (see posture/core/setup_drift.py).
        active = (
            self.posture.active() if present and not setup_drift.holds_alerts(self.drift) else {}
        )
        persisted = {
            name: now_s - (track.active_since_s or now_s)
            for name, track in self.posture.tracks.items()
            if track.active
        }
        self.coach, note = coaching.decide(
            self.coach,
            local,
            active,
            persisted,
            events,
            settings=self.config.coaching,
            library=self.library,
            paused=False,
        )
        if note is not None:
            self._send(note, now_s)
        snoozed_until_s = getattr(self.paused, "snoozed_until_s", None)
        quiet = in_quiet_hours(
            local, self.config.coaching.quiet_hours_start, self.config.coaching.quiet_hours_end
        )
        self.status = replace(
            self.status,
            state=state,
            activity=activity_of(seen.kind, snoozed=snoozed_until_s is not None, quiet=quiet),
            snoozed_until_s=snoozed_until_s if seen.kind == "paused" else None,
            quiet_until=self.config.coaching.quiet_hours_end if quiet else "",
            posture=posture or posture_shown(seen, active, present),
            sitting_for_s=sitting.sitting_for_s(self.sitting, now_s),
            updated_s=now_s,
        )

    def _send(self, note: Notification, now_s: float) -> None:
        ref = AlertRef()
        answerable = getattr(self.notifier, "notify_answerable", None)
        if answerable is not None and note.kind != "setup":
            receiver = self.answers.receiver(ref)
            delivered = answerable(note.title, note.message, ACTIONS, receiver)
        else:
            delivered = self.notifier.notify(note.title, note.message)
        log.info("alert (%s): %s", note.kind, note.title)
        kind: AlertKind = (
            "setup"
            if note.kind == "setup"
            else ("sitting" if note.kind == "sitting" else "posture")
        )
        self.notifications.append(note)
        alert_id = self._write(
            lambda: self.store.add_alert(
                t_s=now_s,
                kind=kind,
                severity=note.severity,
                message=note.message,
                issue=note.kind if kind == "posture" else None,
                exercise=note.exercise_name or None,
            )
        )
        ref.alert_id = alert_id if isinstance(alert_id, int) else None
        if kind == "posture" and isinstance(alert_id, int):
            self.open_alerts[note.kind] = (alert_id, now_s)
        self.status = replace(self.status, last_alert=note.title, last_alert_s=now_s)
        if not delivered:
            log.debug("notification shown nowhere but the log: %s", note.title)

    def _track_drift(self, now_s: float, values: Mapping[str, float | None] | None) -> None:
        """Follow the setup; on a drift, record it and suggest calibrating again, once."""
        was = self.drift.drifted
        self.drift = setup_drift.advance(
            self.drift, now_s, values, self.baseline, self.config.monitor
        )
        if self.drift.drifted != was:
            log.info(
                "setup %s", "changed: posture not judged" if self.drift.drifted else "fits again"
            )
            self._change("monitor", "drift" if self.drift.drifted else "drift cleared", now_s)
            # A 'monitor' change starts a new stretch for readers of the history; say again
            # where presence and posture stand.
            self.last_state.pop("presence", None)
            self.last_state.pop("posture", None)
            self.drift_told = self.drift_told and self.drift.drifted
        local = datetime.fromtimestamp(now_s, self.zone)
        if (
            self.drift.drifted
            and not self.drift_told
            and not coaching.silence_reason(self.coach, local, self.config.coaching, paused=False)
        ):
            title, message = setup_drift.suggestion(self.drift, self.config.monitor, self.profile)
            self.drift_told = True
            self._send(Notification(title, message, "setup", Severity.MILD, ""), now_s)

    def _corrections(self, now_s: float, active: set[str]) -> None:
        """An alert whose issue cleared soon after counts as followed by a correction."""
        for issue, (alert_id, sent_s) in list(self.open_alerts.items()):
            if now_s - sent_s > CORRECTION_WINDOW_S:
                del self.open_alerts[issue]
            elif issue not in active:
                self._write(partial(self.store.mark_alert_corrected, alert_id, now_s))
                del self.open_alerts[issue]

    def _change(self, kind: str, value: str, now_s: float) -> None:
        if self.last_state.get(kind) != value:
            if kind == "camera" and (value == "unavailable" or kind in self.last_state):
                log.info("camera %s", "lost" if value == "unavailable" else "back")
            self.last_state[kind] = value
            self._write(lambda: self.store.add_state_change(now_s, kind, value))  # type: ignore[arg-type]

    def _store_interval(self, interval: Interval, now_s: float) -> None:
        # Read now: a write held while storage fails runs later, when this has moved on.
        start_s = self.sitting_open_start_s

        def write() -> None:
            with self.store.transaction():
                self.store.add_interval(
                    start_s=interval.start_s,
                    end_s=interval.end_s,
                    monitored_s=interval.monitored_s,
                    good_s=interval.good_s,
                    away_s=interval.away_s,
                    unavailable_s=interval.unavailable_s,
                    paused_s=interval.paused_s,
                    drifted_s=interval.drifted_s,
                    issue_s=dict(interval.issue_s),
                    score=interval.score,
                    profile=self.profile,
                )
                # The open sitting session is saved with each interval, so a crash loses
                # at most one interval of it (a session that began after this interval
                # ended is saved with the next one).
                if start_s is not None and start_s < min(now_s, interval.end_s):
                    self.store.add_sitting(start_s, min(now_s, interval.end_s))

        self._write(write)

    def _write(self, action: Callable[[], object]) -> object:
        """Run one store write, or hold it in memory while storage fails (`Unsaved`)."""
        result = self.unsaved.write(action)
        self._storage_status()
        return result

    def _storage_status(self) -> None:
        self.status = replace(self.status, **self.unsaved.status_fields())

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
        for interval in closed:
            self._store_interval(interval, now_s)
        if self.sitting_open_start_s is not None and self.sitting_open_start_s < now_s:
            self._write(partial(self.store.add_sitting, self.sitting_open_start_s, now_s))
        self._change("monitor", "stopped", now_s)
        self.unsaved.last_try(now_s)
        if callable(close_notifier := getattr(self.notifier, "close", None)):
            close_notifier()  # no answer can be acted on any more
        self.camera.close()
        self.pose.close()
        if self.crowd is not None:
            self.crowd.close()

    def _user(self, poses: list[Pose]) -> Pose | None:
        """The calibrated person among `poses`, or None (`posture.core.people`)."""
        m, t = self.config.monitor, self.config.thresholds
        return calibrated_person(poses, self.baseline, m, t.min_visibility)
