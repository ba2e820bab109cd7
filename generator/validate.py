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
    ours = structural(doc)
    return finish(ours, content(doc, ours))


def structural(doc: Document) -> list[Diagnostic]:
    """Our own checks of the document's shape, cheap enough to run every time; raise on any error.

    Later stages (the IR, the model generator) rely on what these guarantee:
    references resolve, nothing loops, operations are unique.
    """
    found = sorted(set(_own_checks(doc)))
    problems = [d for d in found if d.severity == "error"]
    if problems:
        raise GeneratorError(problems)
    return found


def content(doc: Document, ours: list[Diagnostic]) -> list[Diagnostic]:
    """The slow checks: examples and defaults against their schemas, then the OpenAPI schema itself.

    Returns every diagnostic, errors included (``finish`` sorts them out), so
    the result can travel back from a background process and into the cache.
    """
    values = list(_check_values(doc))
    upstream = list(_openapi_checks(doc, ours + values))
    return sorted(set(values) | set(upstream))


def finish(ours: list[Diagnostic], found: list[Diagnostic]) -> list[Diagnostic]:
    """``ours`` and the slow checks' ``found`` as ``validate`` reports them: errors raised, the rest returned."""
    problems = [d for d in found if d.severity == "error"]
    if problems:
        raise GeneratorError(sorted(set(problems)))
    return sorted(set(ours) | set(found))


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
    beside: dict[str, set[str]] = {}  # an allOf member's pointer -> what the whole allOf declares
    for ptr, node, is_schema in _walk(doc):  # a schema comes before its members
        if not isinstance(node, dict):
            continue
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield from _check_ref(doc, f"{ptr}/$ref", ref)
        if is_schema:
            if isinstance(node.get("allOf"), list):
                names = _declared_properties(doc, node, set()) | beside.get(ptr, set())
                beside.update({f"{ptr}/allOf/{i}": names for i in range(len(node["allOf"]))})
            yield from _check_schema(doc, ptr, node, beside.get(ptr, set()))
    yield from _check_operations(doc)


def _check_values(doc: Document) -> Iterator[Diagnostic]:
    """An example or default that its own schema rejects: a warning (the data is wrong, not the API)."""
    check = _value_checker(doc)
    if check is None:
        return
    for ptr, node, is_schema in _walk(doc):
        if not isinstance(node, dict):
            continue
        if is_schema:
            pairs = [(key, ptr) for key in ("default", "example") if key in node]
        elif isinstance(node.get("schema"), dict) and "example" in node:  # a parameter or a media type
            pairs = [("example", f"{ptr}/schema")]
        else:
            continue
        for key, schema_ptr in pairs:
            problem = check(node[key], schema_ptr)
            if problem:
                yield doc.diag(f"{ptr}/{key}", f"{key} does not match its schema: {_short(problem, 120)}", "warning")


