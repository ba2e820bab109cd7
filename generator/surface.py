"""What users of the generated package touch, as typed data: the input of the breaking-change report.

A Surface holds the CLI's commands and flags, the model classes and their
fields, and the client's methods and parameters. It is extracted either from
the IR and the spec (``from_spec``: two specs can be compared without
rendering anything, and every item knows the spec line it came from) or from
a generated tree (``from_tree``: the command tables of commands/<group>.py,
models.py and client.py, for comparing two committed outputs). Both sides of one comparison
always come from the same extractor, so their type spellings agree.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator import naming
from generator.diagnostics import escape_pointer_token, pointer
from generator.ir import Api, Operation, Option
from generator.load import Document


@dataclass(frozen=True)
class Where:
    """The spec file and line an item was written at."""

    file: str
    line: int


@dataclass(frozen=True)
class Flag:
    name: str  # --client-id
    short: str | None
    type: str  # string, int, bool, stringArray, enum, JSON, ...
    required: bool
    choices: tuple[str, ...]
    at: Where | None = None


@dataclass(frozen=True)
class Command:
    name: str  # authlete token process
    method: str
    path: str
    flags: dict[str, Flag]
    at: Where | None = None


@dataclass(frozen=True)
class Field:
    name: str  # Python attribute
    type: str  # without the "| None" an optional field adds
    required: bool
    choices: tuple[str, ...] = ()  # values of an inline enum (spec side)
    at: Where | None = None


@dataclass(frozen=True)
class Model:
    name: str  # class name
    fields: dict[str, Field]
    members: tuple[str, ...]  # values, for an enum class
    request: bool  # reachable from a request body
    response: bool  # reachable from a response body
    at: Where | None = None


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    at: Where | None = None


@dataclass(frozen=True)
class Method:
    name: str  # AuthleteClient.token_process
    params: dict[str, Param]
    returns: str
    at: Where | None = None


@dataclass(frozen=True)
class Surface:
    commands: dict[str, Command] = field(default_factory=dict)
    models: dict[str, Model] = field(default_factory=dict)
    methods: dict[str, Method] = field(default_factory=dict)


CLIENT = "AuthleteClient"


# ---------------------------------------------------------------- from the IR and the spec


def from_spec(api: Api, doc: Document) -> Surface:
    """The surface a spec produces, each item located in the file its node came from."""
    return Surface(
        commands={c.name: c for c in (_command(api, doc, op) for op in api.operations)},
        models=_spec_models(api, doc),
        methods={m.name: m for m in (_method(doc, op) for op in api.operations)},
    )


def _at(doc: Document, ptr: str) -> Where:
    file, line, _ = doc.source(ptr)
    return Where(file, line)


def _option_pointer(doc: Document, op: Operation, option: Option) -> str:
    """Where the parameter or body property behind a flag is written."""
    if option.location == "body" and op.body and op.body.schema:
        return pointer("components", "schemas", op.body.schema, "properties", option.wire_name)
    from generator.build import deref

    item_ptr = op.pointer.rsplit("/", 1)[0]
    for base in (op.pointer, item_ptr):
        node: Any = doc.data
        try:
            _, node = doc.resolve("#" + base)
        except KeyError:
            continue
        for index, raw in enumerate(node.get("parameters") or [] if isinstance(node, dict) else []):
            p_ptr, param, _ = deref(doc, raw, f"{base}/parameters/{index}")
            if isinstance(param, dict) and (param.get("in"), param.get("name")) == (option.location, option.wire_name):
                return p_ptr
    return op.pointer


def _command(api: Api, doc: Document, op: Operation) -> Command:
    flags = {
        o.flag: Flag(o.flag, o.short, o.type_label, o.required, o.choices, _at(doc, _option_pointer(doc, op, o)))
        for o in op.options
    }
    at = _at(doc, op.pointer)
    if op.body:
        body_ptr = f"{op.pointer}/requestBody"
        flags["--body"] = Flag("--body", None, "JSON", op.body.is_array, (), _at(doc, body_ptr))
        if op.body.form_field:
            flags["--param"] = Flag("--param", None, "KEY=VALUE", False, (), _at(doc, body_ptr))
    return Command(f"authlete {op.command}", op.method, op.path, flags, at)


def _query_type(option: Option) -> str:
    base = {"integer": "int", "number": "float", "boolean": "bool"}.get(option.kind, "str")
    return f"list[{base}]" if option.repeatable else base


def _method(doc: Document, op: Operation) -> Method:
    """The client method of an operation; types spelled as the client template spells them."""
    params: dict[str, Param] = {}
    for o in op.options:
        if o.location == "path":
            params[o.py_name] = Param(o.py_name, "str", True, _at(doc, _option_pointer(doc, op, o)))
    if op.body:
        model = f"models.{op.body.model}" if op.body.model else "dict[str, Any]"
        body_type = f"list[{model} | dict[str, Any]]" if op.body.is_array else f"{model} | dict[str, Any]"
        params["request"] = Param("request", body_type, op.body.required, _at(doc, f"{op.pointer}/requestBody"))
    for o in op.options:
        if o.location == "query":
            params[o.py_name] = Param(o.py_name, _query_type(o), False, _at(doc, _option_pointer(doc, op, o)))
    at = _at(doc, op.pointer)
    params[naming.REQUEST_OPTIONS] = Param(naming.REQUEST_OPTIONS, "RequestOptions", False, at)
    success = op.success
    returns = f"models.{success.model}" if success and success.model else "None"
    return Method(f"{CLIENT}.{naming.method_name(op.words)}", params, returns, at)


def _schemas(doc: Document) -> dict[str, Any]:
    schemas = (doc.data.get("components") or {}).get("schemas") or {}
    return schemas if isinstance(schemas, dict) else {}


def _refs(node: Any) -> Iterator[str]:
    """Component schema names a schema refers to, directly."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            yield ref.rsplit("/", 1)[-1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _reachable(start: set[str], schemas: dict[str, Any]) -> set[str]:
    seen: set[str] = set()
    todo = list(start)
    while todo:
        name = todo.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        todo.extend(_refs(schemas[name]))
    return seen


