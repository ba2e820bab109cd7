"""Request-body checks the CLI runs without importing pydantic, compiled from the models.

A dry run must show exactly what would be sent, and what is sent is what
pydantic's ``validate_python`` + ``dump_python(mode="json", by_alias=True,
exclude_unset=True)`` makes of the body. Importing pydantic and building a
model costs several times a whole start-up, so for each request model whose
fields lie in a small subset of types (str, int with its format's bounds,
float, bool, None, Any, lists, string-keyed dicts, nested models, open
enums) we describe the model as plain data and let ``runtime/request_check.py``
check it. The description is read from models.py itself, the very text pydantic
builds its validators from, so the two cannot disagree about a field's type,
alias, bounds or whether it is required. A model using anything else
(formats pydantic parses such as date-time, constraints, unions, discriminators,
inheritance, root models, other configurations) gets no check, and the CLI
validates that body with pydantic, as before.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, TypedDict

ShapeType = Literal["string", "integer", "number", "boolean", "null", "any", "array", "map", "model", "enum"]


class Shape(TypedDict):
    """One value's type, as runtime/request_check.py reads it."""

    type: ShapeType
    nullable: bool
    items: Shape | None  # the items of an array, the values of a map
    ref: str | None  # the model or enum class
    range: list[int | None] | None  # an integer's bounds (ge, le), from its format


class FieldCheck(TypedDict):
    wire: str  # the alias: the name in the request
    name: str  # the Python name, which the models also accept in input
    required: bool
    shape: Shape


class EnumCheck(TypedDict):
    values: list[str | int | float]  # the listed values
    open: bool  # any other value of a listed value's type is taken too (runtime/open_enum.py's OpenEnum)


class BodyCheck(TypedDict):
    root: str  # the model of the body (or of its items)
    models: dict[str, list[FieldCheck]]  # every model the root reaches, fields in declaration order
    enums: dict[str, EnumCheck]  # every enum (or Literal) it reaches


class Unsupported(Exception):
    """A model uses something outside the subset: pydantic checks its bodies."""


_SCALARS: dict[str, ShapeType] = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "Any": "any",
}
_METADATA = ("description", "examples", "title")  # Field keywords that change no validation
_CONFIG = {"defer_build": True, "extra": "allow", "populate_by_name": True}
_CLASS = re.compile(r"^class (\w+)\(", re.MULTILINE)


