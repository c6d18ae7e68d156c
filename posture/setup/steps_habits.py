"""Setup step 6: the sitting limit, quiet hours and starting Posture at login."""

from __future__ import annotations

from posture.errors import UserError
from posture.ports import Prompter, SetupWorld
from posture.setup import answers
from posture.setup.plan import Outcome, SetupPlan, header
from posture.setup.prompter import ask


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
