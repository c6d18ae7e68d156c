"""The one rule for a calibration profile's name, for every command and the setup questions.

Letters (any script), digits, "-" and "_", at most PROFILE_NAME_MAX characters: no spaces, no
control or escape characters, nothing a shell or a terminal would read as something else.
"""

from __future__ import annotations

from posture.errors import shown

PROFILE_NAME_MAX = 40
RULE = f"use letters, digits, - and _ only, at most {PROFILE_NAME_MAX} characters"


def check_profile_name(text: str) -> str:
    """The profile name `text` (without surrounding spaces), or ValueError in one sentence."""
    name = text.strip()
    if not name:
        raise ValueError(f"a profile needs a name, such as desk or laptop ({RULE})")
    if len(name) > PROFILE_NAME_MAX or not all(c.isalnum() or c in "-_" for c in name):
        raise ValueError(f"'{shown(name)}' cannot be a profile name: {RULE}")
    return name
