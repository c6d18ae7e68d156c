"""Setup steps 1 to 3: the pose model, the camera with a snapshot, and framing and light.

The three belong together because each needs the one before: the snapshot with the skeleton
drawn needs the pose model and a source, and the framing advice reads that snapshot.
"""

from __future__ import annotations

from collections.abc import Callable

from posture.core.sources import is_live
from posture.errors import UserError
from posture.ports import CameraFound, Prompter, SetupWorld
from posture.setup.framing_advice import framing_advice
from posture.setup.plan import Outcome, SetupPlan, go_on, header
from posture.setup.prompter import ask


def model_step(prompter: Prompter, world: SetupWorld, plan: SetupPlan, out: Outcome) -> None:
    """1: fetch and check the chosen pose model."""
    header(prompter, 1, "Pose model")
    if not go_on(prompter, f"Check the '{plan.variant}' pose model now (fetched once if missing)?"):
        prompter.say("  Skipped.")
        out.model = world.model_ready(plan.variant)
        return
    try:
        path = world.provision_model(plan.variant)
    except UserError as exc:
        prompter.say(f"  The pose model could not be provisioned: {exc}.")
        out.failed.append("the pose model is missing")
        return
    prompter.say(f"  Pose model '{plan.variant}' is ready: {path}")
    out.model = True
    out.set("monitor", "model", plan.variant)


def _parse_source(world: SetupWorld, cameras: list[CameraFound]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        spec = text.strip()
        if not spec:
            raise ValueError("type a camera number, or a video, picture, folder or stream URL")
        if spec.isdigit() and cameras and int(spec) not in {c.index for c in cameras}:
            found = ", ".join(str(c.index) for c in cameras)
            raise ValueError(f"there is no camera {spec}; the cameras found are {found}")
        try:
            return world.check_source(spec)
        except UserError as exc:
            raise ValueError(str(exc)) from None

    return parse


def camera_step(prompter: Prompter, world: SetupWorld, plan: SetupPlan, out: Outcome) -> None:
    """2: choose the camera (or use --source) and save a snapshot with the skeleton drawn."""
    header(prompter, 2, "Camera")
    if plan.source is not None:
        try:
            spec: str | None = world.check_source(plan.source)
        except UserError as exc:
            prompter.say(f"  {exc}.")
            out.failed.append("the source could not be opened")
            return
        prompter.say(f"  Using the source you gave: {spec}.")
    else:
        prompter.say("  Looking for cameras (0 to 5)...")
        cameras = world.find_cameras()
        if cameras:
            prompter.say("  Found " + ", ".join(c.describe() for c in cameras) + ".")
            default = str(cameras[0].index)
            if plan.current.monitor.source in {str(c.index) for c in cameras}:
                default = plan.current.monitor.source
            spec = ask(
                prompter,
                "Which camera should Posture watch? (or a video, folder or stream URL)",
                default,
                _parse_source(world, cameras),
            )
        else:
            prompter.say(
                "  No camera was found. Plug one in and run setup again, or use a "
                "video, a picture, a folder of pictures or a stream URL."
            )
            spec = ask(
                prompter, "Source to watch instead", "s", _parse_source(world, []), shown_default=""
            )
    if spec is None:
        prompter.say(f"  Skipped: Posture keeps watching '{plan.current.monitor.source}'.")
        return
    out.source = spec
    if is_live(spec):
        out.set("monitor", "source", spec)
    else:
        # A recording ends: saved as the source, every later `run` would replay it, not watch.
        prompter.say(
            f"  {spec} is a recording, not a camera: setup uses it for the snapshot and the "
            "calibration but does not save it as the source to watch (Posture keeps watching "
            f"'{plan.current.monitor.source}')."
        )
    _snapshot(prompter, world, plan, out)


def _snapshot(prompter: Prompter, world: SetupWorld, plan: SetupPlan, out: Outcome) -> None:
    if out.source is None:
        return
    if not out.model:
        prompter.say("  No snapshot: the skeleton needs the pose model (step 1).")
        return
    try:
        out.look = world.look(out.source, plan.variant)
        path = world.save_snapshot(out.look)
    except (UserError, OSError) as exc:
        prompter.say(f"  No snapshot could be taken: {exc}.")
        return
    prompter.say(
        f"  Saved a snapshot with the skeleton drawn to {path}: open it to check that "
        "your head and both shoulders are in the picture and well lit."
    )


def framing_step(prompter: Prompter, world: SetupWorld, plan: SetupPlan, out: Outcome) -> None:
    """3: say what to fix when the shoulders are out of view or the light is too dim."""
    header(prompter, 3, "Framing and light")
    while True:
        if out.look is None:
            prompter.say("  Skipped: there is no picture to check.")
            return
        advice = framing_advice(
            out.look.pose, out.look.image, plan.current.thresholds.min_visibility
        )
        if not advice:
            prompter.say("  Your shoulders are in view and the light is good.")
            return
        for line in advice:
            prompter.say(f"  {line}")
        again = ask(
            prompter,
            "Fix it and type r to look again, or press Enter to go on",
            "go on",
            lambda text: text.strip().lower() in {"r", "again"},
            skippable=False,
            shown_default="Enter: go on",
        )
        if not again:
            return
        _snapshot(prompter, world, plan, out)
