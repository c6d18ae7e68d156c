"""One typed configuration: frozen dataclasses hold the defaults, TOML files override them.

`posture/config/default.toml` is the documented copy of these defaults (a test keeps them equal). A
mistake in a user's file raises `ConfigError` naming the line, or the key and what it allows.
"""

from __future__ import annotations

import dataclasses
import difflib
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from posture.config.clock import parse_clock
from posture.config.file_text import ConfigFileRefused, read_config_text
from posture.config.model_variants import DEFAULT_MODEL_VARIANT, MODEL_VARIANTS
from posture.errors import UserError, shown


class ConfigError(UserError):
    """A configuration file the assistant cannot use; the message says where and why."""


def _num(default: float, low: float, high: float, unit: str = "") -> Any:
    return field(default=default, metadata={"range": (low, high), "unit": unit})


def _clock(default: str = "") -> Any:
    """A local time of day as "HH:MM" (24-hour), or "" for none."""
    return field(default=default, metadata={"format": "clock"})


@dataclass(frozen=True)
class Thresholds:
    """When a metric counts as a fault: relative to the user's calibrated baseline, or to level.

    "Enter" values are listed; an issue clears only when the value is back below
    `exit_fraction` of its enter threshold (hysteresis).
    """

    min_visibility: float = _num(0.5, 0.05, 0.99)
    slouch_sink_sw: float = _num(0.08, 0.02, 1.0, "shoulder widths")
    slouch_drop_sw: float = _num(0.15, 0.02, 1.0, "shoulder widths")
    head_down_deg: float = _num(15.0, 3.0, 60.0, "degrees")
    head_up_deg: float = _num(15.0, 3.0, 60.0, "degrees")
    # Retired: head_down and head_up are judged in degrees of head pitch now. Still accepted so
    # that an existing config file loads; ignored.
    head_down_sw: float = _num(0.10, 0.02, 1.0, "shoulder widths")
    head_up_sw: float = _num(0.10, 0.02, 1.0, "shoulder widths")
    forward_head_m: float = _num(0.05, 0.01, 0.5, "metres")
    face_growth_ratio: float = _num(0.15, 0.02, 2.0, "fraction")
    head_tilt_deg: float = _num(15.0, 2.0, 45.0, "degrees")
    head_tilt_change_deg: float = _num(9.0, 2.0, 45.0, "degrees")
    shoulder_tilt_deg: float = _num(10.0, 2.0, 45.0, "degrees")
    shoulder_tilt_change_deg: float = _num(8.0, 2.0, 45.0, "degrees")
    lean_deg: float = _num(12.0, 2.0, 45.0, "degrees")
    too_close_ratio: float = _num(0.30, 0.05, 3.0, "fraction")
    spread_factor: float = _num(3.0, 0.0, 20.0)
    exit_fraction: float = _num(0.7, 0.1, 1.0)


@dataclass(frozen=True)
class Timing:
    """How an issue builds up over time before it counts."""

    smoothing_s: float = _num(3.0, 0.0, 120.0, "seconds")
    dwell_s: float = _num(20.0, 0.0, 3600.0, "seconds")
    clear_s: float = _num(5.0, 0.0, 3600.0, "seconds")


@dataclass(frozen=True)
class Sitting:
    """When continuous sitting earns a reminder, and how long an absence counts as a break.

    An absence shorter than `break_min` is credited back to the sitting session (a trip to the
    printer is not a break); 5 min is what Stretchly and Safe Eyes use. 50 min matches
    BatesPosture's reminder. The 15 min repeat is Safe Eyes' micro-break rhythm: often enough to
    matter, rare enough not to nag.
    """

    sit_limit_min: float = _num(50.0, 5.0, 480.0, "minutes")
    break_min: float = _num(5.0, 0.5, 60.0, "minutes")
    sit_repeat_min: float = _num(15.0, 1.0, 240.0, "minutes")


# Process names, matched case-insensitively and ignoring a trailing ".exe". Chat apps that stay
# open all day (Slack, Discord) are left out: their process says nothing about a call.
DEFAULT_PAUSE_APPS: tuple[str, ...] = (
    "zoom",
    "zoom.us",
    "teams",
    "ms-teams",
    "skype",
    "skypeforlinux",
    "webex",
    "ciscowebexstart",
    "jitsi-meet",
    "obs",
    "obs64",
)


