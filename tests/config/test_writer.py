"""The config writer, text in and text out: a user's own comments and layout survive any edit.

The edited text is judged by `tests/support/config_edits.py`, which reads it with tomllib and
compares lines, so the writer's own library (tomlkit) never grades its own work.
"""

from __future__ import annotations

import dataclasses
import math
import string
import tomllib
import typing
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture.config.schema import Config, ConfigError, parse_config
from posture.config.writer import HEADER, default_config_text, merge, updated_text
from tests.support.config_edits import (
    COMMENTED,
    COMPACT,
    assert_edited_in_place,
    comment_lines,
    loaded,
)

SETUP_CHOICES = {
    "monitor": {"source": "/videos/desk.mp4", "model": "full", "notifier": "auto"},
    "sitting": {"sit_limit_min": 40.0},
    "coaching": {"quiet_hours_start": "22:00", "quiet_hours_end": "07:00"},
}


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _plain(tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        n: {k: list(v) if isinstance(v, tuple) else v for k, v in t.items()}
        for n, t in tables.items()
    }


def test_an_edit_keeps_every_comment_and_changes_only_its_settings() -> None:
    after = updated_text(COMMENTED, SETUP_CHOICES)
    assert_edited_in_place(COMMENTED, after)
    assert comment_lines(COMMENTED) == [c for c in comment_lines(after) if c in COMMENTED]
    # The changed values, in place, with the comment and spacing beside them, in their style.
    assert "sit_limit_min = 40    # not 50" in _lines(after)
    assert "source = '/videos/desk.mp4'  # the laptop's own camera" in _lines(after)
    assert 'notifier = "auto"   # whatever works' in _lines(after)  # unchanged, untouched
    settings_read = parse_config(after)
    assert settings_read.sitting.sit_limit_min == 40.0
    assert settings_read.sitting.break_min == 3.0  # the user's own, kept
    assert settings_read.thresholds.lean_deg == 14.0
    assert settings_read.monitor.source == "/videos/desk.mp4"
    assert settings_read.coaching.quiet_hours_start == "22:00"


def test_an_added_key_lands_in_its_table_under_its_documented_comment() -> None:
    after = _lines(updated_text(COMMENTED, SETUP_CHOICES))
    model = after.index('model = "full"')
    assert after[model - 1].startswith('# Pose model: "lite" (fastest)')
    # After the last monitor setting and the note right below it; before the end-of-file note.
    assert after[model - 2] == "# notes right below the last monitor setting"
    assert after.index("# end of file: nothing below") > model
    # A table the file lacked is added at the end, in the schema's order of its keys.
    coaching = after.index("[coaching]")
    assert after[coaching - 1] == "" and coaching > after.index("# end of file: nothing below")
    assert after[coaching + 1].startswith("# Quiet hours, local")
    assert after[coaching + 2 : coaching + 4] == [
        'quiet_hours_start = "22:00"',
        'quiet_hours_end = "07:00"',
    ]


def test_settings_that_already_hold_the_value_leave_the_text_byte_identical() -> None:
    same = {
        "sitting": {"sit_limit_min": 45.0, "break_min": 3.0, "sit_repeat_min": 20.0},
        "thresholds": {"min_visibility": 0.6, "head_tilt_deg": 18.0},
        "monitor": {"source": "0", "notifier": "auto"},
    }
    assert updated_text(COMMENTED, same) == COMMENTED
    assert updated_text(COMMENTED, {}) == COMMENTED


def test_a_new_file_is_the_documented_settings_under_a_header() -> None:
    documented = default_config_text()
    text = updated_text(None, tomllib.loads(documented))
    assert text.startswith(HEADER)
    assert parse_config(text) == Config()
    assert "# Minutes of sitting before a reminder to move.\nsit_limit_min = 50.0" in text
    # The long default list wraps below its first item, as in default.toml.
    assert all(len(line) <= 100 for line in text.splitlines() if not line.startswith("#"))
    assert "pause_apps = [" in text and '\n              "ciscowebexstart"' in text


