"""How long a secret must be before it is looked for in free text (runtime/redact.py's rule).

Structured places (a header, a JSON member, a form pair) are masked by name,
whatever the length. Free text is masked by value: 8 characters or more
anywhere, 4 to 7 only as a whole word, under 4 never (a one-letter password
would otherwise mask every 'a' and point at itself).
"""

from __future__ import annotations

import json

import pytest
from authlete_cli.runtime import redact


@pytest.fixture(autouse=True)
def fresh():
    redact.forget_all()
    yield
    redact.forget_all()


def test_a_one_character_secret_does_not_mask_every_word():
    redact.remember("a", "secret")
    text = "HTTP 400: a value is missing; use a valid grant"
    assert redact.scrub(text) == text


@pytest.mark.parametrize("value", ["a", "ok", "abc"])
def test_secrets_under_four_characters_are_masked_by_name_never_by_value(value):
    redact.remember(value, "secret")
    redact.remember(value, "token", credential=True)
    assert redact.scrub(f"x {value} y") == f"x {value} y"
    assert redact.header("Authorization", f"Bearer {value}") == "Bearer ****"
    assert redact.header("X-Api-Key", value) == "****"
    assert redact.data({"password": value, "clientSecret": value}) == {"password": "****", "clientSecret": "****"}
    assert redact.form(f"password={value}&grant_type=password") == "password=****&grant_type=password"


def test_secrets_of_four_to_seven_characters_are_masked_as_whole_words():
    redact.remember("hunter2", "secret")
    assert redact.scrub("password=hunter2&x=1") == "password=****&x=1"
    assert redact.scrub(json.dumps({"p": "hunter2"})) == '{"p": "****"}'
    assert redact.scrub("hunter2") == "****"
    assert redact.scrub("xhunter2 hunter2s hunter2-x") == "xhunter2 hunter2s hunter2-x"


def test_secrets_of_eight_characters_or_more_are_masked_inside_words():
    redact.remember("Zq7Lm2Xp", "secret")
    assert redact.scrub("abcZq7Lm2Xpdef") == "abc****def"
    assert redact.scrub("Zq7Lm2Xp%3D") == "****%3D"


def test_the_rule_is_the_same_for_a_registry_of_ones_own():
    """The client masks its own credentials with a registry per call, by the same rule."""
    registry = redact.Registry()
    registry.add("a", "secret")
    registry.add("Zk4tQ", "token")
    registry.add("BEARER-3xV9qLr7TgM2pZk8", "token")
    shown = registry.scrub("a Zk4tQ xZk4tQ yBEARER-3xV9qLr7TgM2pZk8z")
    assert shown == "a **** xZk4tQ yBEAR…(23 chars)z"
    assert redact.scrub("a Zk4tQ") == "a Zk4tQ"  # nothing leaked into the run's own registry
