"""Setup step 4: capture the user's good posture as a named profile, with a retry."""

from __future__ import annotations

from posture.core.learned import learned_phases, summary
from posture.errors import UserError
from posture.ports import Prompter, SetupWorld
from posture.setup import answers
from posture.setup.plan import Outcome, SetupPlan, go_on, header
from posture.setup.prompter import ask


def calibration_step(prompter: Prompter, world: SetupWorld, plan: SetupPlan, out: Outcome) -> None:
    """4: capture the user's good posture as a named profile."""
    header(prompter, 4, "Calibration")
    if out.source is None or not out.model:
        prompter.say(
            "  Skipped: calibration needs the pose model and a camera (steps 1 and 2). "
            "Later: `python run.py calibrate`."
        )
        return
    prompter.say(
        "  Posture learns your good posture: sit back in the chair, shoulders relaxed "
        "and level, screen at eye level, and keep still for a few seconds."
    )
    if not go_on(prompter, "Calibrate now?"):
        prompter.say("  Skipped. Later: `python run.py calibrate`.")
        return
    name = ask(
        prompter,
        "Name this profile (letters, digits, - and _)",
        plan.profile,
        answers.profile_name,
        skippable=False,
    )
    assert name is not None
    while True:
        try:
            baseline = world.calibrate(out.source, plan.variant, name, plan.phases)
        except UserError as exc:
            prompter.say(f"  Calibration did not work: {exc}.")
            again = ask(
                prompter,
                "Type r to try again, or press Enter to go on without it",
                "go on",
                lambda text: text.strip().lower() in {"r", "again"},
                skippable=False,
                shown_default="Enter: go on",
            )
            if again:
                continue
            out.failed.append("calibration did not work")
            out.refused = True
            return
        for note in baseline.notes:
            prompter.say(f"  Note: {note}.")
        for phase in learned_phases(baseline):
            prompter.say(f"  Learned {summary(phase, baseline.learned)}.")
        prompter.say(
            f"  Calibrated profile '{name}' from {baseline.frames} frames; it is now "
            "the active profile."
        )
        return