@dataclass(frozen=True)
class Coaching:
    """How often posture notifications may appear, and when they must stay silent.

    `escalate_after` reminders about the same issue on one day make the wording firmer and
    suggest a short break. Quiet hours are local "HH:MM" times and may wrap past midnight
    ("22:00" to "07:00"); leave both empty for none.
    """

    cooldown_min: float = _num(5.0, 0.5, 240.0, "minutes")
    daily_cap: int = _num(12, 0, 500, "notifications")
    escalate_after: int = _num(3, 1, 50, "reminders")
    quiet_hours_start: str = _clock()
    quiet_hours_end: str = _clock()
    pause_apps: tuple[str, ...] = DEFAULT_PAUSE_APPS
    # The desktop app's border at the screen edge while an issue lasts (posture.desktop.windows).
    nudge: bool = False

    def __post_init__(self) -> None:
        if bool(self.quiet_hours_start) != bool(self.quiet_hours_end):
            raise ConfigError(
                "'coaching.quiet_hours_start' and 'coaching.quiet_hours_end' must be set together"
            )
        if self.quiet_hours_start and self.quiet_hours_start == self.quiet_hours_end:
            raise ConfigError(
                "'coaching.quiet_hours_start' and 'coaching.quiet_hours_end' must differ"
            )


def _choice(default: str, *choices: str) -> Any:
    return field(default=default, metadata={"choices": choices})


@dataclass(frozen=True)
class Monitor:
    """What the background assistant watches and how often it looks.

    About one look a second is plenty for posture, which changes over seconds; looks come
    twice as often while an issue is building, so it is confirmed on time, and rarely while
    nobody is there. After `release_after_s` away the camera is let go (its light goes off) and
    only opened for a quick look every `released_interval_s`. When the user's shoulders stay far
    from where the profile has them for `drift_min`, the setup changed: posture alerts stop and
    one notification suggests calibrating again.
    """

    source: str = field(default="0", metadata={"camera_index": True})  # `source = 0` too
    model: str = _choice(DEFAULT_MODEL_VARIANT, *MODEL_VARIANTS)
    notifier: str = _choice("auto", "auto", "native", "plyer", "log")
    sample_interval_s: float = _num(1.0, 0.1, 60.0, "seconds")
    building_interval_s: float = _num(0.75, 0.1, 60.0, "seconds")
    away_interval_s: float = _num(3.0, 0.5, 300.0, "seconds")
    release_after_s: float = _num(60.0, 5.0, 3600.0, "seconds")
    released_interval_s: float = _num(10.0, 1.0, 600.0, "seconds")
    paused_interval_s: float = _num(30.0, 1.0, 600.0, "seconds")
    summary_interval_s: float = _num(60.0, 10.0, 3600.0, "seconds")
    inference_max_side_px: int = _num(640, 160, 4096, "pixels")
    # A setup change (a moved camera) is told apart from a slouch by size: see core/setup_drift.py.
    drift_min: float = _num(3.0, 0.5, 120.0, "minutes")
    drift_scale_ratio: float = _num(0.35, 0.1, 0.9, "fraction")
    drift_shift_x_sw: float = _num(0.6, 0.2, 5.0, "shoulder widths")
    drift_shift_y_sw: float = _num(0.5, 0.2, 5.0, "shoulder widths")


@dataclass(frozen=True)
class Config:
    """Everything a user can set."""

    monitor: Monitor = field(default_factory=Monitor)
    thresholds: Thresholds = field(default_factory=Thresholds)
    timing: Timing = field(default_factory=Timing)
    sitting: Sitting = field(default_factory=Sitting)
    coaching: Coaching = field(default_factory=Coaching)


def _describe(f: dataclasses.Field[Any]) -> str:
    low, high = f.metadata.get("range", (None, None))
    unit = f" {f.metadata['unit']}" if f.metadata.get("unit") else ""
    if low is not None:
        return f"a number from {low:g} to {high:g}{unit}"
    return f"a value of type {f.type}"


