"""The first-run walk-through: seven numbered steps from install to a calibrated assistant.

1 the pose model, 2 the camera (and a snapshot with the skeleton drawn), 3 framing and light,
4 calibration, 5 a test notification, 6 sitting time, quiet hours and login autostart, 7 the
config file. Every step can be skipped, and the whole walk can be repeated any time: what a
repeated run does not change stays as it was.

The flow only decides what to ask and what to do next; everything that touches the world (the
model files, cameras, the pose model, the notifier, the store, files) sits behind `SetupWorld`,
and every question goes through a `Prompter`, so tests can drive the flow with fakes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from posture.config.schema import Config, ConfigError
from posture.errors import UserError
from posture.ports import CameraFound, Look, Prompter, SetupWorld
from posture.setup import answers
from posture.setup.framing_advice import framing_advice
from posture.setup.prompter import ask

STEPS = 7
NOTIFIER_FALLBACKS = ("native", "log")
TEST_TITLE = "Posture is set up"
TEST_MESSAGE = (
    "This is the test notification from `python run.py setup`. If you can read it, "
    "posture reminders will reach you here."
)


@dataclass
class SetupPlan:
    """What the user gave on the command line and what the settings are now."""

    variant: str
    current: Config
    config_path: Path
    source: str | None = None  # --source: the camera step asks nothing
    profile: str = "default"


@dataclass
class Outcome:
    """What setup did; `updates` are the settings to write."""

    updates: dict[str, dict[str, Any]] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    source: str | None = None
    look: Look | None = None
    model: bool = False

    def set(self, section: str, key: str, value: Any) -> None:
        """Remember one setting to write."""
        self.updates.setdefault(section, {})[key] = value


def header(prompter: Prompter, number: int, title: str) -> None:
    """A step's numbered header."""
    prompter.say("")
    prompter.say(f"[{number}/{STEPS}] {title}")


def _go_ahead(text: str) -> bool:
    answer = text.strip().lower()
    if answer in {"y", "yes"}:
        return True
    if answer in {"n", "no"}:
        return False
    raise ValueError("press Enter to go ahead, or type s to skip this step")


def go_on(prompter: Prompter, question: str) -> bool:
    """A step's first question: Enter (or y) does it, "s" (or n) skips it."""
    return ask(prompter, question, "yes", _go_ahead, shown_default="Enter: yes") is True


def run_setup(prompter: Prompter, world: SetupWorld, plan: SetupPlan) -> int:
    """Walk through every step; 0 when nothing failed, 1 otherwise."""
    prompter.say(
        "Posture setup: seven short steps. Press Enter to take the answer in brackets, "
        "or type s to skip a step. You can run this again any time."
    )
    out = Outcome()
    steps: list[Callable[[Prompter, SetupWorld, SetupPlan, Outcome], None]] = [
        model_step,
        camera_step,
        framing_step,
        calibration_step,
        notification_step,
        habits_step,
        save_step,
    ]
    for step in steps:
        step(prompter, world, plan, out)
    prompter.say("")
    if out.failed:
        prompter.say("Setup finished with problems: " + "; ".join(out.failed) + ".")
        prompter.say(
            "Run `python run.py doctor` for a check of everything, and `python run.py "
            "setup` again once it is fixed."
        )
        return 1
    prompter.say(
        "Setup is done. Start watching with `python run.py` (or `python run.py start` "
        "to keep it running in the background)."
    )
    return 0


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
    out.set("monitor", "source", spec)
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
            baseline = world.calibrate(out.source, plan.variant, name)
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
            return
        for note in baseline.notes:
            prompter.say(f"  Note: {note}.")
        prompter.say(
            f"  Calibrated profile '{name}' from {baseline.frames} frames; it is now "
            "the active profile."
        )
        return


