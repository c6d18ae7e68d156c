"""What to fix before calibrating: shoulders out of the picture, or too little light. Pure.

Posture judges the head against the shoulders, so both shoulders must be in view, seen with at
least the model's visibility floor (`thresholds.min_visibility`, 0.5). Light is judged by the
frame's mean brightness (0 black to 255 white, luma weights): below `DIM_MEAN` a webcam's
automatic gain adds so much noise that landmarks jitter. The project's darkest real frames (an
office at dusk, ../shared/data/slouching-or-not) average 55 and still work well; a closed
privacy shutter averages under 16 (`posture.core.frame.BLANK_MEAN_MAX`).
"""

from __future__ import annotations

import numpy as np

from posture.core.frame import Image
from posture.core.landmarks import LM, Pose

DIM_MEAN = 40.0
VISIBILITY_FLOOR = 0.5
# Luma weights for B, G, R (ITU-R BT.601), the order OpenCV keeps colours in.
_LUMA_BGR = np.array([0.114, 0.587, 0.299])


def brightness(image: Image) -> float:
    """Mean brightness, 0 to 255, measured on a small copy (a few hundred pixels suffice)."""
    small = image[:: max(1, image.shape[0] // 64), :: max(1, image.shape[1] // 64)]
    if small.ndim == 2:
        return float(small.mean())
    return float((small[..., :3].reshape(-1, 3).astype(float) @ _LUMA_BGR).mean())


def framing_advice(
    pose: Pose | None, image: Image, min_visibility: float = VISIBILITY_FLOOR
) -> list[str]:
    """What the user should fix, one sentence each; empty when framing and light are fine."""
    advice: list[str] = []
    if pose is None:
        advice.append(
            "Nobody was found in the picture: sit in front of the camera, or turn it "
            "towards where you sit."
        )
    elif (
        min(pose.visibility(LM.LEFT_SHOULDER), pose.visibility(LM.RIGHT_SHOULDER)) < min_visibility
    ):
        advice.append(
            "Your shoulders are not in view: move back a little or tilt the camera "
            "down until both shoulders are in the picture."
        )
    level = brightness(image)
    if level < DIM_MEAN:
        advice.append(
            f"The picture is too dim (brightness {level:.0f} of 255; at least "
            f"{DIM_MEAN:.0f} works well): turn on a light in front of you, not "
            "behind you."
        )
    return advice
