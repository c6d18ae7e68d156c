"""The exercise library: short, named exercises and desk fixes, each tagged with what it serves.

The library is the human-editable file `posture/config/exercises.toml` (its header documents the
format). A mistake in it raises `ConfigError` naming the exercise and the field. The loader also
insists that every posture issue, long sitting and breaks have at least one exercise, so the
coach can always find one.

Limits on lengths keep every notification short: a title fits in a notification heading, and
any single step fits beside the longest sentence the coach writes around it.
"""

from __future__ import annotations

import importlib.resources
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from posture.config.schema import ConfigError
from posture.core.vocabulary import ISSUE_NAMES

SITTING = "sitting"
BREAK = "break"
PERSISTENT = "persistent:"

TITLE_MAX_CHARS = 24
STEP_MAX_CHARS = 90
STEPS_MAX = 6
DURATION_RANGE_S = (5.0, 900.0)
FILE_NAME = "exercises.toml"

_NAME = re.compile(r"[a-z][a-z0-9_]*")
# Notifications are plain text everywhere; characters that some desktops read as markup are out.
_MARKUP = re.compile(r"[<>&*_`\[\]\\]|[\x00-\x1f\x7f]")
_FIELDS = ("title", "steps", "duration_s", "serves")


def serve_tags() -> tuple[str, ...]:
    """Every tag an exercise may serve: issue names, persistent issues, sitting and break."""
    return ISSUE_NAMES + tuple(PERSISTENT + name for name in ISSUE_NAMES) + (SITTING, BREAK)


def required_tags() -> tuple[str, ...]:
    """The tags the library must serve for the coach to always have something to offer."""
    return (*ISSUE_NAMES, SITTING, BREAK)


@dataclass(frozen=True)
class Exercise:
    """One exercise or desk fix."""

    name: str
    title: str
    steps: tuple[str, ...]
    duration_s: float
    serves: tuple[str, ...]


@dataclass(frozen=True)
class ExerciseLibrary:
    """The exercises in file order; the order decides whose turn it is."""

    exercises: tuple[Exercise, ...]

    def serving(self, tag: str) -> tuple[Exercise, ...]:
        """The exercises that serve `tag`, in file order."""
        return tuple(ex for ex in self.exercises if tag in ex.serves)

    def by_name(self, name: str) -> Exercise:
        """The exercise called `name`; KeyError when there is none."""
        for ex in self.exercises:
            if ex.name == name:
                return ex
        raise KeyError(name)


def default_library_path() -> Path:
    """`exercises.toml`, shipped beside the config schema as package data."""
    return Path(str(importlib.resources.files("posture.config") / FILE_NAME))


def load_exercises(path: Path | None = None) -> ExerciseLibrary:
    """The library in the file at `path`, or the bundled one; ConfigError on any mistake."""
    path = path if path is not None else default_library_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: the exercise library cannot be read ({exc})") from exc
    return parse_exercises(text, str(path))


def parse_exercises(text: str, origin: str = FILE_NAME) -> ExerciseLibrary:
    """The library in TOML `text`; any mistake raises ConfigError naming the entry and field."""
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: {exc}") from exc
    try:
        library = ExerciseLibrary(tuple(_exercise(name, entry) for name, entry in table.items()))
        _check_coverage(library)
    except ConfigError as exc:
        raise ConfigError(f"{origin}: {exc}") from exc
    return library


def _exercise(name: str, entry: Any) -> Exercise:
    where = f"exercise '{name}'"
    if not _NAME.fullmatch(name):
        raise ConfigError(f"{where}: the name must be lowercase letters, digits and '_'")
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a table ([{name}])")
    unknown = sorted(set(entry) - set(_FIELDS))
    if unknown:
        raise ConfigError(
            f"{where}: unknown field '{unknown[0]}'; the fields are: {', '.join(_FIELDS)}"
        )
    missing = [key for key in _FIELDS if key not in entry]
    if missing:
        raise ConfigError(f"{where}: '{missing[0]}' is missing")
    return Exercise(
        name=name,
        title=_text(entry["title"], f"{where}: 'title'", TITLE_MAX_CHARS),
        steps=_steps(entry["steps"], f"{where}: 'steps'"),
        duration_s=_duration(entry["duration_s"], f"{where}: 'duration_s'"),
        serves=_serves(entry["serves"], f"{where}: 'serves'"),
    )


def _text(value: Any, where: str, max_chars: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where} must be text in quotes, not {value!r}")
    if len(value) > max_chars:
        raise ConfigError(f"{where} has {len(value)} characters; at most {max_chars} fit")
    bad = _MARKUP.search(value)
    if bad:
        raise ConfigError(f"{where} contains {bad.group()!r}; notifications take plain text only")
    return value


def _steps(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= STEPS_MAX:
        raise ConfigError(f"{where} must be a list of 1 to {STEPS_MAX} sentences")
    steps = tuple(
        _text(step, f"{where}, item {i},", STEP_MAX_CHARS) for i, step in enumerate(value, start=1)
    )
    for i, step in enumerate(steps, start=1):
        if not step.rstrip().endswith((".", "!", "?")):
            raise ConfigError(f"{where}, item {i}, must end a sentence with '.', '!' or '?'")
    return steps


def _duration(value: Any, where: str) -> float:
    low, high = DURATION_RANGE_S
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ConfigError(f"{where} must be a number of seconds from {low:g} to {high:g}")
    return float(value)


def _serves(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConfigError(f'{where} must be a list of purposes, like ["slouch", "break"]')
    allowed = serve_tags()
    for tag in value:
        if tag not in allowed:
            raise ConfigError(f"{where}: '{tag}' is not a purpose; use one of {', '.join(allowed)}")
    return tuple(value)


def _check_coverage(library: ExerciseLibrary) -> None:
    for tag in required_tags():
        if not library.serving(tag):
            raise ConfigError(f"no exercise serves '{tag}'; add one with it in 'serves'")