@dataclass
class ModelChecks:
    """The checkable request models of one models.py, parsed class by class as bodies ask."""

    text: str
    _spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    _parsed: dict[str, list[FieldCheck] | EnumCheck | None] = field(default_factory=dict)
    _roots: dict[str, Shape | None] = field(default_factory=dict)
    _kinds: set[str] = field(default_factory=set)  # classes that are models or enums, not root models

    def __post_init__(self) -> None:
        starts = [(m.group(1), m.start()) for m in _CLASS.finditer(self.text)]
        for index, (name, start) in enumerate(starts):
            end = starts[index + 1][1] if index + 1 < len(starts) else len(self.text)
            self._spans[name] = (start, end)

    def body(self, root: str | None) -> BodyCheck | None:
        """The check of a body whose model is ``root``, or None when pydantic must do it."""
        if root is None or root not in self._spans:
            return None
        models: dict[str, list[FieldCheck]] = {}
        enums: dict[str, EnumCheck] = {}
        todo = [root]
        while todo:
            name = todo.pop()
            if name in models or name in enums:
                continue
            parsed = _literal(name) if name.startswith("Literal[") else self._class(name)
            if parsed is None:
                return None
            if isinstance(parsed, dict):
                enums[name] = parsed
                continue
            models[name] = parsed
            todo += [ref for f in parsed for ref in _refs(f["shape"])]
        for fields in models.values():
            for each in fields:
                _mark_enums(each["shape"], enums)
        return {"root": root, "models": dict(sorted(models.items())), "enums": dict(sorted(enums.items()))}

    def _class(self, name: str) -> list[FieldCheck] | EnumCheck | None:
        if name not in self._parsed:
            try:
                self._parsed[name] = self._read(name)
            except Unsupported:
                self._parsed[name] = None
        return self._parsed[name]

    def _node(self, name: str) -> ast.ClassDef:
        start, end = self._spans[name]
        node = ast.parse(self.text[start:end]).body[0]
        assert isinstance(node, ast.ClassDef)
        if node.keywords or node.decorator_list or len(node.bases) != 1:
            raise Unsupported(name)
        return node

    def _read(self, name: str) -> list[FieldCheck] | EnumCheck:
        node = self._node(name)
        base = ast.unparse(node.bases[0])
        if base in ("OpenEnum", "IntEnum"):  # IntEnum: an integer enum, closed
            return {"values": _enum_values(node), "open": base == "OpenEnum"}
        if base != "BaseModel":
            raise Unsupported(name)
        return _model_fields(node, self.resolve)

    def resolve(self, name: str) -> Shape | None:
        """A root model stands for its root's type; None for a model or enum class of ours."""
        if name not in self._spans:
            raise Unsupported(name)  # a type pydantic parses (datetime, UUID, ...), not a class of ours
        if name not in self._roots:
            self._roots[name] = None
            node = self._node(name)
            base = ast.unparse(node.bases[0])
            if not base.startswith("RootModel["):
                self._kinds.add(name)
                return None
            items = [i for i in node.body if not (isinstance(i, ast.Expr) and isinstance(i.value, ast.Constant))]
            item = items[0] if len(items) == 1 else None
            if not (
                isinstance(item, ast.AnnAssign)
                and isinstance(item.target, ast.Name)
                and item.target.id == "root"
                and item.value is None
                and ast.unparse(item.annotation) == base[len("RootModel[") : -1]
            ):
                raise Unsupported(name)
            self._roots[name] = _shape(item.annotation, self.resolve)
        if name in self._kinds:
            return None
        shape = self._roots[name]
        if shape is None:
            raise Unsupported(name)  # a root model that reaches itself
        return shape


def _mark_enums(shape: Shape | None, enums: dict[str, EnumCheck]) -> None:
    """A class reference is a model until its class turns out to be an enum."""
    if shape is None:
        return
    if shape["ref"] in enums:
        shape["type"] = "enum"
    _mark_enums(shape["items"], enums)


def _refs(shape: Shape | None) -> list[str]:
    if shape is None:
        return []
    return ([shape["ref"]] if shape["ref"] else []) + _refs(shape["items"])


def _literal(name: str) -> EnumCheck | None:
    """``Literal[...]`` of strings and integers: a closed enum named by its own text."""
    node = ast.parse(name, mode="eval").body
    assert isinstance(node, ast.Subscript)
    elements = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    values: list[str | int | float] = []
    for element in elements:
        value = element.value if isinstance(element, ast.Constant) else None
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            return None
        values.append(value)
    return {"values": values, "open": False}


def _enum_values(node: ast.ClassDef) -> list[str | int | float]:
    """An open enum's listed values (str, int or float; a bool member would match 1 and 0)."""
    values: list[str | int | float] = []
    for item in node.body:
        if isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant):
            continue  # a docstring
        if not (isinstance(item, ast.Assign) and isinstance(item.value, ast.Constant)):
            raise Unsupported(node.name)
        value = item.value.value
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise Unsupported(node.name)
        values.append(value)
    if not values:
        raise Unsupported(node.name)
    return values


Resolve = Callable[[str], "Shape | None"]


def _model_fields(node: ast.ClassDef, classes: Resolve) -> list[FieldCheck]:
    """A model's fields, in the order pydantic validates and dumps them."""
    fields: list[FieldCheck] = []
    config = None
    for item in node.body:
        if isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant):
            continue  # a docstring
        if isinstance(item, ast.Assign) and ast.unparse(item).startswith("model_config = "):
            config = item.value
            continue
        if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
            raise Unsupported(node.name)
        fields.append(_field(item.target.id, item.annotation, item.value is None, classes))
    if config is None or _config(config) != _CONFIG:
        raise Unsupported(node.name)
    wires = {f["wire"] for f in fields}
    if any(f["name"] != f["wire"] and f["name"] in wires for f in fields):
        raise Unsupported(node.name)  # a Python name that is another field's alias: pydantic looks it up twice
    return fields


