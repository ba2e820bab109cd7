"""Inline model classes are named after their parent (naming.inline_class_name), never numbered by spec order."""

from __future__ import annotations

import ast
import copy
from typing import Any

import pytest

from generator import naming
from generator.breaking import report
from generator.cache import Cache, using
from generator.load import Document
from generator.models import render_models
from generator.surface import Model, Surface, from_tree


def _spec(schemas: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": schemas}}


def _classes(schemas: dict[str, Any]) -> dict[str, ast.ClassDef]:
    doc = Document("m.yaml", _spec(schemas), {})
    with using(Cache(None)):
        text = render_models(doc, tuple(naming.model_names(schemas).values()))
    return {n.name: n for n in ast.parse(text).body if isinstance(n, ast.ClassDef)}


def _enum(*values: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


RESPONSE = {"type": "object", "properties": {"action": _enum("OK", "ERROR"), "note": {"type": "string"}}}


def test_inline_classes_take_their_parents_name() -> None:
    schemas = {
        "token_fail_response": RESPONSE,
        "order": {
            "type": "object",
            "properties": {
                "detail": {"type": "object", "properties": {"kind": _enum("a", "b")}},
                "lines": {"type": "array", "items": {"type": "object", "properties": {"n": {"type": "integer"}}}},
            },
        },
    }
    names = set(_classes(schemas))
    assert names == {
        "TokenFailResponse",
        "TokenFailResponseAction",
        "Order",
        "OrderDetail",
        "OrderDetailKind",
        "OrderLine",
    }


def test_an_inline_enum_added_earlier_renames_no_other_class() -> None:
    """With numbered names, `Action` of the second schema became `Action1` once the first schema had one."""
    before = _classes({"a_request": {"type": "object", "properties": {}}, "b_response": RESPONSE})
    after = _classes({"a_request": {"type": "object", "properties": {"action": _enum("x")}}, "b_response": RESPONSE})
    assert "BResponseAction" in before and "BResponseAction" in after
    assert ast.dump(before["BResponseAction"]) == ast.dump(after["BResponseAction"])
    assert "ARequestAction" in after


@pytest.mark.parametrize(
    ("component", "inline"),
    [
        ("token_request_action", "TokenRequestActionInline"),  # the inline name itself is taken
        ("token_request_actions_item", "TokenRequestActionsItemsInlineItem"),  # the items' singular is taken
    ],
)
def test_an_inline_class_never_takes_a_components_name(component: str, inline: str) -> None:
    schemas = {
        "token_request": {
            "type": "object",
            "properties": {
                "action": _enum("a", "b"),
                "actions_items": {"type": "array", "items": {"type": "object", "properties": {"v": {}}}},
            },
        },
        component: {"type": "object", "properties": {"mine": {"type": "integer"}}},
    }
    classes = _classes(schemas)
    own = naming.class_name(component)
    assert "mine" in {t.target.id for t in classes[own].body if isinstance(t, ast.AnnAssign)}  # type: ignore[union-attr]
    assert inline in classes
    assert not [n for n in classes if n[-1].isdigit()]


def test_inline_class_name_rule() -> None:
    taken = frozenset({"TokenRequestAction", "TokenRequestActionInline", "FooItem"})
    assert naming.inline_class_name("TokenFailResponse_action", taken) == "TokenFailResponseAction"
    assert naming.inline_class_name("TokenRequest_action", taken) == "TokenRequestActionInlineInline"
    assert naming.inline_class_name("Foo_items", taken, lambda n: n.removesuffix("s")) == "FooItemsInline"
    assert naming.inline_class_name("Foo_s", taken) == "FooSItems"
    assert naming.inline_class_name("Foo_class", taken) == "FooClass"


def _surface(*models: Model) -> Surface:
    return Surface(models={m.name: m for m in models})


def test_a_renamed_inline_enum_is_reported_as_a_rename_not_as_a_new_class() -> None:
    """The drift report after the naming change: `Action1` is now `TokenFailResponseAction`."""
    old = {
        "authlete_cli/_table.py": "TABLE = {}\n",
        "authlete_cli/models.py": (
            "class Action1(OpenEnum):\n    ok = 'OK'\n    error = 'ERROR'\n\n\n"
            "class TokenFailResponse(BaseModel):\n    action: Action1 | None = None\n"
        ),
    }
    new = copy.deepcopy(old)
    new["authlete_cli/models.py"] = old["authlete_cli/models.py"].replace("Action1", "TokenFailResponseAction")
    changes = report(from_tree(old, "authlete_cli"), from_tree(new, "authlete_cli")).changes
    assert [(c.change, c.breaking, c.where, c.detail) for c in changes] == [
        (
            "changed",
            True,
            "models.Action1",
            "enum renamed to models.TokenFailResponseAction; code importing the old name fails",
        )
    ]
    # a class with other values is not a rename: one removed, one added
    new["authlete_cli/models.py"] = new["authlete_cli/models.py"].replace("'ERROR'", "'FAILED'")
    kinds = sorted(
        (c.change, c.where) for c in report(from_tree(old, "authlete_cli"), from_tree(new, "authlete_cli")).changes
    )
    assert ("removed", "models.Action1") in kinds and ("added", "models.TokenFailResponseAction") in kinds