def test_a_new_file_from_setup_has_only_what_setup_chose() -> None:
    text = updated_text(None, SETUP_CHOICES)
    assert _plain(loaded(text)) == _plain(merge({}, SETUP_CHOICES))
    assert text.index("[monitor]") < text.index("[sitting]") < text.index("[coaching]")
    assert "# What to watch: a camera index" in text


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        'quote " and \\ backslash',
        "tab\tnew\nline",
        "ctrl \x01\x7f",
        "ünïcödé ✓ 🙂",
        "separators \x85 \u2028 \u2029",
        "unassigned \U000e0001",
    ],
)
@pytest.mark.parametrize(
    "existing", [None, '[monitor]\nsource = "0"\n', "[monitor]\nsource = '0'\n"]
)
def test_strings_survive_the_round_trip(existing: str | None, value: str) -> None:
    text = updated_text(existing, {"monitor": {"source": value}})
    assert tomllib.loads(text)["monitor"]["source"] == value
    assert text.isascii() or all(c.isprintable() for c in text if c != "\n")  # nothing hidden


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        # A literal string stays literal while it can, and turns basic when it cannot.
        ("[monitor]\nsource = '0'\n", "[monitor]\nsource = 'C:\\cam'\n"),
        ("[monitor]\nsource = '0' # it's mine\n", "[monitor]\nsource = 'C:\\cam' # it's mine\n"),
        ('[monitor]\nsource = "0"\n', '[monitor]\nsource = "C:\\\\cam"\n'),
    ],
)
def test_a_changed_string_keeps_its_quoting_style(existing: str, expected: str) -> None:
    assert updated_text(existing, {"monitor": {"source": "C:\\cam"}}) == expected
    assert '"it\'s"' in updated_text(existing, {"monitor": {"source": "it's"}})


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        # Windows line endings stay, also on the added lines.
        (
            "[sitting]\r\nbreak_min = 3.0\r\n",
            "[sitting]\r\nbreak_min = 3.0\r\n"
            "# Minutes of sitting before a reminder to move.\r\nsit_limit_min = 40.0\r\n",
        ),
        # A last line without a newline gets one before the added setting.
        (
            "[sitting]\nbreak_min = 3.0",
            "[sitting]\nbreak_min = 3.0\n"
            "# Minutes of sitting before a reminder to move.\nsit_limit_min = 40.0\n",
        ),
        # Indented settings: the added one is indented alike.
        (
            "[sitting]\n  break_min = 3.0\n\n[timing]\n",
            "[sitting]\n  break_min = 3.0\n"
            "  # Minutes of sitting before a reminder to move.\n  sit_limit_min = 40.0\n"
            "\n[timing]\n",
        ),
        # Tables that touch: no blank line is added between them.
        (
            "[sitting]\nbreak_min = 3.0\n[timing]\n",
            "[sitting]\nbreak_min = 3.0\n"
            "# Minutes of sitting before a reminder to move.\nsit_limit_min = 40.0\n[timing]\n",
        ),
        (
            "[sitting]\n[timing]\n",
            "[sitting]\n# Minutes of sitting before a reminder to move.\nsit_limit_min = 40.0\n"
            "[timing]\n",
        ),
        # An empty table: right below its header and the comment attached to it.
        (
            "[sitting]\n# to fill in\n\n# about timing\n[timing]\n",
            "[sitting]\n# to fill in\n"
            "# Minutes of sitting before a reminder to move.\nsit_limit_min = 40.0\n"
            "\n# about timing\n[timing]\n",
        ),
        # Dotted keys and inline tables: the setting is added in the same form, by tomlkit.
        ("sitting.break_min = 3.0\n", "sitting.break_min = 3.0\nsitting.sit_limit_min = 40.0\n"),
        (
            "sitting = { break_min = 3.0 }  # inline\n",
            "sitting = { break_min = 3.0, sit_limit_min = 40.0}  # inline\n",
        ),
        # An empty file: only the table, no header (the file is the user's).
        ("", "[sitting]\n# Minutes of sitting before a reminder to move.\nsit_limit_min = 40.0\n"),
    ],
)
def test_added_settings_follow_the_files_own_form(existing: str, expected: str) -> None:
    assert updated_text(existing, {"sitting": {"sit_limit_min": 40.0}}) == expected


