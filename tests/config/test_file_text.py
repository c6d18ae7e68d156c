"""Reading a config file: only a regular file of sane size is read; the rest is one sentence."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from posture.config.file_text import ConfigFileRefused, read_config_text
from posture.config.schema import ConfigError, load_config
from tests.support.hostile_configs import HOSTILE_CONFIGS

REFUSED = sorted(set(HOSTILE_CONFIGS) - {"missing", "not TOML"})
DEADLINE_S = 10.0


@pytest.mark.parametrize("kind", REFUSED)
def test_anything_but_a_regular_file_of_sane_size_is_refused_without_hanging(
    kind: str, tmp_path: Path
) -> None:
    path = HOSTILE_CONFIGS[kind](tmp_path)
    outcome: list[BaseException | None] = []

    def load() -> None:
        try:
            load_config(path)
            outcome.append(None)
        except BaseException as exc:  # what it raised is what is checked
            outcome.append(exc)

    worker = threading.Thread(target=load, daemon=True)  # a FIFO read would block for ever
    worker.start()
    worker.join(DEADLINE_S)
    assert not worker.is_alive(), f"loading {kind} hangs"
    assert isinstance(outcome[0], ConfigError), outcome
    message = str(outcome[0])
    assert "\n" not in message and len(message) < 300, message


def test_a_missing_file_is_nothing_and_a_regular_one_is_its_text(tmp_path: Path) -> None:
    assert read_config_text(tmp_path / "absent.toml") is None
    (tmp_path / "config.toml").write_text('[monitor]\nsource = "1"\n')
    assert read_config_text(tmp_path / "config.toml") == '[monitor]\nsource = "1"\n'


def test_a_link_to_a_regular_file_is_read(tmp_path: Path) -> None:
    """A dotfiles checkout links the config in; reading follows the link, as it always did."""
    (tmp_path / "real.toml").write_text('[monitor]\nmodel = "full"\n')
    (tmp_path / "config.toml").symlink_to(tmp_path / "real.toml")
    assert load_config(tmp_path / "config.toml").monitor.model == "full"


def test_each_refusal_says_what_the_path_is(tmp_path: Path) -> None:
    cases = {"a symlink loop": "loops", "a FIFO": "not a regular file", "64 MB": "too large"}
    for kind, words in cases.items():
        with pytest.raises(ConfigFileRefused, match=words):
            read_config_text(HOSTILE_CONFIGS[kind](tmp_path))
