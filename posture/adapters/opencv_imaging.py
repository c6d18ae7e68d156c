"""Drawing what the model saw: the skeleton over the frame, for `--annotate` and previews."""

from __future__ import annotations

from pathlib import Path

import cv2

from posture.adapters.private_files import write_owner_only
from posture.core.frame import Image
from posture.core.landmarks import SKELETON, Pose

VISIBLE = 0.5
LINE_BGR = (80, 220, 80)
POINT_BGR = (40, 120, 255)


def draw_pose(image: Image, pose: Pose, caption: str = "") -> Image:
    """A copy of `image` with the pose's visible joints and bones drawn, and an optional caption."""
    out = image.copy()
    scale = max(1, round(max(out.shape[:2]) / 400))
    for a, b in SKELETON:
        if pose.visibility(a) >= VISIBLE and pose.visibility(b) >= VISIBLE:
            pa = tuple(round(v) for v in pose.xy(a))
            pb = tuple(round(v) for v in pose.xy(b))
            cv2.line(out, pa, pb, LINE_BGR, 2 * scale, cv2.LINE_AA)
    for row in pose.image:
        if row[3] >= VISIBLE:
            cv2.circle(out, (round(row[0]), round(row[1])), 3 * scale, POINT_BGR, -1)
    return draw_caption(out, caption) if caption else out


def draw_caption(image: Image, caption: str) -> Image:
    """`image` with `caption` written at its top left, outlined so it reads on any background."""
    scale = max(1, round(max(image.shape[:2]) / 400))
    for colour, width in (((0, 0, 0), 4 * scale), ((255, 255, 255), 2 * scale)):
        cv2.putText(
            image,
            caption,
            (8, 24 * scale),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.6 * scale,
            colour,
            width,
            cv2.LINE_AA,
        )
    return image


def save_image(path: Path, image: Image, *, replace_link: bool = False) -> None:
    """Write a picture of the user owner-only (0600), making its folder (0700) if need be.

    The picture is encoded in memory, in the format the file's suffix names, and written by
    `private_files.write_owner_only`, never by OpenCV (whose `imwrite` takes the umask's mode
    and follows links). `replace_link` for a name Posture chooses itself (the setup snapshot).
    Raises OSError (RefusedPath for a path Posture will not write) with the reason.
    """
    try:
        ok, encoded = cv2.imencode(path.suffix or ".png", image)
    except cv2.error as exc:
        raise OSError(f"cannot save a picture as '{path.suffix}' ({path.name})") from exc
    if not ok:
        raise OSError(f"could not encode the picture for {path}")
    write_owner_only(path, encoded.tobytes(), replace_link=replace_link)
