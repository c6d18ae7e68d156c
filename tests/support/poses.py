"""Synthetic `Pose` values for tests: a neutral upright person seen by a front webcam, and the
image transforms (scale, shift, mirror, rotate) that metrics must survive.

The canonical person lives in a 640 x 480 frame, not mirrored: the person's left side appears on
the image's right, and world x follows image x (left shoulder at positive world x). Upright
means the ears sit straight above the shoulders and the shoulders straight above the hips in
world coordinates, shoulders and eyes are level, and the body is centred in the frame.

Canonical pixel geometry (640 x 480, image diagonal 800 px): shoulders 180 px apart at y=300,
ears 90 px apart at y=195, nose at (320, 200), outer eye corners 56 px apart at y=185, hips 120 px
apart at y=470. World: shoulders at y=-0.50 m, ears at y=-0.72 m, all three midpoints at z=0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from posture.core.landmarks import LANDMARK_COUNT, LM, FloatArray, Pose

CANONICAL_WIDTH_PX = 640
CANONICAL_HEIGHT_PX = 480

# Landmarks on the midline: (x_px, y_px, z_px, visibility), (x_m, y_m, z_m).
_MIDLINE: dict[LM, tuple[tuple[float, float, float, float], tuple[float, float, float]]] = {
    LM.NOSE: ((320.0, 200.0, -160.0, 0.99), (0.0, -0.70, -0.10)),
}

# The person's left side; the right side is its mirror image about x = 320 px / x = 0 m.
_LEFT_SIDE: dict[LM, tuple[tuple[float, float, float, float], tuple[float, float, float]]] = {
    LM.LEFT_EYE_INNER: ((332.0, 185.0, -150.0, 0.99), (0.015, -0.735, -0.085)),
    LM.LEFT_EYE: ((340.0, 184.0, -150.0, 0.99), (0.030, -0.735, -0.085)),
    LM.LEFT_EYE_OUTER: ((348.0, 185.0, -145.0, 0.99), (0.045, -0.735, -0.080)),
    LM.LEFT_EAR: ((365.0, 195.0, -100.0, 0.99), (0.075, -0.720, 0.0)),
    LM.MOUTH_LEFT: ((335.0, 225.0, -145.0, 0.99), (0.025, -0.660, -0.080)),
    LM.LEFT_SHOULDER: ((410.0, 300.0, -60.0, 0.99), (0.18, -0.50, 0.0)),
    LM.LEFT_ELBOW: ((440.0, 420.0, -40.0, 0.95), (0.22, -0.25, -0.05)),
    LM.LEFT_WRIST: ((400.0, 470.0, -120.0, 0.80), (0.15, -0.10, -0.25)),
    LM.LEFT_PINKY: ((395.0, 478.0, -125.0, 0.70), (0.14, -0.08, -0.27)),
    LM.LEFT_INDEX: ((390.0, 476.0, -130.0, 0.70), (0.13, -0.08, -0.28)),
    LM.LEFT_THUMB: ((388.0, 468.0, -128.0, 0.70), (0.13, -0.09, -0.27)),
    LM.LEFT_HIP: ((380.0, 470.0, 0.0, 0.80), (0.10, 0.0, 0.0)),
    LM.LEFT_KNEE: ((385.0, 620.0, -150.0, 0.05), (0.11, 0.05, -0.45)),
    LM.LEFT_ANKLE: ((385.0, 780.0, -100.0, 0.02), (0.11, 0.45, -0.45)),
    LM.LEFT_HEEL: ((385.0, 800.0, -90.0, 0.02), (0.11, 0.48, -0.42)),
    LM.LEFT_FOOT_INDEX: ((385.0, 810.0, -130.0, 0.02), (0.11, 0.50, -0.55)),
}


def opposite(lm: LM) -> LM:
    """The same landmark on the other side of the body (midline landmarks map to themselves)."""
    for this, that in (("LEFT_", "RIGHT_"), ("RIGHT_", "LEFT_")):
        if lm.name.startswith(this):
            return LM[that + lm.name.removeprefix(this)]
        if lm.name.endswith("_" + this.rstrip("_")):  # MOUTH_LEFT, MOUTH_RIGHT
            return LM[lm.name.removesuffix(this.rstrip("_")) + that.rstrip("_")]
    return lm


def _canonical_arrays() -> tuple[FloatArray, FloatArray]:
    image = np.zeros((LANDMARK_COUNT, 4))
    world = np.zeros((LANDMARK_COUNT, 3))
    for lm, (px, m) in _MIDLINE.items():
        image[lm], world[lm] = px, m
    for lm, ((x_px, y_px, z_px, vis), (x_m, y_m, z_m)) in _LEFT_SIDE.items():
        image[lm], world[lm] = (x_px, y_px, z_px, vis), (x_m, y_m, z_m)
        right = opposite(lm)
        image[right] = (CANONICAL_WIDTH_PX - x_px, y_px, z_px, vis)
        world[right] = (-x_m, y_m, z_m)
    return image, world


def upright_pose(width: int = 640, height: int = 480, **overrides: Sequence[float]) -> Pose:
    """A neutral upright person, scaled to fit and centred in a `width` x `height` frame.

    Overrides are applied after the fitting, in the final frame's pixels. A key is a landmark
    name in lower case with (x_px, y_px) or (x_px, y_px, z_px, visibility); prefixed with
    `world_` it sets that landmark's world (x_m, y_m, z_m). Example:
    `upright_pose(nose=(320, 236), world_left_ear=(0.075, -0.72, -0.05))`.
    """
    image, world = _canonical_arrays()
    fit = min(width / CANONICAL_WIDTH_PX, height / CANONICAL_HEIGHT_PX)
    image[:, 0] = width / 2 + (image[:, 0] - CANONICAL_WIDTH_PX / 2) * fit
    image[:, 1] = height / 2 + (image[:, 1] - CANONICAL_HEIGHT_PX / 2) * fit
    image[:, 2] *= fit
    for key, value in overrides.items():
        if key.startswith("world_"):
            world[LM[key.removeprefix("world_").upper()]] = value
        else:
            image[LM[key.upper()], : len(value)] = value
    return Pose(image=image, world=world, width_px=width, height_px=height)


def scaled(pose: Pose, s: float) -> Pose:
    """The same frame resized by `s`: pixel x, y, z and the frame size all multiplied by `s`."""
    width, height = pose.width_px * s, pose.height_px * s
    if width != round(width) or height != round(height):
        raise ValueError(f"scale {s} gives a fractional frame size {width} x {height}")
    image = pose.image.copy()
    image[:, :3] *= s
    return Pose(
        image=image, world=pose.world.copy(), width_px=round(width), height_px=round(height)
    )


def shifted(pose: Pose, dx_px: float, dy_px: float) -> Pose:
    """The content moved by (dx, dy) inside the same frame."""
    image = pose.image.copy()
    image[:, 0] += dx_px
    image[:, 1] += dy_px
    return Pose(image, pose.world.copy(), pose.width_px, pose.height_px)


def mirrored(pose: Pose, swap_labels: bool) -> Pose:
    """The frame flipped left-right (x -> width - x, world x -> -x).

    With `swap_labels` the anatomical left/right labels are swapped too, as when a mirrored
    selfie image is fed to the model, which then names the sides by where they appear.
    """
    image = pose.image.copy()
    world = pose.world.copy()
    image[:, 0] = pose.width_px - image[:, 0]
    world[:, 0] = -world[:, 0]
    if swap_labels:
        order = [opposite(lm) for lm in LM]
        image, world = image[order], world[order]
    return Pose(image, world, pose.width_px, pose.height_px)


def rotated(pose: Pose, deg: float) -> Pose:
    """The camera rolled: the image rotated by `deg` anticlockwise on screen about its centre.

    World x, y are rotated the same way about the camera axis; depth is unchanged.
    """
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    image = pose.image.copy()
    world = pose.world.copy()
    cx, cy = pose.width_px / 2, pose.height_px / 2
    dx, dy = pose.image[:, 0] - cx, pose.image[:, 1] - cy
    # y grows downwards, so anticlockwise on screen is this sign pattern.
    image[:, 0] = cx + dx * c + dy * s
    image[:, 1] = cy - dx * s + dy * c
    wx, wy = pose.world[:, 0], pose.world[:, 1]
    world[:, 0] = wx * c + wy * s
    world[:, 1] = -wx * s + wy * c
    return Pose(image, world, pose.width_px, pose.height_px)


def with_visibility(pose: Pose, lm: LM, v: float) -> Pose:
    """The same pose with one landmark's visibility set to `v`."""
    image = pose.image.copy()
    image[lm, 3] = v
    return Pose(image, pose.world.copy(), pose.width_px, pose.height_px)


