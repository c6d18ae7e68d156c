"""`profiles [list|use NAME|delete NAME]`: the calibration profiles, one per desk setup.

`list` (the default) shows each profile, the active one marked; `use` makes another the one
`run` and `start` judge against; `delete` removes one (the history keeps its name). Names go
by the one rule of `posture.core.profile_names`; an unknown name is answered with the ones
that exist.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from posture.cli.common import checked_profile, data_dir, unknown_profile
from posture.errors import UserError

HELP = "list, switch or delete calibration profiles"
DESCRIPTION = (
    "List the calibration profiles (the active one marked with *), make another the active "
    "one (`use NAME`), or delete one (`delete NAME`)."
)
ACTIONS = ("list", "use", "delete")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The action (list, use or delete) and, for use and delete, the profile's name."""
    parser.add_argument(
        "action", nargs="?", default="list", choices=ACTIONS, help="(default: list)"
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="the profile to use or delete")


def run(args: argparse.Namespace) -> int:
    """List, switch or delete; exit 2 for an unknown or badly formed name."""
    from posture.adapters.local_zone import user_zone
    from posture.adapters.sqlite.store import SqliteStore
    from posture.core.folder_layout import DataFolder

    action: str = args.action
    name = checked_profile(args.name)
    if action != "list" and name is None:
        raise UserError(
            f"`profiles {action}` needs the profile's name, e.g. `profiles {action} desk`"
        )
    with SqliteStore.open(DataFolder(data_dir(args)).history) as store:
        profiles = store.list_profiles()
        known = [profile.name for profile in profiles]
        if action == "list":
            if not profiles:
                print("No calibration profiles yet; `python run.py calibrate` makes one.")
            zone = user_zone(None)
            for profile in profiles:
                when = datetime.fromtimestamp(profile.updated_s, zone).strftime("%Y-%m-%d %H:%M")
                mark = "*" if profile.active else " "
                print(f"{mark} {profile.name}  (calibrated {when})")
            return 0
        assert name is not None
        if name not in known:
            raise unknown_profile(name, known)
        if action == "use":
            store.activate_profile(name)
            print(f"Profile '{name}' is now active; a running monitor uses it after a restart.")
        else:
            store.delete_profile(name)
            was_active = next(p.active for p in profiles if p.name == name)
            rest = " No profile is active now." if was_active else ""
            print(f"Deleted profile '{name}'.{rest}")
    return 0