def _value_checker(doc: Document) -> Any:
    """A function (value, schema pointer) -> first problem or None, with the spec's $refs resolvable."""
    try:
        from openapi_schema_validator import OAS30Validator, OAS31Validator
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4, DRAFT202012
    except ImportError:  # pragma: no cover - installed with openapi-spec-validator
        return None
    v31 = str(doc.data.get("openapi", "")).startswith("3.1")
    resource = Resource.from_contents(doc.data, default_specification=DRAFT202012 if v31 else DRAFT4)
    registry: Any = Registry().with_resource("urn:spec", resource)
    validator_cls = OAS31Validator if v31 else OAS30Validator

    def check(value: Any, schema_ptr: str) -> str | None:
        try:
            validator = validator_cls({"$ref": f"urn:spec#{schema_ptr}"}, registry=registry)
            error = next(iter(validator.iter_errors(value)), None)
        except Exception:  # a schema the validator cannot read is reported by the other checks
            return None
        if error is None:
            return None
        where = "".join(f"[{p!r}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        return f"{where.lstrip('.') + ': ' if where else ''}{error.message}"

    return check


def _check_ref(doc: Document, ptr: str, ref: str) -> Iterator[Diagnostic]:
    if not ref.startswith("#/"):
        yield doc.diag(ptr, f"only local references ('#/...') are supported; found {ref!r}")
        return
    try:
        _, target = doc.resolve(ref)
    except KeyError:
        yield doc.diag(ptr, f"$ref {ref!r} points to nothing in this document")
        return
    chain = [ref]
    while isinstance(target, dict) and "$ref" in target:  # siblings of a $ref do not give a way out
        nxt = target["$ref"]
        if not isinstance(nxt, str) or not nxt.startswith("#/"):
            return
        if nxt in chain:
            loop = " -> ".join([*chain[chain.index(nxt) :], nxt])
            yield doc.diag(ptr, f"circular $ref with no way out: {loop}")
            return
        chain.append(nxt)
        try:
            _, target = doc.resolve(nxt)
        except KeyError:
            return  # reported where that $ref is written


def _check_schema(doc: Document, ptr: str, node: dict[str, Any], beside: set[str]) -> Iterator[Diagnostic]:
    """``beside``: the properties declared next to this schema when it is a member of an allOf."""
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
    if "allOf" in node:  # every member holds for the object, so each may declare a required property
        declared = _declared_properties(doc, node, set()) | beside
    elif any(k in node for k in ("anyOf", "oneOf")):  # a member may declare the property
        declared = None
    elif isinstance(props, dict) or beside:
        declared = (set(props) if isinstance(props, dict) else set()) | beside
    else:
        declared = None
    if isinstance(required, list) and declared is not None:
        for index, name in enumerate(required):
            if name not in declared:
                yield doc.diag(
                    f"{ptr}/required/{index}",
                    f"required property {name!r} is not among the properties of this schema; "
                    "it stays required, with any value",
                    "warning",
                )
    short = node.get("x-cli-short")
    if short is not None:
        yield from _check_short(doc, f"{ptr}/x-cli-short", short)


def _declared_properties(doc: Document, node: Any, seen: set[str]) -> set[str]:
    """The property names a schema and its members (allOf, anyOf, oneOf, through $refs) declare."""
    if isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        if node["$ref"] in seen:
            return set()
        seen.add(node["$ref"])
        try:
            node = doc.resolve(node["$ref"])[1]
        except KeyError:
            return set()
    if not isinstance(node, dict):
        return set()
    props = node.get("properties")
    names = {str(k) for k in props} if isinstance(props, dict) else set()
    for key in ("allOf", "anyOf", "oneOf"):
        members = node.get(key)
        for member in members if isinstance(members, list) else []:
            names |= _declared_properties(doc, member, seen)
    return names


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
                yield from _check_path_parameters(doc, path, base, item, method, op)
                yield from _check_statuses(doc, f"{base}/{method}", op)
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


_TEMPLATE = re.compile(r"\{([^{}/]+)\}")
_STATUS = re.compile(r"^([1-5][0-9][0-9]|[1-5]XX|default)$")


def _declared(doc: Document, base: str, params: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Parameter objects of a list, $refs followed, with the pointer a diagnostic should name."""
    for index, raw in enumerate(params if isinstance(params, list) else []):
        ptr = f"{base}/parameters/{index}"
        node = raw
        if isinstance(raw, dict) and isinstance(raw.get("$ref"), str) and raw["$ref"].startswith("#/"):
            try:
                _, node = doc.resolve(raw["$ref"])
            except KeyError:
                continue
        if isinstance(node, dict):
            yield ptr, node


def _check_path_parameters(
    doc: Document, path: str, base: str, item: dict[str, Any], method: str, op: dict[str, Any]
) -> Iterator[Diagnostic]:
    """Every {name} of the path is a declared, required path parameter, and every one declared is in the path."""
    ptr = f"{base}/{method}"
    declared: dict[str, tuple[str, dict[str, Any]]] = {}
    for source, params in ((base, item.get("parameters")), (ptr, op.get("parameters"))):
        for p_ptr, param in _declared(doc, source, params):
            if param.get("in") == "path":
                declared[str(param.get("name"))] = (p_ptr, param)
    names = _TEMPLATE.findall(path)
    for name in names:
        if name not in declared:
            yield doc.diag(ptr, f"path parameter {{{name}}} of {path} is not declared in parameters")
    for name, (p_ptr, param) in sorted(declared.items()):
        if name not in names:
            yield doc.diag(p_ptr, f"path parameter {name!r} does not appear in the path {path}")
        elif param.get("required") is not True:
            yield doc.diag(p_ptr, f"path parameter {name!r} must have required: true")


def _check_statuses(doc: Document, ptr: str, op: dict[str, Any]) -> Iterator[Diagnostic]:
    responses = op.get("responses")
    for status in responses if isinstance(responses, dict) else []:
        if not _STATUS.match(str(status)):
            yield doc.diag(
                f"{ptr}/responses/{escape_pointer_token(str(status))}",
                f"invalid response status {status!r}; expected a code such as 200, a range such as 4XX, or default",
            )


def _check_parameters(doc: Document, ptr: str, params: Any) -> Iterator[Diagnostic]:
    if params is None:
        return
    if not isinstance(params, list):
        yield doc.diag(f"{ptr}/parameters", "parameters must be a list of Parameter Objects")
        return
    for index, param in enumerate(params):
        yield from _check_cli_names(doc, f"{ptr}/parameters/{index}", param)
    first: dict[tuple[str, str], str] = {}
    for p_ptr, param in _declared(doc, ptr, params):
        key = (str(param.get("name")), str(param.get("in")))
        if key in first:  # one request cannot carry two values of one parameter: which would the flag set?
            yield doc.diag(p_ptr, f"{key[1]} parameter {key[0]!r} is also declared at #{first[key]}")
        else:
            first[key] = p_ptr


# RFC 9110's token: what a header field name is, and (RFC 6265) what a cookie name is.
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


def _check_cli_names(doc: Document, ptr: str, param: Any) -> Iterator[Diagnostic]:
    """x-cli-short and x-cli-flag on a parameter; the name of a header or cookie parameter."""
    where = param.get("in") if isinstance(param, dict) else None
    name = param.get("name") if isinstance(param, dict) else None
    if where in ("header", "cookie") and isinstance(name, str) and not _TOKEN.match(name):
        yield doc.diag(
            f"{ptr}/name",
            f"{where} parameter name {name!r} is not an HTTP token (letters, digits and "
            f"!#$%&'*+.^_`|~-); sent as it is, it would break or add a {where}",
        )
    if isinstance(param, dict) and "x-cli-short" in param:
        yield from _check_short(doc, f"{ptr}/x-cli-short", param["x-cli-short"])
    if isinstance(param, dict) and "x-cli-flag" in param:
        yield from _check_flag(doc, f"{ptr}/x-cli-flag", param["x-cli-flag"])


def _openapi_checks(doc: Document, ours: list[Diagnostic]) -> Iterator[Diagnostic]:
    yield from upstream_checks(doc, ours)[1]


def upstream_validator(data: Any) -> Any:
    """The openapi-spec-validator class for the document's OpenAPI version (with its fast first pass)."""
    from generator.screen import spec_validator

    return spec_validator(data)


def _upstream_errors(data: Any) -> list[Any]:
    """Everything openapi-spec-validator finds in ``data`` (it raises on what it cannot read)."""
    return list(upstream_validator(data)(data).iter_errors())


def upstream_checks(doc: Document, ours: list[Diagnostic]) -> tuple[bool, list[Diagnostic]]:
    """openapi-spec-validator's findings as diagnostics, and whether it had nothing at all to say.

    Its complaints about a default or an example that ``ours`` already located
    become no diagnostic, so "nothing to say" is told apart from "nothing reported".
    """
    try:
        errors = _upstream_errors(doc.data)
    except Exception as exc:  # the validator raises for things our checks do not cover
        return False, [doc.diag("", f"the OpenAPI validator gave up: {exc.__class__.__name__}: {str(exc)[:200]}")]
    return not errors, list(_located(doc, errors, ours))


def _located(doc: Document, errors: list[Any], ours: list[Diagnostic]) -> Iterator[Diagnostic]:
    from jsonschema import _utils
    from jsonschema.exceptions import best_match
    from openapi_spec_validator.validation.exceptions import ExtraParametersError, OpenAPIValidationError

    version = str(doc.data.get("openapi", ""))
    schemas: list[tuple[str, Any]] | None = None
    values: dict[int, str] | None = None
    warned = {d.pointer for d in ours if d.severity == "warning"}
    for error in errors:
        if isinstance(error, ExtraParametersError):
            continue  # _check_schema warns at each such required name, located, and in more schemas
        if isinstance(error, OpenAPIValidationError) and isinstance(error.instance, _utils.Unset):
            # a rule of OpenAPI's own (a duplicate parameter or tag) that names no node: our checks
            # locate the ones we know, so this is one they missed, an error all the same
            yield doc.diag("", f"not valid OpenAPI {version}: {_short(error.message)}")
            continue
        if not error.absolute_path and error.instance is not doc.data:
            # a default or example checked against its schema: data, so a warning. Ours reports the
            # first problem of each value, located; the validator reports every problem of it.
            if values is None:
                values = _data_values(doc)
            where = values.get(id(error.instance)) if isinstance(error.instance, (dict, list)) else None
            if where in warned or any(error.message in d.message for d in ours if d.severity == "warning"):
                continue
            message = f"a default or example does not match its schema: {_short(error.message)}"
            yield doc.diag(where or "", message, "warning")
            continue
        path = list(error.absolute_path)
        detail = error
        if error.context:
            detail = best_match(error.context) or error
            path += list(detail.path)
        ptr = "".join("/" + escape_pointer_token(str(p)) for p in path)
        ptr = _at_unexpected_key(doc, ptr, detail)
        if ptr in doc.positions:
            yield doc.diag(ptr, f"not valid OpenAPI {version}: {_short(detail.message)}")
            continue
        # The validator checks each schema on its own and says where inside that schema, not which
        # schema: find the schemas that hold this very value at that place.
        if schemas is None:
            schemas = [(p, node) for p, node, is_schema in _walk(doc) if is_schema]
        found = _within_schemas(schemas, path, detail.instance)
        for where in found:
            yield doc.diag(where, f"not valid OpenAPI {version}: {_short(detail.message)}")
        if not found:
            yield doc.diag(
                "", f"not valid OpenAPI {version}: in a schema, at {ptr or 'its root'}: {_short(detail.message)}"
            )


def _at_unexpected_key(doc: Document, ptr: str, error: Any) -> str:
    """A key the OpenAPI schema does not allow (a typo: ``summery``) is placed at the key, not its object.

    The validator names the keys it did not expect in its message, quoted; the
    first of them in the document is where the error is shown.
    """
    if error.validator not in ("additionalProperties", "unevaluatedProperties") or not isinstance(error.instance, dict):
        return ptr
    for key in error.instance:
        if repr(key) in error.message and f"{ptr}/{escape_pointer_token(str(key))}" in doc.positions:
            return f"{ptr}/{escape_pointer_token(str(key))}"
    return ptr


def _data_values(doc: Document) -> dict[int, str]:
    """Where each default or example that is a mapping or a list sits, by the object's identity.

    The validator hands back the very object it checked, not where it was; an
    equal scalar could be anywhere, so only containers are placed this way.
    """
    found: dict[int, str] = {}
    for ptr, node, _ in _walk(doc):
        for key in ("default", "example"):
            value = node.get(key) if isinstance(node, dict) else None  # a schema may be `true`
            if isinstance(value, (dict, list)):
                found.setdefault(id(value), f"{ptr}/{key}")
    return found


def _within_schemas(schemas: list[tuple[str, Any]], path: list[Any], instance: Any) -> list[str]:
    """Pointers of the nodes that are ``instance`` at ``path`` below one of ``schemas``.

    The same object when it is a mapping or list; an equal value of the same type otherwise (a
    ``true`` where a number belongs is wrong wherever that relative place holds it).
    """
    found: set[str] = set()
    tail = "".join("/" + escape_pointer_token(str(p)) for p in path)
    for ptr, node in schemas:
        target = node
        for token in path:
            if isinstance(target, dict) and token in target:
                target = target[token]
            elif isinstance(target, list) and isinstance(token, int) and 0 <= token < len(target):
                target = target[token]
            else:
                break
        else:
            if target is instance or (type(target) is type(instance) and target == instance):
                found.add(ptr + tail)
    return sorted(found)


def _short(message: str, limit: int = 160) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"
