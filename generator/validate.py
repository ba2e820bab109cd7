"""Reject specs we cannot generate from, with every problem located.

Our own checks run first because the upstream validator stops at the first
dangling $ref with an unlocated exception; once references are sound, the
OpenAPI schema validation from openapi-spec-validator runs over the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator import naming
from generator.diagnostics import Diagnostic, GeneratorError, escape_pointer_token
from generator.load import Document

_SCHEMA_TYPES = frozenset({"string", "integer", "number", "boolean", "array", "object"})
_SHORT_RESERVED = {"d", "H", "h", "o", "q"}


def validate(doc: Document) -> list[Diagnostic]:
    """Raise GeneratorError listing every error of ``doc``; return its warnings and notes."""
    found = sorted(set(_own_checks(doc)))
    problems = [d for d in found if d.severity == "error"]
    if not problems:
        problems = list(_openapi_checks(doc))
    if problems:
        raise GeneratorError(sorted(set(problems)))
    return found


# Keys whose values are data, never schemas or OpenAPI objects: our checks do not look inside.
_DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const"})
# Keywords whose value is one schema, a list of schemas or a mapping of names to schemas.
_ONE_SCHEMA = (
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
    "additionalItems",
)
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_MAPS = ("properties", "patternProperties", "dependentSchemas", "$defs", "definitions")


def _is_data(key: str) -> bool:
    return key in _DATA_KEYS or key.startswith("x-")


def _walk(doc: Document) -> Iterator[tuple[str, Any, bool]]:
    """Every OpenAPI object and schema of the document as (pointer, node, is_schema).

    Values that are data (examples, defaults, enums, extensions) are not entered,
    so an example that happens to contain ``type: aws_proxy`` is not a schema.
    """
    stack: list[tuple[str, Any, bool]] = [("", doc.data, False)]
    while stack:
        ptr, node, is_schema = stack.pop()
        if isinstance(node, bool) and is_schema:
            yield ptr, node, True
            continue
        if not isinstance(node, (dict, list)):
            continue
        if isinstance(node, list):
            stack.extend((f"{ptr}/{i}", v, is_schema) for i, v in reversed(list(enumerate(node))))
            continue
        yield ptr, node, is_schema
        children: list[tuple[str, Any, bool]] = []
        if is_schema:
            for key in _ONE_SCHEMA:
                if key in node and isinstance(node[key], (dict, bool, list)):
                    children.append((f"{ptr}/{key}", node[key], True))
            for key in _SCHEMA_LISTS:
                if isinstance(node.get(key), list):
                    children.append((f"{ptr}/{key}", node[key], True))
            for key in _SCHEMA_MAPS:
                value = node.get(key)
                if isinstance(value, dict):
                    base = f"{ptr}/{escape_pointer_token(key)}"
                    children += [(f"{base}/{escape_pointer_token(str(k))}", v, True) for k, v in value.items()]
            if isinstance(node.get("discriminator"), dict):
                children.append((f"{ptr}/discriminator", node["discriminator"], False))
        else:
            for key, value in node.items():
                key = str(key)
                if _is_data(key) and not (key == "examples" and isinstance(value, dict)):
                    continue
                child = f"{ptr}/{escape_pointer_token(key)}"
                if key == "schema" or (key == "schemas" and ptr == "/components"):
                    if key == "schemas" and isinstance(value, dict):
                        children += [(f"{child}/{escape_pointer_token(str(k))}", v, True) for k, v in value.items()]
                    else:
                        children.append((child, value, True))
                elif key == "examples":  # Example Objects: follow their $refs, never their values
                    children += [
                        (f"{child}/{escape_pointer_token(str(k))}", {"$ref": v["$ref"]}, False)
                        for k, v in value.items()
                        if isinstance(v, dict) and "$ref" in v
                    ]
                elif key not in ("value", "links"):
                    children.append((child, value, False))
        stack.extend(reversed(children))


def _own_checks(doc: Document) -> Iterator[Diagnostic]:
    data = doc.data
    version = str(data.get("openapi", ""))
    if not version.startswith("3."):
        found = repr(data.get("openapi")) if "openapi" in data else "nothing"
        yield doc.diag("/openapi", f"only OpenAPI 3.x is supported; found {found}")
        return
    for ptr, node, is_schema in _walk(doc):
        if not isinstance(node, dict):
            continue
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield from _check_ref(doc, f"{ptr}/$ref", ref)
        if is_schema:
            yield from _check_schema(doc, ptr, node)
    yield from _check_operations(doc)


def _check_ref(doc: Document, ptr: str, ref: str) -> Iterator[Diagnostic]:
    if not ref.startswith("#/"):
        yield doc.diag(ptr, f"only local references ('#/...') are supported; found {ref!r}")
        return
    try:
        doc.resolve(ref)
    except KeyError:
        yield doc.diag(ptr, f"$ref {ref!r} points to nothing in this document")


def _check_schema(doc: Document, ptr: str, node: dict[str, Any]) -> Iterator[Diagnostic]:
    if "required" in node and not (
        isinstance(node["required"], list) and all(isinstance(n, str) for n in node["required"])
    ):
        yield doc.diag(f"{ptr}/required", "required must be a list of property names")
    if "properties" in node and not isinstance(node["properties"], dict):
        yield doc.diag(f"{ptr}/properties", "properties must be a mapping of property names to schemas")
    if "x-cli-flag" in node:
        yield from _check_flag(doc, f"{ptr}/x-cli-flag", node["x-cli-flag"])
    kinds = node.get("type")
    known = _SCHEMA_TYPES | {"null"} if str(doc.data.get("openapi")).startswith("3.1") else _SCHEMA_TYPES
    for index, kind in enumerate(kinds if isinstance(kinds, list) else [] if kinds is None else [kinds]):
        if not isinstance(kind, str) or kind not in known:
            at = f"{ptr}/type" + (f"/{index}" if isinstance(kinds, list) else "")
            yield doc.diag(at, f"unknown schema type {kind!r}; expected one of {', '.join(sorted(known))}")
    required = node.get("required")
    props = node.get("properties")
    composed = any(k in node for k in ("allOf", "anyOf", "oneOf"))  # a member may declare the property
    if isinstance(required, list) and isinstance(props, dict) and not composed:
        for index, name in enumerate(required):
            if name not in props:
                yield doc.diag(
                    f"{ptr}/required/{index}",
                    f"required property {name!r} is not among the properties of this schema; "
                    "it stays required, with any value",
                    "warning",
                )
    short = node.get("x-cli-short")
    if short is not None:
        yield from _check_short(doc, f"{ptr}/x-cli-short", short)


_FLAG_NAME = re.compile(r"^(--)?[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def _check_flag(doc: Document, ptr: str, flag: Any) -> Iterator[Diagnostic]:
    if not (isinstance(flag, str) and _FLAG_NAME.match(flag)):
        yield doc.diag(ptr, f"x-cli-flag must be a kebab-case flag name such as 'batch-dry-run'; found {flag!r}")


def _check_short(doc: Document, ptr: str, short: Any) -> Iterator[Diagnostic]:
    if not (isinstance(short, str) and len(short) == 1 and short.isalpha()):
        yield doc.diag(ptr, f"x-cli-short must be one letter; found {short!r}")
    elif short in _SHORT_RESERVED:
        yield doc.diag(ptr, f"x-cli-short {short!r} is taken by a global option (-d, -H, -h, -o, -q)")


_HTTP_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options", "trace"})


def _check_operations(doc: Document) -> Iterator[Diagnostic]:
    seen: dict[str, str] = {}
    paths = doc.data.get("paths")
    for path, item in paths.items() if isinstance(paths, dict) else []:
        if not isinstance(item, dict):
            continue
        base = f"/paths/{escape_pointer_token(path)}"
        yield from _check_parameters(doc, base, item.get("parameters"))
        for method, op in item.items():
            if method in _HTTP_METHODS and isinstance(op, dict):
                yield from _check_operation(doc, f"{base}/{method}", op, seen, naming.operation_id(method, path, op))
    components = doc.data.get("components")
    params = components.get("parameters") if isinstance(components, dict) else None
    for name, param in params.items() if isinstance(params, dict) else []:
        yield from _check_cli_names(doc, f"/components/parameters/{escape_pointer_token(name)}", param)
    groups = doc.data.get("x-cli-groups")
    if groups is not None and not (isinstance(groups, dict) and all(isinstance(v, str) for v in groups.values())):
        yield doc.diag(
            "/x-cli-groups", "x-cli-groups must map command group paths (e.g. 'token management') to help text"
        )


def _check_operation(
    doc: Document, ptr: str, op: dict[str, Any], seen: dict[str, str], op_id: str
) -> Iterator[Diagnostic]:
    if op_id != op.get("operationId"):
        yield doc.diag(ptr, f"operation has no operationId; named {op_id!r} after its method and path", "note")
    if op_id in seen:
        yield doc.diag(f"{ptr}/operationId", f"operationId {op_id!r} is also used at #{seen[op_id]}")
    else:
        seen[op_id] = ptr
    yield from _check_parameters(doc, ptr, op.get("parameters"))
    for key in ("x-speakeasy-group", "x-speakeasy-name-override"):
        if key in op and not (isinstance(op[key], str) and op[key].strip()):
            yield doc.diag(f"{ptr}/{key}", f"{key} must be a non-empty string")
    command = op.get("x-cli-command")
    if command is not None and (not isinstance(command, str) or not command.split()):
        yield doc.diag(f"{ptr}/x-cli-command", "x-cli-command must be a non-empty string of command words")


def _check_parameters(doc: Document, ptr: str, params: Any) -> Iterator[Diagnostic]:
    if params is None:
        return
    if not isinstance(params, list):
        yield doc.diag(f"{ptr}/parameters", "parameters must be a list of Parameter Objects")
        return
    for index, param in enumerate(params):
        yield from _check_cli_names(doc, f"{ptr}/parameters/{index}", param)


def _check_cli_names(doc: Document, ptr: str, param: Any) -> Iterator[Diagnostic]:
    """x-cli-short and x-cli-flag on a parameter."""
    if isinstance(param, dict) and "x-cli-short" in param:
        yield from _check_short(doc, f"{ptr}/x-cli-short", param["x-cli-short"])
    if isinstance(param, dict) and "x-cli-flag" in param:
        yield from _check_flag(doc, f"{ptr}/x-cli-flag", param["x-cli-flag"])


def _openapi_checks(doc: Document) -> Iterator[Diagnostic]:
    from jsonschema.exceptions import best_match
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    version = str(doc.data.get("openapi", ""))
    validator_cls = OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator
    try:
        errors = list(validator_cls(doc.data).iter_errors())
    except Exception as exc:  # the validator raises for things our checks do not cover
        yield doc.diag("", f"the OpenAPI validator gave up: {exc.__class__.__name__}: {str(exc)[:200]}")
        return
    for error in errors:
        path = list(error.absolute_path)
        detail = error
        if error.context:
            detail = best_match(error.context) or error
            path += list(detail.path)
        ptr = "".join("/" + escape_pointer_token(str(p)) for p in path)
        if ptr not in doc.positions:  # the validator reports schema problems relative to the schema
            yield doc.diag(
                "", f"not valid OpenAPI {version}: in a schema, at {ptr or 'its root'}: {_short(detail.message)}"
            )
            continue
        yield doc.diag(ptr, f"not valid OpenAPI {version}: {_short(detail.message)}")


def _short(message: str, limit: int = 160) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"
