"""The exercise library file: it loads, covers every purpose, and reports mistakes by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from posture.config.schema import ConfigError
from posture.core.exercises import (
    ExerciseLibrary,
    default_library_path,
    load_exercises,
    parse_exercises,
    required_tags,
)
from posture.core.vocabulary import ISSUE_NAMES
from tests.support.cli import REPO

LIBRARY_TEXT = (REPO / "posture" / "config" / "exercises.toml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def library() -> ExerciseLibrary:
    return load_exercises()


def test_the_checkout_copy_is_the_default() -> None:
    assert default_library_path() == REPO / "posture" / "config" / "exercises.toml"


@pytest.mark.parametrize("tag", required_tags())
def test_every_purpose_is_served(library: ExerciseLibrary, tag: str) -> None:
    assert library.serving(tag)


@pytest.mark.parametrize("issue", ISSUE_NAMES)
def test_every_issue_has_a_choice_so_rotation_means_something(
    library: ExerciseLibrary, issue: str
) -> None:
    assert len(library.serving(issue)) >= 2


@pytest.mark.parametrize(
    ("exercise", "purpose"),
    [
        ("chin_tucks", "forward_head"),
        ("shoulder_rolls", "shoulder_tilt"),
        ("shoulder_rolls", "slouch"),
        ("shoulder_blade_squeeze", "shoulder_tilt"),
        ("shoulder_blade_squeeze", "slouch"),
        ("stand_up_walk", "sitting"),
        ("leg_swings_twists", "sitting"),
        ("pelvic_tilts", "break"),
        ("cat_cow", "break"),
        ("raise_screen", "head_down"),
        ("raise_screen", "persistent:head_down"),
        ("raise_screen", "persistent:forward_head"),
        ("lower_screen", "head_up"),
        ("chin_tucks", "head_up"),
        ("neck_side_stretch", "head_tilt"),
        ("level_head", "head_tilt"),
        ("sit_back_evenly", "lean"),
        ("arms_length", "too_close"),
    ],
)
def test_product_matching(library: ExerciseLibrary, exercise: str, purpose: str) -> None:
    assert purpose in library.by_name(exercise).serves


def test_the_steps_read_as_plain_sentences(library: ExerciseLibrary) -> None:
    for exercise in library.exercises:
        assert exercise.steps and exercise.duration_s > 0
        for step in exercise.steps:
            assert step[0].isupper() and step.endswith((".", "!", "?")), (exercise.name, step)


GOOD = """
[extra]
title = "Café pause"
serves = ["break"]
duration_s = 60
steps = ["Don't rush: walk to the café and back."]
"""


def test_apostrophes_and_accents_are_welcome() -> None:
    library = parse_exercises(LIBRARY_TEXT + GOOD)
    assert library.by_name("extra").title == "Café pause"
    assert library.exercises[-1].name == "extra"


def _entry(**fields: str) -> str:
    base = {
        "title": '"Neck roll"',
        "serves": '["head_tilt"]',
        "duration_s": "30",
        "steps": '["Roll your head slowly."]',
    }
    base.update(fields)
    lines = [f"{key} = {value}" for key, value in base.items() if value != "OMIT"]
    return "\n[neck_roll]\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        (_entry(title='""'), ["neck_roll", "title"]),
        (_entry(title='"A title that goes on and on and on"'), ["neck_roll", "title", "24"]),
        (_entry(title='"<b>Neck</b>"'), ["neck_roll", "title", "plain text"]),
        (_entry(steps='["Roll *slowly*."]'), ["neck_roll", "steps', item 1", "plain text"]),
        (_entry(steps='["Fine.", "See [this](http://x)."]'), ["neck_roll", "steps', item 2"]),
        (_entry(steps='["Roll &amp; relax."]'), ["neck_roll", "steps', item 1"]),
        (
            _entry(steps='["Roll your head slowly"]'),
            ["neck_roll", "steps', item 1", "end a sentence"],
        ),
        (_entry(steps="[]"), ["neck_roll", "steps"]),
        (_entry(steps='"Roll."'), ["neck_roll", "steps"]),
        (_entry(steps='["' + "a" * 95 + '."]'), ["neck_roll", "steps', item 1", "90"]),
        (_entry(duration_s="0"), ["neck_roll", "duration_s"]),
        (_entry(duration_s='"30"'), ["neck_roll", "duration_s"]),
        (_entry(duration_s="true"), ["neck_roll", "duration_s"]),
        (_entry(serves="[]"), ["neck_roll", "serves"]),
        (_entry(serves='["neck"]'), ["neck_roll", "serves", "'neck'"]),
        (_entry(serves='["persistent:neck"]'), ["neck_roll", "serves"]),
        (_entry(steps="OMIT"), ["neck_roll", "steps", "missing"]),
        (_entry(colour='"red"'), ["neck_roll", "colour"]),
        ('\n[Neck-Roll]\ntitle = "x"\n', ["Neck-Roll", "name"]),
    ],
)
def test_mistakes_name_the_entry_and_field(entry: str, words: list[str]) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_exercises(LIBRARY_TEXT + entry, "exercises.toml")
    message = str(caught.value)
    assert message.startswith("exercises.toml: ")
    for word in words:
        assert word in message


def test_a_value_outside_any_table_is_refused() -> None:
    with pytest.raises(ConfigError, match="exercise 'stray' must be a table"):
        parse_exercises("stray = 1\n" + LIBRARY_TEXT)


def test_a_library_missing_a_purpose_is_refused() -> None:
    with pytest.raises(ConfigError, match="no exercise serves 'slouch'"):
        parse_exercises(_entry())


def test_broken_toml_names_the_line() -> None:
    with pytest.raises(ConfigError, match="line"):
        parse_exercises(LIBRARY_TEXT + "\n[oops\n")


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        load_exercises(tmp_path / "nowhere.toml")
