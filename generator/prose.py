"""The documentation strings of a spec (descriptions, summaries), told apart from what they document.

A documentation-only edit is the most common change to a spec. The validator
and the model generator are the two slow stages, and neither depends on the
words of a description: the validator only checks that it is a string, and
the model generator copies it into a docstring. So both stages are keyed on
the spec with its prose replaced (``replace_prose``), and an edit of the
words reruns neither.

Only the ``description`` and ``summary`` of OpenAPI objects and schemas are
prose. Data is left alone (examples, defaults, enums, consts, extensions), and
so are maps whose keys are names chosen by the spec's author and whose values
are strings that mean something (a discriminator's ``mapping``, an OAuth
flow's ``scopes``, a link's ``parameters``): there, ``description`` may be the
name of a schema or a scope.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PROSE_KEYS = frozenset({"description", "summary"})
_DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const"})
_NAMED_STRINGS = frozenset({"mapping", "scopes"})


def replace_prose(node: Any, replace: Callable[[str], str]) -> Any:
    """A copy of ``node`` with each prose string ``s`` replaced by ``replace(s)``; everything else is kept.

    Where in doubt a string is kept: a kept string only costs a rerun, a replaced one could change a result.
    """
    if isinstance(node, list):
        return [replace_prose(item, replace) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[Any, Any] = {}
    for key, value in node.items():
        name = str(key)
        if name in PROSE_KEYS and type(value) is str:
            out[key] = replace(value)
        elif name in _DATA_KEYS or name.startswith("x-") or (name in _NAMED_STRINGS and isinstance(value, dict)):
            out[key] = value
        elif name == "links" and isinstance(value, dict):  # a link's parameters and request body are data
            out[key] = {k: _link(v, replace) for k, v in value.items()}
        else:
            out[key] = replace_prose(value, replace)
    return out


def _link(link: Any, replace: Callable[[str], str]) -> Any:
    if not isinstance(link, dict):
        return link
    return {k: replace(v) if k == "description" and type(v) is str else v for k, v in link.items()}
