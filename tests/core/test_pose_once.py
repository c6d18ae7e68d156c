"""What a pose works out once (its plain-float rows, the face axis, the reference points) is
what working it out again would give, and a caller's change to a result reaches nobody else."""

from __future__ import annotations

import numpy as np

from posture.core.baseline import frame_values, reference_points
from posture.core.head_pose import head_pitch_deg, head_roll_signed_deg, head_yaw_deg
from posture.core.landmarks import Pose
from tests.support.poses import rotated, upright_pose


def _fresh(pose: Pose) -> Pose:
    return Pose(pose.image.copy(), pose.world.copy(), pose.width_px, pose.height_px)


def test_values_worked_out_once_equal_values_worked_out_fresh() -> None:
    for pose in (upright_pose(), rotated(upright_pose(), 12.0)):
        first = frame_values(pose, 0.5)
        again = frame_values(pose, 0.5)  # from the pose's own memo
        fresh = frame_values(_fresh(pose), 0.5)
        assert first == again == fresh
        assert pose.rows == pose.image.tolist()
        # Another visibility floor is worked out on its own, not read from the first.
        strict = frame_values(pose, 0.999)
        assert strict == frame_values(_fresh(pose), 0.999)


def test_the_head_angles_share_one_face_axis_and_agree_with_a_fresh_pose() -> None:
    pose = rotated(upright_pose(), -8.0)
    angles = (head_roll_signed_deg(pose), head_yaw_deg(pose), head_pitch_deg(pose))
    fresh = _fresh(pose)
    assert angles == (head_roll_signed_deg(fresh), head_yaw_deg(fresh), head_pitch_deg(fresh))
    assert angles[0] is not None and abs(angles[0]) > 1.0  # the rotation is really seen


def test_a_changed_result_does_not_change_the_next_one() -> None:
    pose = upright_pose()
    points = reference_points(pose, 0.5)
    expected = dict(points)
    points["shoulder_x"] = -1.0
    points.clear()
    assert reference_points(pose, 0.5) == expected
    values = frame_values(pose, 0.5)
    values["shoulder_x"] = np.nan
    assert frame_values(pose, 0.5)["shoulder_x"] == expected["shoulder_x"]
