"""Setup step 7: write the choices into the config file, and load it back to prove it valid."""

from __future__ import annotations

from posture.config.schema import ConfigError
from posture.ports import Prompter, SetupWorld
from posture.setup.plan import Outcome, SetupPlan, go_on, header


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
