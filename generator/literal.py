"""Python literals for data modules, written the way black would write them.

Data (the command tables) is emitted already in black's layout, so black never
has to run over it: every non-empty dict and list is exploded one item per line
with a trailing comma (black's "magic trailing comma" keeps it so), and strings
get black's preferred quotes. A test runs black over every generated file and
over awkward values to keep this true.
"""

from __future__ import annotations

from typing import Any

INDENT = "    "


def literal(value: Any, depth: int = 0) -> str:
    """``value`` (None, bool, int, float, str, list, tuple, dict with str keys) as black-formatted source."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return string(value)
    inner = INDENT * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{string(str(k))}: {literal(v, depth + 1)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + "\n" + INDENT * depth + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = [f"{inner}{literal(v, depth + 1)}," for v in value]
        return "[\n" + "\n".join(items) + "\n" + INDENT * depth + "]"
    raise TypeError(f"no literal for {type(value).__name__}")


def string(text: str) -> str:
    """A string literal in black's quotes: double, unless that would need more escapes."""
    single = repr(text)
    if single.startswith('"'):
        return single  # repr chose double quotes itself: the text has a ' and no "
    body = single[1:-1]
    if "\\" not in body and '"' not in body:
        return f'"{body}"'  # the common case: nothing to escape either way
    out = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            pair = body[index : index + 2]
            out.append("'" if pair == "\\'" else pair)
            index += 2
            continue
        out.append('\\"' if char == '"' else char)
        index += 1
    double = "".join(out)
    if double.count('\\"') > body.count("\\'"):
        return single
    return f'"{double}"'


def tuple_literal(values: tuple[Any, ...] | list[Any], column: int = 0) -> str:
    """A tuple display in black's layout, starting at ``column`` of its line.

    A one-item tuple's comma is not black's "magic trailing comma": black keeps
    it on one line when that fits, and explodes it only when it does not.
    """
    if not values:
        return "()"
    if len(values) == 1:
        one = f"({literal(values[0], 1)},)"
        if column + len(one) <= 100 and one.isascii() and "\n" not in one:
            return one
    return "(\n" + "".join(f"{INDENT}{literal(v, 1)},\n" for v in values) + ")"