def moved(pose: Pose, lm: LM, dx_px: float = 0.0, dy_px: float = 0.0) -> Pose:
    """The same pose with one landmark moved in the image."""
    image = pose.image.copy()
    image[lm, :2] += (dx_px, dy_px)
    return Pose(image, pose.world.copy(), pose.width_px, pose.height_px)


def moved_world(
    pose: Pose, lm: LM, dx_m: float = 0.0, dy_m: float = 0.0, dz_m: float = 0.0
) -> Pose:
    """The same pose with one landmark moved in world coordinates."""
    world = pose.world.copy()
    world[lm] += (dx_m, dy_m, dz_m)
    return Pose(pose.image.copy(), world, pose.width_px, pose.height_px)


def perturbed(pose: Pose, offsets_px: FloatArray, offsets_m: FloatArray) -> Pose:
    """Every landmark jittered: (33, 2) pixel offsets to x, y and (33, 3) metre offsets."""
    image = pose.image.copy()
    image[:, :2] += offsets_px
    return Pose(image, pose.world + offsets_m, pose.width_px, pose.height_px)


FACE: tuple[LM, ...] = (
    LM.NOSE,
    LM.LEFT_EYE_INNER,
    LM.LEFT_EYE,
    LM.LEFT_EYE_OUTER,
    LM.RIGHT_EYE_INNER,
    LM.RIGHT_EYE,
    LM.RIGHT_EYE_OUTER,
    LM.LEFT_EAR,
    LM.RIGHT_EAR,
    LM.MOUTH_LEFT,
    LM.MOUTH_RIGHT,
)


