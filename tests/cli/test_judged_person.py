"""Only the calibrated person is judged, end to end: `analyze` as a real process, real model.

Calibrated on one of the three people of `portraits/three_people.jpg` seen alone, the full
picture judges that person, and each of the two others, alone in view, gets no verdict.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.people import BOXES, NOSES, three_people, write_alone

pytestmark = pytest.mark.e2e  # real processes and the real model: the slow suite


def _records(result_stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in result_stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("model", ["lite", "full"])
@pytest.mark.parametrize("user", sorted(BOXES))
def test_the_calibrated_one_of_three_is_judged_and_the_others_never(
    shared_data: Path, tmp_path: Path, user: str, model: str
) -> None:
    pictures = {name: write_alone(shared_data, tmp_path, name) for name in BOXES}
    others = [name for name in sorted(BOXES) if name != user]
    result = run_cli(
        "analyze",
        str(three_people(shared_data)),
        *(str(pictures[name]) for name in others),
        "--json",
        "--model",
        model,
        "--data-dir",
        str(tmp_path / "data"),
        "--calibrate-with",
        str(pictures[user]),
    )
    assert result.returncode == 0, result.stderr
    crowd, *alone = _records(result.stdout)
    # The full picture: three people found, the calibrated one judged.
    assert crowd["people"] == 3 and crowd["judged"] is True
    landmarks = crowd["landmarks"]
    assert isinstance(landmarks, list)
    nose_x, nose_y = landmarks[0][:2]
    width = abs(landmarks[11][0] - landmarks[12][0])
    expected = NOSES[user]
    assert math.dist((nose_x, nose_y), expected) < 0.25 * width, (user, nose_x, nose_y)
    # Each other person alone in view is not the user: no verdict, no issue.
    for name, record in zip(others, alone, strict=True):
        assert record["people"] >= 1, name
        assert record["judged"] is False and record["issues"] == [], name
        assert record["not_judged"] == "not_the_calibrated_person", name
        assert record["landmarks"] is None, name
