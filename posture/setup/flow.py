"""The first-run walk-through: seven numbered steps from install to a calibrated assistant.

1 the pose model, 2 the camera (and a snapshot with the skeleton drawn), 3 framing and light,
4 calibration, 5 a test notification, 6 sitting time, quiet hours and login autostart, 7 the
config file. Every step can be skipped, and the whole walk can be repeated any time: what a
repeated run does not change stays as it was.

The flow only decides what to ask and what to do next; everything that touches the world (the
model files, cameras, the pose model, the notifier, the store, files) sits behind `SetupWorld`,
and every question goes through a `Prompter`, so tests can drive the flow with fakes.

This module runs the steps in order and sums up; the steps live in `steps_picture` (1-3),
`steps_calibration` (4), `steps_notifications` (5), `steps_habits` (6) and `steps_save` (7),
and what they share in `plan`.
"""

from __future__ import annotations

from posture.ports import Prompter, SetupWorld
from posture.setup.plan import Outcome, SetupPlan, Step
from posture.setup.steps_calibration import calibration_step
from posture.setup.steps_habits import habits_step
from posture.setup.steps_notifications import notification_step
from posture.setup.steps_picture import camera_step, framing_step, model_step
from posture.setup.steps_save import save_step

# In the order they are numbered (`plan.STEPS` of them).
STEP_ORDER: tuple[Step, ...] = (
    model_step,
    camera_step,
    framing_step,
    calibration_step,
    notification_step,
    habits_step,
    save_step,
)


def run_setup(prompter: Prompter, world: SetupWorld, plan: SetupPlan) -> int:
    """Walk through every step; 0 when nothing failed, 2 when the user's input was refused (a
    calibration that cannot serve), 1 otherwise."""
    prompter.say(
        "Posture setup: seven short steps. Press Enter to take the answer in brackets, "
        "or type s to skip a step. You can run this again any time."
    )
    out = Outcome()
    for step in STEP_ORDER:
        step(prompter, world, plan, out)
    prompter.say("")
    if out.failed:
        prompter.say("Setup finished with problems: " + "; ".join(out.failed) + ".")
        prompter.say(
            "Run `python run.py doctor` for a check of everything, and `python run.py "
            "setup` again once it is fixed."
        )
        return 2 if out.refused else 1
    prompter.say(
        "Setup is done. Start watching with `python run.py` (or `python run.py start` "
        "to keep it running in the background)."
    )
    return 0
