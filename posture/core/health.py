"""What the assistant is not, and the warning signs that belong with a doctor rather than a coach.

Meant for the first start and the help texts, never for a nudge, which must stay short. The
signs come from the project's reference article on back and leg pain, put in our own words.
"""

from __future__ import annotations

WARNING_SIGNS: tuple[str, ...] = (
    "numbness, tingling or pins and needles in a leg or foot",
    "legs that feel weak, give way, or make walking hard",
    "trouble controlling your bladder or bowels",
    "pain that is severe, keeps getting worse, or does not ease with rest",
    "pain that started after a fall, accident or other injury",
    "a leg that turns cold or pale",
)

HEALTH_NOTE: str = (
    "This assistant helps with sitting habits. It is not a medical device, and it cannot find "
    "or treat the cause of any pain.\n"
    "Get medical help the same day if back or leg pain comes with any of these:\n"
    + "".join(f"- {sign}\n" for sign in WARNING_SIGNS)
    + "Stop any exercise that causes sharp pain."
)