def _ear_mid_px(pose: Pose) -> FloatArray:
    return (pose.image[LM.LEFT_EAR, :2] + pose.image[LM.RIGHT_EAR, :2]) / 2.0


def head_rolled(pose: Pose, deg: float) -> Pose:
    """The head alone tilted sideways by `deg` anticlockwise on screen, about the ear midpoint.

    Every face landmark turns in the image and in world x, y (the neck's own sideways bend);
    the body stays where it was.
    """
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    image, world = pose.image.copy(), pose.world.copy()
    centre_px = _ear_mid_px(pose)
    centre_m = (pose.world[LM.LEFT_EAR] + pose.world[LM.RIGHT_EAR]) / 2.0
    for lm in FACE:
        dx, dy = pose.image[lm, :2] - centre_px
        image[lm, 0] = centre_px[0] + dx * c + dy * s
        image[lm, 1] = centre_px[1] - dx * s + dy * c
        wx, wy = pose.world[lm, :2] - centre_m[:2]
        world[lm, 0] = centre_m[0] + wx * c + wy * s
        world[lm, 1] = centre_m[1] - wx * s + wy * c
    return Pose(image, world, pose.width_px, pose.height_px)


def head_turned(pose: Pose, yaw_deg: float) -> Pose:
    """The head alone turned by `yaw_deg` about the vertical axis through the ear midpoint.

    The turn is made in the world landmarks (metres), where the face has its real depth, and
    carried into the image by weak perspective: each face landmark moves sideways in the image by
    its sideways move in the world times the pose's own pixels per metre (ear to ear), and keeps
    its height (the camera looks level). Positive turns the nose towards the image's right.
    """
    c, s = math.cos(math.radians(yaw_deg)), math.sin(math.radians(yaw_deg))
    image, world = pose.image.copy(), pose.world.copy()
    centre_m = (pose.world[LM.LEFT_EAR] + pose.world[LM.RIGHT_EAR]) / 2.0
    ears_m = abs(float(pose.world[LM.LEFT_EAR, 0] - pose.world[LM.RIGHT_EAR, 0]))
    ears_px = abs(float(pose.image[LM.LEFT_EAR, 0] - pose.image[LM.RIGHT_EAR, 0]))
    px_per_m = ears_px / ears_m
    # Image x grows with world x for a front camera in this module's poses (see the docstring);
    # a real pose's sign is read off its own ears.
    sign = (
        1.0
        if (pose.image[LM.LEFT_EAR, 0] - pose.image[LM.RIGHT_EAR, 0])
        * (pose.world[LM.LEFT_EAR, 0] - pose.world[LM.RIGHT_EAR, 0])
        >= 0
        else -1.0
    )
    for lm in FACE:
        wx, wz = pose.world[lm, 0] - centre_m[0], pose.world[lm, 2] - centre_m[2]
        # Nose towards the image's right: the nose (negative z, nearer) moves to larger image x.
        new_x = wx * c - wz * s * sign
        new_z = wz * c + wx * s * sign
        world[lm, 0], world[lm, 2] = centre_m[0] + new_x, centre_m[2] + new_z
        image[lm, 0] += (new_x - wx) * px_per_m * sign
        image[lm, 2] += (new_z - wz) * px_per_m
    return Pose(image, world, pose.width_px, pose.height_px)


def head_nodded(pose: Pose, pitch_deg: float) -> Pose:
    """The head alone nodded by `pitch_deg` about the axis through the ears (negative: down).

    As `head_turned`, in the world landmarks and carried into the image by weak perspective:
    each face landmark moves up or down in the image by its move in the world times the pose's
    own pixels per metre (ear to ear).
    """
    c, s = math.cos(math.radians(pitch_deg)), math.sin(math.radians(pitch_deg))
    image, world = pose.image.copy(), pose.world.copy()
    centre_m = (pose.world[LM.LEFT_EAR] + pose.world[LM.RIGHT_EAR]) / 2.0
    ears_m = abs(float(pose.world[LM.LEFT_EAR, 0] - pose.world[LM.RIGHT_EAR, 0]))
    ears_px = abs(float(pose.image[LM.LEFT_EAR, 0] - pose.image[LM.RIGHT_EAR, 0]))
    px_per_m = ears_px / ears_m
    for lm in FACE:
        wy, wz = pose.world[lm, 1] - centre_m[1], pose.world[lm, 2] - centre_m[2]
        # World y grows downwards and z towards the camera is negative: a nod down (negative
        # pitch) brings the nose (negative z) lower.
        new_y = wy * c + wz * s
        new_z = wz * c - wy * s
        world[lm, 1], world[lm, 2] = centre_m[1] + new_y, centre_m[2] + new_z
        image[lm, 1] += (new_y - wy) * px_per_m
        image[lm, 2] += (new_z - wz) * px_per_m
    return Pose(image, world, pose.width_px, pose.height_px)
