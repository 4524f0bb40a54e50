"""Settings: settings.cfg is the one place the coder's rule values are written."""

from __future__ import annotations

import dataclasses

import pytest

from tacitus.config import CoderOptions, EventOptions, Options, load_options
from tacitus.errors import ConfigError


def test_config_rule_settings_have_no_default_in_code():
    for kind in (CoderOptions, EventOptions):
        for field in dataclasses.fields(kind):
            assert field.default is dataclasses.MISSING, field.name
    with pytest.raises(TypeError):
        Options()  # only load_options() makes one: the values live in settings.cfg


def test_config_shipped_event_weights():
    options = load_options()
    assert options.coder.min_confidence == 0.3
    assert options.events.score_per_word == 3
    assert options.events.confidence_no_source == -0.2
    assert options.events.as_config()["confidence_ceiling"] == 0.99


def test_config_user_file_overlays_one_weight(tmp_path):
    path = tmp_path / "mine.cfg"
    path.write_text("[events]\nscore_per_word = 5\n[coder]\nmin_confidence = 0.5\n")
    options = load_options(path)
    assert options.events.score_per_word == 5
    assert options.events.score_target == 1  # the rest stay as shipped
    assert options.coder.min_confidence == 0.5


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[events]\nscore_per_wrod = 5\n", "config_key"),
        ("[events]\nscore_per_word = x\n", "config_bad"),
    ],
)
def test_config_bad_user_file_is_an_error(tmp_path, text, key):
    path = tmp_path / "bad.cfg"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_options(path)
    assert caught.value.key == key