def _unknown(where: str, key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    if close:
        return f"unknown setting '{where}' (did you mean `{close[0]}`?)"
    return f"unknown setting '{where}'; the settings here are: {', '.join(sorted(known))}"


def _build(cls: type[Any], table: dict[str, Any], prefix: str, mistakes: list[str]) -> Any:
    """`cls` from `table`; each mistake is added to `mistakes` and its setting left default."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        where = f"{prefix}{key}"
        if key not in fields:
            mistakes.append(_unknown(where, key, list(fields)))
            continue
        f = fields[key]
        hint = typing.get_type_hints(cls)[key]
        try:
            if dataclasses.is_dataclass(hint):
                if not isinstance(value, dict):
                    raise ConfigError(f"'{where}' must be a table ([{where}])")
                values[key] = _build(hint, value, f"{where}.", mistakes)  # type: ignore[arg-type]
            else:
                values[key] = _check_value(hint, f, value, where)
        except ConfigError as exc:
            mistakes.append(str(exc))
    try:
        return cls(**values)
    except ConfigError as exc:  # a rule across settings (see __post_init__)
        mistakes.append(str(exc))
        return cls()


def _check_value(hint: Any, f: dataclasses.Field[Any], value: Any, where: str) -> Any:
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"'{where}' must be {_describe(f)}, not {value!r}")
        value = float(value)
        low, high = f.metadata.get("range", (float("-inf"), float("inf")))
        if not low <= value <= high:
            raise ConfigError(f"'{where}' is {value:g}; it must be {_describe(f)}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"'{where}' must be {_describe(f)}, not {value!r}")
        low, high = f.metadata.get("range", (float("-inf"), float("inf")))
        if not low <= value <= high:
            raise ConfigError(f"'{where}' is {value}; it must be {_describe(f)}")
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"'{where}' must be true or false, not {value!r}")
        return value
    if hint is str:
        if f.metadata.get("camera_index") and type(value) is int:  # not a bool
            if value < 0:
                raise ConfigError(f"'{where}' is {value}; a camera index is 0 or more")
            return str(value)
        if not isinstance(value, str):
            raise ConfigError(f"'{where}' must be text in quotes, not {value!r}")
        choices = f.metadata.get("choices")
        if choices and value not in choices:
            raise ConfigError(f"'{where}' is '{value}'; it must be one of {', '.join(choices)}")
        if f.metadata.get("format") == "clock" and value:
            try:
                parse_clock(value)
            except ValueError:
                raise ConfigError(
                    f"'{where}' is '{value}'; it must be a 24-hour time like \"22:00\", or \"\""
                ) from None
        return value
    origin = typing.get_origin(hint)
    if origin in (tuple, list) or (isinstance(hint, types.GenericAlias)):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f'\'{where}\' must be a list of texts, like ["a", "b"]')
        return tuple(value)
    raise ConfigError(f"'{where}' has an unsupported type")  # pragma: no cover - schema bug


def parse_config(text: str, origin: str = "config") -> Config:
    """A Config from TOML text; any mistake raises ConfigError naming the line or the key."""
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: {exc}") from exc
    except RecursionError:  # tomllib recurses once per level of nesting
        raise ConfigError(f"{origin}: nested too deeply to be a configuration file") from None
    mistakes: list[str] = []
    config = typing.cast(Config, _build(Config, table, "", mistakes))
    if len(mistakes) == 1:
        raise ConfigError(f"{origin}: {mistakes[0]}")
    if mistakes:  # all at once, so one edit fixes them all
        raise ConfigError(f"{origin} has {len(mistakes)} mistakes: " + "; ".join(mistakes))
    return config


def load_config(path: Path | None) -> Config:
    """The defaults, overridden by the file at `path` when it exists.

    Anything but a regular file of sane size at `path` is refused (see `file_text`).
    """
    if path is None:
        return Config()
    try:
        text = read_config_text(path)
    except ConfigFileRefused as exc:
        raise ConfigError(str(exc)) from None
    return Config() if text is None else parse_config(text, shown(str(path)))