def test_an_integer_stays_an_integer_when_the_new_value_is_whole() -> None:
    text = updated_text("[sitting]\nsit_limit_min = 45\n", {"sitting": {"sit_limit_min": 40.0}})
    assert text == "[sitting]\nsit_limit_min = 40\n"
    text = updated_text(text, {"sitting": {"sit_limit_min": 40.5}})
    assert text == "[sitting]\nsit_limit_min = 40.5\n"


@pytest.mark.parametrize(
    ("existing", "message"),
    [
        ("[sitting\nsit_limit_min = 30\n", "not valid TOML"),
        ("sitting = 3\n", "'sitting' must be a table"),
    ],
)
def test_text_it_cannot_edit_is_refused(existing: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        updated_text(existing, {"sitting": {"sit_limit_min": 40.0}})


def test_merge_keeps_other_settings() -> None:
    existing = {"thresholds": {"lean_deg": 20.0}, "sitting": {"break_min": 3.0}}
    updates = {"sitting": {"sit_limit_min": 40.0}}
    assert merge(existing, updates) == {
        "thresholds": {"lean_deg": 20.0},
        "sitting": {"break_min": 3.0, "sit_limit_min": 40.0},
    }


# --- any valid edit --------------------------------------------------------------------------

_NAME_CHARS = string.ascii_letters + string.digits + "._-"
_CLOCKS = st.builds("{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59))


def _value(field: dataclasses.Field[Any], hint: Any) -> st.SearchStrategy[Any]:
    """Any value the schema accepts for one setting."""
    if "choices" in field.metadata:
        return st.sampled_from(field.metadata["choices"])
    low, high = field.metadata.get("range", (None, None))
    if hint is float:
        floats = st.floats(low, high, allow_nan=False)
        whole = range(math.ceil(low), math.floor(high) + 1)  # a user may write 40 for 40.0
        return floats | st.integers(whole.start, whole.stop - 1) if whole else floats
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.integers(low, high)
    if hint is str:  # source: any text a user could type or paste
        return st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
    return st.lists(st.text(_NAME_CHARS, min_size=1, max_size=12), max_size=15)


@st.composite
def valid_updates(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    """A random set of settings, every one valid, some the file has and some it lacks."""
    updates: dict[str, dict[str, Any]] = {}
    for section in dataclasses.fields(Config):
        cls = typing.get_type_hints(Config)[section.name]
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            if f.name.startswith("quiet_hours") or not draw(st.booleans()):
                continue
            updates.setdefault(section.name, {})[f.name] = draw(_value(f, hints[f.name]))
    if draw(st.booleans()):  # quiet hours are set together, and differ
        start, end = draw(st.lists(_CLOCKS, min_size=2, max_size=2, unique=True))
        updates.setdefault("coaching", {}).update(quiet_hours_start=start, quiet_hours_end=end)
    return updates


@settings(max_examples=150, deadline=None)
@given(valid_updates(), st.sampled_from(["commented", "compact", "a copy of default.toml"]))
def test_any_valid_edit_keeps_every_comment_and_untouched_line(
    updates: dict[str, dict[str, Any]], which: str
) -> None:
    before = {"commented": COMMENTED, "compact": COMPACT}.get(which) or default_config_text()
    after = updated_text(before, updates)
    assert_edited_in_place(before, after)
    assert _plain(loaded(after)) == _plain(merge(loaded(before), updates))
    parse_config(after)  # the real loader takes it
    # A second edit with the same settings changes nothing.
    assert updated_text(after, updates) == after
