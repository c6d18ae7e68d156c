"""One or two concrete tips for the day, chosen from what the day's figures show. Pure.

The advice rests on the project's reference article about sore backs and legs (screen at eye
level, keyboard and mouse close, feet flat, support for the lower back, short walks and gentle
movement, drinking enough water), written in our own words. The tips coach habits; they are
not treatment.
"""

from __future__ import annotations

from posture.core.durations import format_duration
from posture.report.day import DayReport

# Sitting longer than this in one go earns the movement tip instead of the water tip.
LONG_SITTING_S = 60 * 60.0

ISSUE_TIPS: dict[str, str] = {
    "slouch": (
        "Slouching took up most of your off-posture time. Give your lower back something to "
        "rest against: a small cushion or a rolled towel at belt height lets the chair hold "
        "the natural curve of your spine, so sitting tall stops being an effort. A few slow "
        "pelvic tilts between tasks help too."
    ),
    "forward_head": (
        "Your head drifted ahead of your shoulders more than anything else. Set the screen "
        "about an arm's length away with its top edge at eye height, so your eyes reach it "
        "without your neck following. A handful of chin tucks resets the position."
    ),
    "head_down": (
        "You spent the most time looking down. Raise the screen until its top line is level "
        "with your eyes: a stand or a stack of books under a laptop, with a separate keyboard "
        "and mouse, takes the load off the back of your neck."
    ),
    "head_up": (
        "You often tipped your chin up toward the screen. Lower it so you look straight ahead "
        "or a little down at the text; the top edge should sit no higher than your eyes."
    ),
    "head_tilt": (
        "Your head often tilted to one side. Put the screen straight in front of your nose "
        "rather than off to one side, and keep papers you read from beside it at the same height."
    ),
    "shoulder_tilt": (
        "One shoulder often sat higher than the other. Pull the keyboard and mouse in close to "
        "your body so neither arm has to reach, let both forearms rest evenly, and roll your "
        "shoulders back and down a few times."
    ),
    "lean": (
        "You often leaned to one side. Adjust the chair so both feet stand flat on the floor, "
        "or on a footrest, and sit back in the middle of the seat with your weight on both hips."
    ),
    "too_close": (
        "You often sat very close to the screen. Sit back against the chair and make the text "
        "bigger instead of leaning in; the screen is best about an arm's length away."
    ),
}

MOVE_TIP = (
    "Your longest stretch in the chair was {sat}. Stand up at least once an hour: a two-minute "
    "walk, a few knee lifts or some gentle leg swings get the blood moving and ease stiffness "
    "in the back and legs."
)

WATER_TIP = (
    "Keep a glass of water within reach. Drinking through the day helps tired muscles recover, "
    "and every refill is a ready-made reason to get up and walk a few steps."
)


def tips_for(report: DayReport) -> tuple[str, ...]:
    """Up to two tips: one for the dominant issue, one about moving or drinking water."""
    if not report.has_data:
        return ()
    tips: list[str] = []
    issue = report.dominant_issue
    if issue is not None and issue in ISSUE_TIPS:
        tips.append(ISSUE_TIPS[issue])
    if report.longest_sitting_s >= LONG_SITTING_S:
        tips.append(MOVE_TIP.format(sat=format_duration(report.longest_sitting_s)))
    else:
        tips.append(WATER_TIP)
    return tuple(tips)
