"""A request body checked and normalised without pydantic, as the models would do it.

The generator compiles each request model that uses only plain JSON types
into a ``BodyCheck`` (generator/checks.py, read from models.py itself). For a
body it can vouch for, ``normalise`` returns exactly what pydantic's
``validate_python`` then ``dump_python(mode="json", by_alias=True,
exclude_unset=True)`` returns: fields set in declaration order under their
wire names, then the extra fields as given, with pydantic's lax coercions of
integral floats to integers and integers to floats. For anything else (a
wrong type, a missing field, a value out of range, a key that is a field's
Python name, a coercion from text) it raises ``Unsure`` and the caller asks
pydantic, which accepts or rejects with its own located message. So the dry
run and the request sent always agree with the models, and the common case
never imports pydantic.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .surface import BodyCheck, FieldCheck, Shape


class Unsure(Exception):
    """This body is not one the check can vouch for: pydantic decides."""


def normalise(check: BodyCheck, body: Any, array: bool) -> Any:
    """The body as the request model dumps it, or ``Unsure``."""
    if not array:
        return _model(check, check["root"], body)
    if type(body) is not list:
        raise Unsure
    return [_model(check, check["root"], item) for item in body]


def _model(check: BodyCheck, name: str, value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise Unsure
    fields: list[FieldCheck] = check["models"][name]
    out: dict[str, Any] = {}
    wires = set()
    for spec in fields:
        wire = spec["wire"]
        wires.add(wire)
        if wire in value:
            out[wire] = _value(check, spec["shape"], value[wire])
        elif spec["required"] or spec["name"] in value:
            raise Unsure  # missing, or given under its Python name: pydantic says which
    names = {spec["name"] for spec in fields}
    for key, item in value.items():
        if key not in wires:
            if key in names:
                raise Unsure
            out[key] = _plain(item)  # an extra field, kept as given
    return out


def _value(check: BodyCheck, shape: Shape, value: Any) -> Any:
    if value is None and shape["nullable"]:
        return None
    kind = shape["type"]
    if kind == "string":
        if type(value) is str:
            return value
    elif kind == "integer":
        if type(value) is float and math.isfinite(value) and value.is_integer():
            if abs(value) < 2.0**63:
                value = int(value)  # pydantic's lax mode takes 5.0 for 5
        if type(value) is int:
            low, high = shape["range"] or (None, None)
            if (low is None or value >= low) and (high is None or value <= high):
                return value
    elif kind == "number":
        if type(value) is float and math.isfinite(value):
            return value
        if type(value) is int and abs(value) <= 2**53:
            return float(value)
    elif kind == "boolean":
        if type(value) is bool:
            return value
    elif kind == "null":
        if value is None:
            return None
    elif kind == "any":
        return _plain(value)
    elif kind == "array":
        if type(value) is list:
            items = shape["items"]
            assert items is not None
            return [_value(check, items, item) for item in value]
    elif kind == "map":
        if type(value) is dict:
            items = shape["items"]
            assert items is not None
            return {key: _value(check, items, item) for key, item in value.items()}
    elif kind == "model":
        assert shape["ref"] is not None
        return _model(check, shape["ref"], value)
    elif kind == "enum":
        assert shape["ref"] is not None
        enum = check["enums"][shape["ref"]]
        # Only a value of a listed value's own type: pydantic would match 1.0 or True to 1.
        if type(value) in {type(v) for v in enum["values"]}:
            if type(value) is not float or math.isfinite(value):
                if enum["open"] or value in enum["values"]:
                    return value  # an open enum sends an unlisted value as it is
    raise Unsure


def _plain(value: Any) -> Any:
    """A JSON value as pydantic dumps an untyped one (a copy; NaN and infinities are left to it)."""
    kind = type(value)
    if kind is dict:
        return {key: _plain(item) for key, item in value.items()}
    if kind is list:
        return [_plain(item) for item in value]
    if kind is float and not math.isfinite(value):
        raise Unsure
    if value is None or kind in (str, int, float, bool):
        return value
    raise Unsure