def notification_step(prompter: Prompter, world: SetupWorld, plan: SetupPlan, out: Outcome) -> None:
    """5: send a test notification; when it did not appear, offer another way."""
    header(prompter, 5, "Notifications")
    preference = plan.current.monitor.notifier
    if not go_on(prompter, "Send a test notification now?"):
        prompter.say("  Skipped.")
        return
    backend, reason = world.test_notification(preference)
    if backend != "log":
        prompter.say(f"  Sent a test notification through {backend}.")
        seen = ask(
            prompter,
            "Did it appear on your screen?",
            "y",
            answers.yes_no,
            skippable=False,
            shown_default="Y/n",
        )
        if seen:
            prompter.say(f"  Notifications go through {backend}.")
            return
    else:
        because = f" ({reason})" if reason else ""
        prompter.say(
            "  The test notification could not be shown on the desktop"
            f"{because}; it went to the log only."
        )
    choice = ask(
        prompter,
        "Where should notifications go: native (the desktop's own mechanism "
        "first) or log (the log file only)?",
        NOTIFIER_FALLBACKS[0],
        lambda text: answers.one_of(text, NOTIFIER_FALLBACKS),
    )
    if choice is None:
        prompter.say(f"  Kept '{preference}'.")
        return
    out.set("monitor", "notifier", choice)
    if choice == "log":
        prompter.say("  Notifications will go to the log file only.")
        return
    backend, _ = world.test_notification(choice)
    if backend == "log":
        prompter.say(
            "  That did not reach the desktop either, so notifications go to the log "
            "for now; `python run.py doctor` says why."
        )
    else:
        prompter.say(f"  Sent it again; notifications now go through {backend}.")


def habits_step(prompter: Prompter, world: SetupWorld, plan: SetupPlan, out: Outcome) -> None:
    """6: the sitting limit, quiet hours and the login autostart."""
    header(prompter, 6, "Sitting time, quiet hours and autostart")
    sitting, coaching = plan.current.sitting, plan.current.coaching
    limit = ask(
        prompter,
        "Minutes of sitting before a reminder to move",
        f"{sitting.sit_limit_min:g}",
        lambda text: answers.minutes(text, 5, 480),
    )
    if limit is None:
        prompter.say("  Skipped.")
        return
    out.set("sitting", "sit_limit_min", float(limit))
    start = ask(
        prompter,
        "Quiet hours (no notifications) start at HH:MM, or none",
        coaching.quiet_hours_start or "none",
        answers.clock_or_none,
        skippable=False,
    )
    end = ""
    if start:

        def parse_end(text: str) -> str:
            value = answers.clock_or_none(text)
            if not value:
                raise ValueError("quiet hours need an end time, such as 07:00")
            if value == start:
                raise ValueError("the end must differ from the start")
            return value

        end = (
            ask(
                prompter,
                "Quiet hours end at HH:MM",
                coaching.quiet_hours_end or "07:00",
                parse_end,
                skippable=False,
            )
            or ""
        )
    out.set("coaching", "quiet_hours_start", start or "")
    out.set("coaching", "quiet_hours_end", end)
    prompter.say(f"  Quiet hours: {start}-{end}." if start else "  No quiet hours.")
    autostart = ask(
        prompter,
        "Start Posture in the background when you log in?",
        "n",
        answers.yes_no,
        skippable=False,
        shown_default="y/N",
    )
    if autostart:
        try:
            path = world.enable_autostart()
        except (UserError, OSError) as exc:
            prompter.say(f"  Autostart could not be enabled: {exc}.")
            out.failed.append("autostart could not be enabled")
            return
        prompter.say(f"  Autostart enabled: {path}")


def save_step(prompter: Prompter, world: SetupWorld, plan: SetupPlan, out: Outcome) -> None:
    """7: write the choices into the config file, and load it back to prove it is valid."""
    header(prompter, 7, "Save settings")
    if not out.updates:
        prompter.say("  Nothing to save: every step that sets something was skipped.")
        return
    for section, table in out.updates.items():
        for key, value in table.items():
            prompter.say(f"  {section}.{key} = {value!r}")
    if not go_on(prompter, f"Write these to {plan.config_path}?"):
        prompter.say("  Skipped: nothing was written.")
        return
    try:
        _, path, kept = world.save_config(out.updates)
    except ConfigError as exc:
        prompter.say(f"  Not saved: {exc}.")
        out.failed.append("the settings could not be saved")
        return
    except OSError as exc:
        prompter.say(f"  Not saved: {plan.config_path} cannot be written ({exc.strerror or exc}).")
        out.failed.append("the settings could not be saved")
        return
    if kept is not None:
        prompter.say(
            f"  Your old config file did not load, so it was kept as {kept} and a new "
            "one was started."
        )
    prompter.say(f"  Saved to {path}, owner-only; it loads without errors.")
