"""The typed configuration: defaults, the documented copy, and clear errors for every mistake."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture.config.schema import Config, ConfigError, load_config, parse_config
from tests.support.cli import REPO, run_cli


def test_documented_defaults_equal_the_code() -> None:
    assert parse_config((REPO / "posture" / "config" / "default.toml").read_text()) == Config()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[thresholds]\nhead_tilt_deg = 100",
            "'thresholds.head_tilt_deg' is 100; it must be a number from 2 to 45 degrees",
        ),
        ("[thresholds]\nhed_tilt = 1", "unknown setting 'thresholds.hed_tilt'"),
        ('[timing]\ndwell_s = "long"', "'timing.dwell_s' must be a number from 0 to 3600"),
        ("[sitting]\nsit_limit_min = true", "'sitting.sit_limit_min' must be a number"),
        ("colour = 1", "unknown setting 'colour'"),
        (
            '[monitor]\nmodel = "huge"',
            "'monitor.model' is 'huge'; it must be one of lite, full, heavy",
        ),
        ('[coaching]\nquiet_hours_start = "25:00"\nquiet_hours_end = "07:00"', "quiet_hours_start"),
        ("thresholds = 3", "'thresholds' must be a table"),
    ],
)
def test_mistakes_name_the_key_and_what_is_allowed(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=r"user\.toml") as caught:
        parse_config(text, "user.toml")
    assert message in str(caught.value)


def test_syntax_errors_name_the_line() -> None:
    with pytest.raises(ConfigError, match=r"line 3"):
        parse_config("[timing]\ndwell_s = 3\nsmoothing_s = = 2\n", "user.toml")


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "absent.toml") == Config()


def test_a_bad_config_is_one_sentence_and_status_2(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[thresholds]\nslouch_sink_sw = -1\n")
    result = run_cli(
        "--config", str(path), "analyze", "x.jpg", env={"POSTURE_DATA_DIR": str(tmp_path / "data")}
    )
    assert result.returncode == 2
    assert "slouch_sink_sw" in result.stderr and "from 0.02 to 1" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


KEYS = st.sampled_from(
    [
        "thresholds",
        "timing",
        "sitting",
        "coaching",
        "monitor",
        "dwell_s",
        "head_tilt_deg",
        "model",
        "quiet_hours_start",
        "pause_apps",
        "x",
    ]
)
VALUES = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(string.printable, max_size=8),
    st.booleans(),
    st.lists(st.text(max_size=4), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=200)
    | st.lists(st.tuples(KEYS, KEYS, VALUES), max_size=4).map(
        lambda rows: "\n".join(f"[{a}]\n{b} = {v!r}".replace("'", '"') for a, b, v in rows)
    )
)
def test_the_loader_gives_a_config_or_a_config_error(text: str) -> None:
    """Whatever the file holds, the loader answers a valid Config or a ConfigError."""
    try:
        result = parse_config(text, "fuzz.toml")
    except ConfigError:
        return
    assert isinstance(result, Config)


def test_every_mistake_is_reported_at_once() -> None:
    text = (
        '[monitor]\nmodle = "full"\nsource = -1\n'
        "[thresholds]\nshoulder_tilt_deg = 500\n"
        '[coaching]\nquiet_hours_start = "22:00"\n'
    )
    with pytest.raises(ConfigError) as refused:
        parse_config(text, "config.toml")
    message = str(refused.value)
    assert message.startswith("config.toml has 4 mistakes: ")
    for part in (
        "'monitor.modle' (did you mean `model`?)",
        "'monitor.source' is -1",
        "'thresholds.shoulder_tilt_deg' is 500",
        "quiet_hours_end' must be set together",
    ):
        assert part in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ('[monitor]\nmodle = "lite"', "model"),
        ("[sitting]\nsit_limit_mins = 40", "sit_limit_min"),
        ("[thresholds]\nshoulder_tilt = 9", "shoulder_tilt_deg"),
        ("[monitr]\nsource = '1'", "monitor"),
    ],
)
def test_a_misspelt_key_suggests_the_key_meant(text: str, meant: str) -> None:
    with pytest.raises(ConfigError, match=f"did you mean `{meant}`"):
        parse_config(text)


@pytest.mark.parametrize(("value", "source"), [("0", "0"), ("2", "2"), ('"0"', "0")])
def test_a_camera_index_may_be_a_bare_number(value: str, source: str) -> None:
    assert parse_config(f"[monitor]\nsource = {value}\n").monitor.source == source


@pytest.mark.parametrize("value", ["-1", "true", "1.5"])
def test_a_source_that_is_no_camera_index_is_refused(value: str) -> None:
    with pytest.raises(ConfigError, match=r"monitor\.source"):
        parse_config(f"[monitor]\nsource = {value}\n")
