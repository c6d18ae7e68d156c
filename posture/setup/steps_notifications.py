"""Setup step 5: a test notification, and another way when it did not appear.

`TEST_TITLE` and `TEST_MESSAGE` are what the real world shows for the test.
"""

from __future__ import annotations

from posture.ports import Prompter, SetupWorld
from posture.setup import answers
from posture.setup.plan import Outcome, SetupPlan, go_on, header
from posture.setup.prompter import ask

NOTIFIER_FALLBACKS = ("native", "log")
TEST_TITLE = "Posture is set up"
TEST_MESSAGE = (
    "This is the test notification from `python run.py setup`. If you can read it, "
    "posture reminders will reach you here."
)


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