def _config(node: ast.expr) -> dict[str, object]:
    if not (isinstance(node, ast.Call) and ast.unparse(node.func) == "ConfigDict" and not node.args):
        return {}
    out: dict[str, object] = {}
    for keyword in node.keywords:
        if keyword.arg is None or not isinstance(keyword.value, ast.Constant):
            return {}
        out[keyword.arg] = keyword.value.value
    return out


def _field(name: str, annotation: ast.expr, required: bool, classes: Resolve) -> FieldCheck:
    """One field: ``Annotated[type, Field(alias=..., ge=..., le=...)]`` or a bare type."""
    wire, bounds = name, None
    if isinstance(annotation, ast.Subscript) and ast.unparse(annotation.value) == "Annotated":
        elements = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
        if len(elements) != 2:
            raise Unsupported(name)
        annotation, info = elements
        wire, bounds = _field_info(name, info)
    shape = _shape(annotation, classes)
    if bounds is not None:
        if shape["type"] != "integer":
            raise Unsupported(name)  # bounds on anything but an integer: pydantic checks it
        shape["range"] = bounds
    return {"wire": wire, "name": name, "required": required, "shape": shape}


def _field_info(name: str, node: ast.expr) -> tuple[str, list[int | None] | None]:
    """alias, ge and le of ``Field(...)``: anything else (constraints, discriminators) is unsupported."""
    if not (isinstance(node, ast.Call) and ast.unparse(node.func) == "Field" and not node.args):
        raise Unsupported(name)
    found: dict[str, object] = {}
    for keyword in node.keywords:
        if keyword.arg in _METADATA:
            continue
        if keyword.arg not in ("alias", "ge", "le"):
            raise Unsupported(name)
        value = keyword.value
        if (
            isinstance(value, ast.UnaryOp)
            and isinstance(value.op, ast.USub)
            and isinstance(value.operand, ast.Constant)
        ):
            found[keyword.arg] = -value.operand.value  # type: ignore[operator]
        elif isinstance(value, ast.Constant):
            found[keyword.arg] = value.value
        else:
            raise Unsupported(name)
    alias = found.get("alias", name)
    low, high = found.get("ge"), found.get("le")
    for bound in (low, high):
        if bound is not None and (isinstance(bound, bool) or not isinstance(bound, int)):
            raise Unsupported(name)
    if not isinstance(alias, str):
        raise Unsupported(name)
    bounds = None if low is None and high is None else [low, high]
    return alias, bounds  # type: ignore[return-value]


def _shape(node: ast.expr, classes: Resolve, nullable: bool = False) -> Shape:
    """The shape of a type annotation pydantic validates in the subset, else Unsupported."""

    def make(kind: ShapeType, items: Shape | None = None, ref: str | None = None) -> Shape:
        return {"type": kind, "nullable": nullable, "items": items, "ref": ref, "range": None}

    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        members = _union(node)
        others = [m for m in members if not (isinstance(m, ast.Constant) and m.value is None)]
        if len(others) != 1 or len(members) != 2:
            raise Unsupported(ast.unparse(node))
        return _shape(others[0], classes, nullable=True)
    if isinstance(node, ast.Constant) and node.value is None:
        return make("null")
    if isinstance(node, ast.Name):
        if node.id in _SCALARS:
            return make(_SCALARS[node.id])
        root = classes(node.id)  # Unsupported when it is not a class of the models
        if root is not None:
            return {**root, "nullable": nullable or root["nullable"]}
        return make("model", ref=node.id)  # an enum's shape is fixed when the class is read
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        if node.value.id == "Literal":
            return make("enum", ref=ast.unparse(node))
        if node.value.id == "list":
            return make("array", items=_shape(node.slice, classes))
        if node.value.id == "dict" and isinstance(node.slice, ast.Tuple) and len(node.slice.elts) == 2:
            key, value = node.slice.elts
            if isinstance(key, ast.Name) and key.id == "str":
                return make("map", items=_shape(value, classes))
    raise Unsupported(ast.unparse(node))


def _union(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union(node.left) + _union(node.right)
    return [node]