def _spec_models(api: Api, doc: Document) -> dict[str, Model]:
    schemas = _schemas(doc)
    by_class = {naming.class_name(name): name for name in schemas}
    requests = {by_class[op.body.model] for op in api.operations if op.body and op.body.model in by_class}
    responses = {by_class[r.model] for op in api.operations for r in op.responses if r.model in by_class}
    request_side = _reachable(requests, schemas)
    response_side = _reachable(responses, schemas)
    models = {}
    for name, schema in schemas.items():
        cls = naming.class_name(name)
        ptr = pointer("components", "schemas", name)
        members: tuple[str, ...] = ()
        fields: dict[str, Field] = {}
        if isinstance(schema, dict) and isinstance(schema.get("enum"), list):
            members = tuple(str(v) for v in schema["enum"])
        elif isinstance(schema, dict):
            required = set(schema.get("required") or [])
            for prop, prop_schema in (schema.get("properties") or {}).items():
                py = naming.field_name(prop)
                choices = _inline_choices(prop_schema)
                fields[py] = Field(
                    py,
                    _type(prop_schema),
                    prop in required,
                    choices,
                    _at(doc, f"{ptr}/properties/{escape_pointer_token(prop)}"),
                )
        models[cls] = Model(cls, fields, members, name in request_side, name in response_side, _at(doc, ptr))
    return models


def _inline_choices(schema: Any) -> tuple[str, ...]:
    if isinstance(schema, dict) and isinstance(schema.get("items"), dict):
        schema = schema["items"]
    if isinstance(schema, dict) and isinstance(schema.get("enum"), list) and "$ref" not in schema:
        return tuple(str(v) for v in schema["enum"])
    return ()


def _type(schema: Any) -> str:
    """A Python-like spelling of a property's type: what a change of it means to code."""
    if not isinstance(schema, dict):
        return "Any"
    ref = schema.get("$ref")
    if isinstance(ref, str):
        return naming.class_name(ref.rsplit("/", 1)[-1])
    if isinstance(schema.get("allOf"), list) and len(schema["allOf"]) == 1:
        return _type(schema["allOf"][0])
    if "enum" in schema:
        return "enum"
    kind = schema.get("type")
    if kind == "array":
        return f"list[{_type(schema.get('items'))}]"
    if kind == "object" or "properties" in schema:
        return "dict[str, Any]"
    return {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}.get(str(kind), "Any")


# ---------------------------------------------------------------- from a generated tree


def from_tree(files: dict[str, str], package: str) -> Surface:
    """The surface of a generated package, read from its command table, models and client."""
    table = _table(files, package)
    models = _tree_models(files, package, table)
    return Surface(commands=_tree_commands(table), models=models, methods=_tree_methods(files, package))


def _module(files: dict[str, str], path: str) -> list[ast.stmt]:
    """Top-level statements of a generated module; none if it is missing or broken (the file diff shows why)."""
    text = files.get(path)
    if text is None:
        return []
    try:
        return ast.parse(text).body
    except SyntaxError:
        return []


def _table(files: dict[str, str], package: str) -> dict[str, Any]:
    """Every command entry of a tree: the ``COMMANDS`` literal of each ``commands/<group>.py``."""
    found: dict[str, Any] = {}
    for path in sorted(p for p in files if p.startswith(f"{package}/commands/")):
        for node in _module(files, path):
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target] if isinstance(node, ast.AnnAssign) else []
            )
            value = getattr(node, "value", None)
            if value is not None and any(isinstance(t, ast.Name) and t.id == "COMMANDS" for t in targets):
                try:
                    table = ast.literal_eval(value)
                except ValueError:
                    continue
                if isinstance(table, dict):
                    found.update(table)
    return found


