"""Which of the people in a frame is the calibrated user: the one to judge, or nobody.

With several people in view, the one judged is the one nearest the calibrated position and
size; nobody near enough means nobody is judged, so a passer-by gets no verdict and raises
nothing (and when the first person found cannot be judged from this view, `unjudged_view`
says so). "Near enough" is what the setup-drift rule calls "not moved" (`monitor.drift_*`: by
default within 0.6 shoulder widths sideways, 0.5 up or down, and 65 % to 154 % of the
calibrated size): beyond that the pose is someone else, or the camera moved, which
`posture.core.setup_drift` notices on its own. Among the near ones, the nearest in units of
those limits wins.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from posture.config.schema import Monitor
from posture.core.baseline import Baseline, frame_values, reference_points
from posture.core.landmarks import Pose
from posture.core.setup_drift import Offset, is_far, offset
from posture.core.view import view_problem


def _distance(found: Offset, settings: Monitor) -> float:
    """How far an offset is, in units of the drift limits (1 = at the nearest limit)."""
    shrink = 1.0 - settings.drift_scale_ratio
    size = abs(math.log(found.scale)) / abs(math.log(shrink))
    return max(
        size,
        abs(found.dx_sw) / settings.drift_shift_x_sw,
        abs(found.dy_sw) / settings.drift_shift_y_sw,
    )


def calibrated_person(
    poses: Sequence[Pose], baseline: Baseline, settings: Monitor, min_visibility: float
) -> Pose | None:
    """The pose nearest the calibrated position and size, or None when nobody is near enough.

    Without a calibrated position (population defaults, or a profile without shoulders) the
    first pose is the user, as before: the pose model lists the largest person first.
    """
    if not poses:
        return None
    if baseline.population or baseline.get("shoulder_w") is None:
        return poses[0]
    best: tuple[float, Pose] | None = None
    for pose in poses:
        found = offset(reference_points(pose, min_visibility), baseline)
        if found is None or found.scale <= 0 or is_far(found, settings):
            continue
        distance = _distance(found, settings)
        if best is None or distance < best[0]:
            best = (distance, pose)
    return None if best is None else best[1]


def unjudged_view(poses: Sequence[Pose], min_visibility: float) -> str | None:
    """When nobody near the calibration was found: the view problem of the first (largest)
    person, else None.

    A side view or a recline also moves the shoulders' width and place far from the
    calibrated ones, so the user seen that way is not "near": they are told "cannot judge from
    this view" (a reason they can act on) rather than being taken for a passer-by.
    """
    return view_problem(frame_values(poses[0], min_visibility)) if poses else None
