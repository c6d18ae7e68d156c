"""One list of pose model variants: the config schema, the command line and the model manifest
all follow `posture.config.model_variants`."""

from __future__ import annotations

import dataclasses

import pytest

from posture import pose_models
from posture.config.model_variants import (
    DEFAULT_MODEL_VARIANT,
    MODEL_VARIANTS,
    checked_variant,
    variant_choices,
)
from posture.config.schema import Monitor, parse_config
from posture.errors import UserError
from posture.pose_models.manifest import load_manifest


def test_the_manifest_lists_the_variants_the_config_allows_in_their_order() -> None:
    # The manifest is data and cannot import the list, so this keeps the two equal.
    assert tuple(load_manifest().variants) == MODEL_VARIANTS
    assert DEFAULT_MODEL_VARIANT in MODEL_VARIANTS


def test_the_schema_and_pose_models_use_the_one_list() -> None:
    model = next(f for f in dataclasses.fields(Monitor) if f.name == "model")
    assert model.metadata["choices"] == MODEL_VARIANTS
    assert model.default == DEFAULT_MODEL_VARIANT
    assert pose_models.VARIANTS is MODEL_VARIANTS
    assert pose_models.DEFAULT_VARIANT == DEFAULT_MODEL_VARIANT
    for variant in MODEL_VARIANTS:
        assert parse_config(f'[monitor]\nmodel = "{variant}"').monitor.model == variant


@pytest.mark.parametrize(
    ("name", "variant"), [("lite", "lite"), ("full", "full"), ("heavy", "heavy"), ("FULL", "full")]
)
def test_a_variant_is_named_in_any_case(name: str, variant: str) -> None:
    assert checked_variant(name) == variant


@pytest.mark.parametrize("name", ["huge", "", "lite ", "Lite-2"])
def test_an_unknown_variant_is_one_sentence_naming_the_choices(name: str) -> None:
    with pytest.raises(UserError) as caught:
        checked_variant(name)
    assert str(caught.value) == (
        f"unknown model variant '{name.lower()}'; choose lite, full or heavy"
    )
    assert caught.value.exit_status == 2


def test_the_choices_read_as_a_phrase() -> None:
    assert variant_choices() == "lite, full or heavy"