def _tree_commands(table: dict[str, Any]) -> dict[str, Command]:
    commands = {}
    for words, entry in table.items():
        flags = {
            o["flag"]: Flag(
                o["flag"], o.get("short"), o["type"], bool(o.get("required")), tuple(o.get("choices") or ())
            )
            for o in entry.get("options", [])
        }
        body = entry.get("body")
        if body:
            flags["--body"] = Flag("--body", None, "JSON", bool(body.get("array")), ())
            if body.get("form_field"):
                flags["--param"] = Flag("--param", None, "KEY=VALUE", False, ())
        name = f"authlete {words}"
        commands[name] = Command(name, str(entry.get("method")), str(entry.get("path")), flags)
    return commands


def _tree_models(files: dict[str, str], package: str, table: dict[str, Any]) -> dict[str, Model]:
    classes: dict[str, tuple[dict[str, Field], tuple[str, ...]]] = {}
    for node in _module(files, f"{package}/models.py"):
        if isinstance(node, ast.ClassDef):
            classes[node.name] = _class_surface(node)
    requests = {e["body"]["model"] for e in table.values() if e.get("body") and e["body"].get("model")}
    responses = {m for e in table.values() for m in (e.get("responses") or {}).values() if m}

    def reach(start: set[str]) -> set[str]:
        seen: set[str] = set()
        todo = list(start)
        while todo:
            name = todo.pop()
            if name in seen or name not in classes:
                continue
            seen.add(name)
            for f in classes[name][0].values():
                todo.extend(n.id for n in ast.walk(ast.parse(f.type, mode="eval")) if isinstance(n, ast.Name))
        return seen

    request_side, response_side = reach(requests), reach(responses)
    return {
        name: Model(name, fields, members, name in request_side, name in response_side)
        for name, (fields, members) in classes.items()
    }


def _class_surface(node: ast.ClassDef) -> tuple[dict[str, Field], tuple[str, ...]]:
    """Fields of a model class, or the values of an enum class."""
    is_enum = any(isinstance(b, ast.Name) and b.id in ("Enum", "OpenEnum") for b in node.bases)
    fields: dict[str, Field] = {}
    members: list[str] = []
    for item in node.body:
        if is_enum and isinstance(item, ast.Assign) and isinstance(item.value, ast.Constant):
            members.append(str(item.value.value))
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) and item.target.id != "model_config":
            fields[item.target.id] = Field(
                item.target.id, _annotation(item.annotation), item.value is None or _is_required_field(item.value)
            )
    return fields, tuple(members)


def _is_required_field(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and value.value is Ellipsis


def _annotation(annotation: ast.expr) -> str:
    """``Annotated[str | None, Field(...)]`` -> ``str``: the type a user sees, optionality apart."""
    if isinstance(annotation, ast.Subscript) and isinstance(annotation.value, ast.Name):
        if annotation.value.id == "Annotated" and isinstance(annotation.slice, ast.Tuple) and annotation.slice.elts:
            return _annotation(annotation.slice.elts[0])
    text = ast.unparse(annotation)
    parts = [p.strip() for p in text.split(" | ")]
    if "None" in parts and len(parts) > 1:
        text = " | ".join(p for p in parts if p != "None")
    return text


def _tree_methods(files: dict[str, str], package: str) -> dict[str, Method]:
    methods = {}
    for node in _module(files, f"{package}/client.py"):
        if isinstance(node, ast.ClassDef) and node.name == CLIENT:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("_") and item.name != "close":
                    methods[f"{CLIENT}.{item.name}"] = _signature(item)
    # a method's *_raw and *_pages twins follow it; the plain method stands for all three
    twins = {f"{name}{suffix}" for name in methods for suffix in ("_raw", "_pages")}
    return {name: method for name, method in methods.items() if name not in twins}


def _signature(func: ast.FunctionDef) -> Method:
    args = func.args
    params: dict[str, Param] = {}
    positional = args.posonlyargs + args.args
    defaults_from = len(positional) - len(args.defaults)
    for index, arg in enumerate(positional):
        if arg.arg == "self":
            continue
        params[arg.arg] = Param(
            arg.arg, _annotation(arg.annotation) if arg.annotation else "Any", index < defaults_from
        )
    for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        params[arg.arg] = Param(arg.arg, _annotation(arg.annotation) if arg.annotation else "Any", default is None)
    returns = ast.unparse(func.returns) if func.returns else "None"
    return Method(f"{CLIENT}.{func.name}", params, returns)
