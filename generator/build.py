"""Turn a validated spec into the IR: operations, options, groups and models.

This is the only stage that reads the spec's shape; templates never see it.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import replace
from typing import Any

from generator import naming, outcomes
from generator.diagnostics import Diagnostic, GeneratorError, escape_pointer_token
from generator.ir import Api, Body, Group, HttpMapping, OAuthHelpers, Operation, Option, Response, Server
from generator.load import Document

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_LOCATION_ORDER = {"path": 0, "query": 1, "header": 2, "body": 3}


def build(doc: Document, package: str, skip: frozenset[str] = frozenset()) -> Api:
    """Build the IR; raise GeneratorError listing every conflict and unsupported construct found.

    Nothing is dropped silently: an operation we cannot generate is an error
    unless its operationId is in ``skip``, and then it is reported as a note.
    """
    problems: list[Diagnostic] = []
    operations = []
    for ptr, path, method, op in _each_operation(doc):
        op_id = naming.operation_id(method, path, op)
        unsupported = list(_unsupported(doc, ptr, path, op))
        if op_id in skip:
            problems.append(doc.diag(ptr, f"operation {op_id} skipped as asked (--skip)", "note"))
        elif unsupported:
            problems += [doc.diag(p, f"{m}; leave the operation out with --skip {op_id}") for p, m in unsupported]
        else:
            operations.append(_operation(doc, ptr, path, method, op_id, op, problems))
    known = {naming.operation_id(method, path, op) for _, path, method, op in _each_operation(doc)}
    for op_id in sorted(skip - known):
        problems.append(doc.diag("", f"--skip {op_id}: no operation has this operationId"))
    operations.sort(key=lambda o: o.words)
    _check_command_clashes(doc, operations, problems)
    mappings, oauth = _extensions(doc, operations, problems)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise GeneratorError(sorted(set(errors)))
    return Api(
        title=str(doc.data.get("info", {}).get("title", "API")),
        version=str(doc.data.get("info", {}).get("version", "0")),
        package=package,
        servers=tuple(_servers(doc)),
        operations=tuple(operations),
        groups=tuple(_groups(doc, operations)),
        notes=tuple(sorted({p for p in problems if p.severity != "error"})),
        http_mappings=mappings,
        oauth=oauth,
    )


def _extensions(
    doc: Document, operations: list[Operation], problems: list[Diagnostic]
) -> tuple[tuple[HttpMapping, ...], OAuthHelpers | None]:
    """Our x-http-response and x-cli-oauth extensions (see generator/outcomes.py)."""
    mappings = outcomes.http_mappings(doc, problems)
    oauth = outcomes.oauth_helpers(doc, problems)
    if oauth is not None:
        forms = {op.operation_id: (op.command, bool(op.body and op.body.form_field)) for op in operations}
        oauth = outcomes.with_commands(doc, oauth, forms, problems)
    return mappings, oauth


def _each_operation(doc: Document):
    for path, item in (doc.data.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in _METHODS:
            if isinstance(item.get(method), dict):
                ptr = f"/paths/{escape_pointer_token(path)}/{method}"
                yield ptr, path, method, item[method]


def _unsupported(doc: Document, ptr: str, path: str, op: dict[str, Any]):
    """Parts of an operation the generated CLI and client could not send: (pointer, reason)."""
    item = doc.data["paths"][path]
    for base, params in ((ptr.rsplit("/", 1)[0], item.get("parameters")), (ptr, op.get("parameters"))):
        for index, raw in enumerate(params or []):
            p_ptr, param, _ = deref(doc, raw, f"{base}/parameters/{index}")
            if isinstance(param, dict) and param.get("in") == "cookie":
                yield f"{base}/parameters/{index}", f"cookie parameter {param.get('name')!r} is not supported"
    raw_body = op.get("requestBody")
    if isinstance(raw_body, dict):
        body_ptr, body, _ = deref(doc, raw_body, f"{ptr}/requestBody")
        content = body.get("content") or {}
        if content and not any(_is_json(media) or media == "application/x-www-form-urlencoded" for media in content):
            kinds = ", ".join(sorted(content))
            yield f"{body_ptr}/content", f"request body media type {kinds} is not supported (only JSON bodies are)"


def _is_json(media: str) -> bool:
    return media == "application/json" or media.endswith("+json")


def deref(doc: Document, node: Any, ptr: str) -> tuple[str, Any, str | None]:
    """Follow $ref chains; returns the target's pointer, value and component name."""
    name = None
    seen = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if ref in seen:
            break
        seen.add(ref)
        ptr, node = doc.resolve(ref)
        name = ref.rsplit("/", 1)[-1] if ref.startswith("#/components/schemas/") else name
    return ptr, node, name


