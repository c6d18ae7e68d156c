"""The optional calibration phases after the required upright one: a plan, and one call a phase.

What the terminal commands (`calibrate --phases`, `setup`) and the desktop calibration window
call, in this order:

1. `plan(names)`: the phases asked for, as `Phase(name, instruction, seconds)`, in the order
   given; `names` is a comma-separated string ("keyboard,screen,slouch") or a sequence. An
   unknown or repeated name raises `UserError` (exit status 2). `PHASES` lists every phase.
2. For each phase: show `phase.instruction`, collect `phase.seconds` of frames, and call
   `learn(phase.name, frames, baseline, config)`. `frames` holds, for each frame, the poses
   the model found in it (what `PoseEstimator.detect` returns); the calibrated person is picked
   in each (`posture.core.people`), so a passer-by teaches nothing. It returns a `Learned`
   (`phase`, `values`, `summary`: one line to show) or raises `PhaseRefused` with one sentence
   the user can act on (a side view, nobody there, a "slouch" that is not one). `sample_phase`
   collects the frames from a `FrameSource` for the terminal commands.
3. `with_learned(baseline, learned)`: the upright baseline with everything learned, to store
   as the profile.

What each phase learns and how the rules use it: `posture.core.learned`. Without phases the
upright calibration alone works exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from posture.config.schema import Config
from posture.core.baseline import Baseline, frame_values
from posture.core.frame import Skipped
from posture.core.landmarks import Pose
from posture.core.learned import LEARNERS, PHASE_NAMES, PhaseRefused, summary
from posture.core.people import calibrated_person, unjudged_view
from posture.core.view import cannot_judge_text
from posture.errors import UserError
from posture.operations.calibration_sampling import sample_source
from posture.ports import FrameSource, PoseEstimator

__all__ = ["PHASES", "Learned", "Phase", "PhaseRefused", "learn", "plan", "with_learned"]


@dataclass(frozen=True)
class Phase:
    """One optional phase: its name, what the user is asked to do, and for how long."""

    name: str
    instruction: str
    seconds: float = 4.0


PHASES: tuple[Phase, ...] = (
    Phase("keyboard", "Look down at your keyboard, as you do while typing, and hold it."),
    Phase("screen", "Look at your other screen (or wherever you often look), and hold it."),
    Phase("slouch", "Show me your usual slouch: sit the way you do when tired, and hold it."),
)
assert tuple(p.name for p in PHASES) == PHASE_NAMES


@dataclass(frozen=True)
class Learned:
    """What one phase learned: the numbers stored in the profile and a line to show."""

    phase: str
    values: dict[str, float]
    summary: str


def plan(names: str | Sequence[str]) -> tuple[Phase, ...]:
    """The phases asked for, in the order given; UserError for an unknown or repeated name."""
    asked = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
    asked = [n for n in asked if n]
    by_name = {p.name: p for p in PHASES}
    for name in asked:
        if name not in by_name:
            raise UserError(
                f"'{name}' is not a calibration phase; choose from {', '.join(PHASE_NAMES)}"
            )
    if len(set(asked)) != len(asked):
        raise UserError("each calibration phase can be asked for once")
    return tuple(by_name[n] for n in asked)


def learn(
    phase: str, frames: Sequence[Sequence[Pose]], baseline: Baseline, config: Config
) -> Learned:
    """What one phase's frames teach about this person, or PhaseRefused saying why not."""
    if phase not in LEARNERS:
        raise UserError(f"'{phase}' is not a calibration phase")
    t, m = config.thresholds, config.monitor
    users = [calibrated_person(poses, baseline, m, t.min_visibility) for poses in frames]
    samples = [frame_values(user, t.min_visibility) for user in users if user is not None]
    if users and not samples:
        views = [unjudged_view(poses, t.min_visibility) for poses in frames]
        problem = next((view for view in views if view is not None), None)
        if problem is not None:  # the user seen from the side is not "near" either
            raise PhaseRefused(cannot_judge_text(problem))
        raise PhaseRefused(
            f"nobody was in view where you calibrated during the {phase} phase; stay in "
            "your seat, in front of the camera"
        )
    values = LEARNERS[phase](samples, baseline)
    return Learned(phase, values, summary(phase, values))


def with_learned(baseline: Baseline, learned: Iterable[Learned]) -> Baseline:
    """The baseline with what the phases learned (a later phase of a name wins)."""
    merged = dict(baseline.learned)
    for one in learned:
        prefix = "slouch_" if one.phase == "slouch" else ""
        if prefix:  # a new usual slouch replaces the old one's measures entirely
            merged = {k: v for k, v in merged.items() if not k.startswith(prefix)}
        merged.update(one.values)
    return replace(baseline, learned=merged)


def sample_phase(
    source: FrameSource,
    estimator: PoseEstimator,
    config: Config,
    seconds: float,
    on_skipped: Callable[[Skipped], None],
) -> list[Sequence[Pose]]:
    """The poses of each frame sampled from `source` for `seconds` (of a video's own time; every
    picture of a folder). The caller closes the source."""
    seen = sample_source(
        source, estimator, config.thresholds, window_s=seconds, on_skipped=on_skipped
    )
    return [one.poses for one in seen]