def _words(op: dict[str, Any], op_id: str) -> tuple[str, ...]:
    """Command words: x-cli-command, else x-speakeasy-group/name-override, else tag + operationId."""
    explicit = op.get("x-cli-command")
    if isinstance(explicit, str) and explicit.split():
        return tuple(naming.command_word(w) for w in explicit.split())
    group_ext = op.get("x-speakeasy-group")
    name_ext = op.get("x-speakeasy-name-override")
    tags = op.get("tags") or []
    if isinstance(group_ext, str) and group_ext:
        group = naming.group_words_from_speakeasy(group_ext)
    elif tags:
        group = (naming.group_word_from_tag(str(tags[0])),)
    else:
        group = ()
    if isinstance(name_ext, str) and name_ext:
        name = naming.command_word(name_ext)
    else:
        name = naming.command_word_from_operation_id(op_id)
    return (*group, name)


def _text(node: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = node.get(key)
        if isinstance(value, str) and value.strip():
            return _normalize(value)
    return ""


def _normalize(text: str) -> str:
    """Collapse line wrapping inside paragraphs; keep blank lines between them."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _kind(doc: Document, schema: Any, ptr: str) -> tuple[str, bool, tuple[str, ...], str]:
    """Classify a schema for the CLI: (kind, repeatable, choices, type label)."""
    _, schema, _ = deref(doc, schema, ptr)
    if not isinstance(schema, dict):
        return "json", False, (), "JSON"
    if isinstance(schema.get("allOf"), list) and len(schema["allOf"]) == 1:
        return _kind(doc, schema["allOf"][0], ptr)
    if "enum" in schema and schema.get("type", "string") == "string":
        return "enum", False, tuple(str(v) for v in schema["enum"]), "enum"
    kind = schema.get("type")
    if kind in ("string", "integer", "number", "boolean"):
        label = {"string": "string", "integer": "int", "number": "float", "boolean": "bool"}[kind]
        return kind, False, (), label
    if kind == "array":
        item_kind, item_rep, choices, label = _kind(doc, schema.get("items", {}), ptr)
        if item_kind in ("string", "integer", "number", "enum") and not item_rep:
            return item_kind, True, choices, f"{label}Array"
    return "json", False, (), "JSON"


def _int_format(doc: Document, schema: Any, ptr: str) -> str | None:
    """The format (int32, int64) of an integer schema or of an integer array's items."""
    _, schema, _ = deref(doc, schema, ptr)
    if isinstance(schema, dict) and schema.get("type") == "array":
        _, schema, _ = deref(doc, schema.get("items", {}), ptr)
    if isinstance(schema, dict) and schema.get("type") == "integer" and schema.get("format") in ("int32", "int64"):
        return str(schema["format"])
    return None


def _parameter_options(
    doc: Document, ptr: str, path_item: dict[str, Any], op: dict[str, Any]
) -> list[tuple[str, dict[str, Any]]]:
    """Path-item and operation parameters (the operation's win), with their pointers."""
    merged: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
    item_ptr = ptr.rsplit("/", 1)[0]
    for base, params in ((item_ptr, path_item.get("parameters")), (ptr, op.get("parameters"))):
        for index, raw in enumerate(params or []):
            p_ptr, param, _ = deref(doc, raw, f"{base}/parameters/{index}")
            if isinstance(param, dict) and param.get("in") in ("path", "query", "header"):
                merged[(param["in"], param.get("name", ""))] = (
                    p_ptr if "$ref" in raw else f"{base}/parameters/{index}",
                    param,
                )
    return list(merged.values())


def _operation(
    doc: Document, ptr: str, path: str, method: str, op_id: str, op: dict[str, Any], problems: list[Diagnostic]
) -> Operation:
    path_item = doc.data["paths"][path]
    words = _words(op, op_id)
    options: list[Option] = []
    for p_ptr, param in _parameter_options(doc, ptr, path_item, op):
        kind, repeatable, choices, label = _kind(doc, param.get("schema", {}), p_ptr)
        flag, renamed = naming.command_flag(param["name"], param["in"], param.get("x-cli-flag"))
        options.append(
            Option(
                flag=flag,
                short=_short(param.get("x-cli-short")),
                py_name=naming.identifier(flag[2:]),
                location=param["in"],
                wire_name=param["name"],
                kind=kind,  # type: ignore[arg-type]
                repeatable=repeatable,
                required=bool(param.get("required")),
                choices=choices,
                help=_text(param, "description") or _text(param.get("schema", {}), "description"),
                type_label=label,
                renamed=renamed,
                pointer=p_ptr,
                int_format=_int_format(doc, param.get("schema", {}), p_ptr),
            )
        )
        if renamed:
            problems.append(
                doc.diag(
                    p_ptr,
                    f"flag {naming.long_flag(param['name'])} clashes with a global option; generated as {flag}",
                    "note",
                )
            )
    body, body_options = _body(doc, ptr, op, problems)
    options.extend(body_options)
    options = _resolve_option_clashes(doc, ptr, op_id, options, problems)
    options.sort(key=lambda o: o.flag)
    responses = tuple(_responses(doc, ptr, op))
    return Operation(
        operation_id=op_id,
        method=method.upper(),
        path=path,
        summary=_text(op, "summary") or _text(op, "description").split("\n")[0],
        description=_text(op, "description"),
        words=words,
        options=tuple(options),
        body=body,
        responses=responses,
        tags=tuple(str(t) for t in op.get("tags") or ()),
        example=_example(doc, words, op, options, body),
        pointer=ptr,
    )


def _short(value: Any) -> str | None:
    return f"-{value}" if isinstance(value, str) and value else None


def _body(doc: Document, ptr: str, op: dict[str, Any], problems: list[Diagnostic]) -> tuple[Body | None, list[Option]]:
    raw = op.get("requestBody")
    if not isinstance(raw, dict):
        return None, []
    body_ptr, request_body, _ = deref(doc, raw, f"{ptr}/requestBody")
    content = request_body.get("content") or {}
    media_types = tuple(sorted(content))
    media = content.get("application/json") or next(iter(content.values()), {})
    schema_ptr = f"{body_ptr}/content/{escape_pointer_token('application/json')}/schema"
    target_ptr, schema, schema_name = deref(doc, media.get("schema", {}), schema_ptr)
    required_body = bool(request_body.get("required"))
    if isinstance(schema, dict) and schema.get("type") == "array":
        _, _, item_name = deref(doc, schema.get("items", {}), f"{target_ptr}/items")
        model = naming.class_name(item_name) if item_name else None
        return Body(schema_name, model, True, required_body, media_types, None), []
    props = dict(schema.get("properties") or {}) if isinstance(schema, dict) else {}
    required = set(schema.get("required") or []) if isinstance(schema, dict) else set()
    for name in sorted(required - set(props)):  # required but undescribed: still required, any value
        props[name] = {"description": "Required by the spec, which does not describe it."}
    options = []
    form_field = None
    for name, prop in (props or {}).items():
        prop_ptr = f"{target_ptr}/properties/{escape_pointer_token(name)}"
        kind, repeatable, choices, label = _kind(doc, prop, prop_ptr)
        _, resolved, _ = deref(doc, prop, prop_ptr)
        flag, renamed = naming.command_flag(name, "field", prop.get("x-cli-flag") if isinstance(prop, dict) else None)
        if renamed:
            problems.append(
                doc.diag(
                    prop_ptr, f"flag {naming.long_flag(name)} clashes with a global option; generated as {flag}", "note"
                )
            )
        if name == "parameters" and kind == "string" and "application/x-www-form-urlencoded" in media_types:
            form_field = name
        description = _text(prop if isinstance(prop, dict) else {}, "description") or _text(
            resolved if isinstance(resolved, dict) else {}, "description"
        )
        if kind == "json":
            description = (description + "\n\n" if description else "") + "Give the value as JSON."
        options.append(
            Option(
                flag=flag,
                short=_short(prop.get("x-cli-short") if isinstance(prop, dict) else None),
                py_name=naming.identifier(flag[2:]),
                location="body",
                wire_name=name,
                kind=kind,  # type: ignore[arg-type]
                repeatable=repeatable,
                required=name in required,
                choices=choices,
                help=description,
                type_label=label,
                renamed=renamed,
                pointer=prop_ptr if name in (schema.get("properties") or {}) else f"{target_ptr}/required",
                int_format=_int_format(doc, prop, prop_ptr),
            )
        )
    model = naming.class_name(schema_name) if schema_name else None
    return Body(schema_name, model, False, required_body, media_types, form_field), options


def _responses(doc: Document, ptr: str, op: dict[str, Any]):
    for status, raw in sorted((op.get("responses") or {}).items()):
        r_ptr, response, _ = deref(doc, raw, f"{ptr}/responses/{status}")
        content = (response or {}).get("content") or {}
        media = content.get("application/json")
        model = None
        if isinstance(media, dict) and "schema" in media:
            _, _, name = deref(doc, media["schema"], f"{r_ptr}/content/application~1json/schema")
            model = naming.class_name(name) if name else None
        yield Response(str(status), model)


def _resolve_option_clashes(
    doc: Document, ptr: str, op_id: str, options: list[Option], problems: list[Diagnostic]
) -> list[Option]:
    """Two parts of a request that would get one flag: the first in location order keeps it.

    Order is path, query, header, body (then the spec's order), so a path
    parameter ``clientId`` stays ``--client-id`` and a body field of the same
    name becomes ``--body-client-id``; the rename is reported as a note.
    """
    resolved: list[Option] = []
    flags: dict[str, Option] = {}
    names: dict[str, Option] = {}
    shorts: dict[str, Option] = {}
    for option in sorted(options, key=lambda o: _LOCATION_ORDER[o.location]):
        other = flags.get(option.flag) or names.get(option.py_name)
        if other is not None:
            flag = f"--{option.location}-{option.flag[2:]}"
            where = f"{option.location} {'field' if option.location == 'body' else 'parameter'}"
            if flag in flags or naming.identifier(flag[2:]) in names:
                problems.append(
                    doc.diag(
                        option.pointer or ptr,
                        f"{where} {option.wire_name!r} clashes with {other.location} {other.wire_name!r} "
                        f"even as {flag}; set x-cli-flag on one of them",
                    )
                )
                continue
            problems.append(
                doc.diag(
                    option.pointer or ptr,
                    f"{where} {option.wire_name!r} would have the flag {option.flag} of {other.location} "
                    f"{other.wire_name!r} in {op_id}; generated as {flag}",
                    "note",
                )
            )
            option = replace(option, flag=flag, py_name=naming.identifier(flag[2:]), renamed=True)
        if option.short and option.short in shorts:
            problems.append(
                doc.diag(
                    option.pointer or ptr,
                    f"short flag {option.short} of {option.flag} is also set on {shorts[option.short].flag}; "
                    f"{option.flag} gets none",
                    "warning",
                )
            )
            option = replace(option, short=None)
        flags[option.flag] = names[option.py_name] = option
        if option.short:
            shorts[option.short] = option
        resolved.append(option)
    return resolved


def _check_command_clashes(doc: Document, operations: list[Operation], problems: list[Diagnostic]) -> None:
    seen: dict[tuple[str, ...], Operation] = {}
    groups = {op.words[:i] for op in operations for i in range(1, len(op.words))}
    for op in operations:
        if op.words in seen:
            problems.append(
                doc.diag(
                    op.pointer,
                    f"command '{op.command}' is also generated for {seen[op.words].operation_id}; set x-cli-command on one of them",
                )
            )
        elif op.words in groups:
            problems.append(
                doc.diag(op.pointer, f"command '{op.command}' has the same name as a command group; set x-cli-command")
            )
        seen[op.words] = op


def _example(
    doc: Document, words: tuple[str, ...], op: dict[str, Any], options: list[Option], body: Body | None
) -> str:
    """A runnable invocation built from the spec's own examples for the required options."""
    values: dict[tuple[str, str], Any] = {}
    for raw in op.get("parameters") or []:
        _, param, _ = deref(doc, raw, "")
        if isinstance(param, dict) and "example" in param:
            values[(param["in"], param["name"])] = param["example"]
    raw_body = op.get("requestBody")
    if isinstance(raw_body, dict):
        _, request_body, _ = deref(doc, raw_body, "")
        media = (request_body.get("content") or {}).get("application/json") or {}
        example = media.get("example")
        if isinstance(example, dict):
            values.update({("body", k): v for k, v in example.items()})
        elif isinstance(example, list) and body and body.is_array:
            values[("body", "")] = json.dumps(example, separators=(",", ":"))
    parts = ["authlete", *words]
    for option in sorted(options, key=lambda o: (_LOCATION_ORDER[o.location], o.flag)):
        value = values.get((option.location, option.wire_name))
        if not option.required or value is None or isinstance(value, (dict, list)):
            continue
        parts += [option.short or option.flag, shlex.quote(str(value))]
    if body and body.is_array and ("body", "") in values:
        parts += ["--body", shlex.quote(values[("body", "")])]
    return " ".join(parts)


def _servers(doc: Document):
    for server in doc.data.get("servers") or []:
        if isinstance(server, dict) and isinstance(server.get("url"), str):
            name = server.get("x-cli-name") or server.get("x-speakeasy-server-id")
            yield Server(server["url"], str(name) if name else None, _text(server, "description"))


def _groups(doc: Document, operations: list[Operation]) -> list[Group]:
    helps = doc.data.get("x-cli-groups") or {}
    tag_help = {t.get("name"): _text(t, "description") for t in doc.data.get("tags") or [] if isinstance(t, dict)}
    paths = {op.words[:i] for op in operations for i in range(0, len(op.words))}
    groups = []
    for words in sorted(paths):
        ops = tuple(op for op in operations if op.group == words)
        children = tuple(sorted(p for p in paths if len(p) == len(words) + 1 and p[: len(words)] == words))
        text = helps.get(" ".join(words)) if isinstance(helps, dict) else None
        if not text and not words:
            info = doc.data.get("info") or {}
            text = _text(info, "description").split("\n\n")[0] or _text(info, "title")
        if not text:
            first = next((op for op in operations if op.words[: len(words)] == words), None)
            text = tag_help.get(first.tags[0]) if first and first.tags else None
        groups.append(
            Group(
                words=words,
                help=_normalize(str(text)) if text else f"Operations for {' '.join(words) or 'the API'}.",
                module=naming.module_name(words),
                operations=ops,
                subgroups=children,
            )
        )
    return groups
