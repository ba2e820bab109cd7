"""Turn a validated spec into the IR: operations, options, groups and models.

This is the only stage that reads the spec's shape; templates never see it.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Container, Iterator
from dataclasses import replace
from typing import Any

from generator import naming, outcomes, security
from generator import pagination as paging
from generator.diagnostics import Diagnostic, GeneratorError, escape_pointer_token
from generator.ir import (
    Api,
    Body,
    Encoding,
    Group,
    HttpMapping,
    Identity,
    OAuthHelpers,
    Operation,
    Option,
    Response,
    Server,
)
from generator.load import Document

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_LOCATION_ORDER = {"path": 0, "query": 1, "header": 2, "cookie": 3, "body": 4}


def build(doc: Document, package: str, skip: frozenset[str] = frozenset()) -> Api:
    """Build the IR; raise GeneratorError listing every conflict and unsupported construct found.

    Nothing is dropped silently: an operation we cannot generate is an error
    unless its operationId is in ``skip``, and then it is reported as a note.
    """
    problems: list[Diagnostic] = []
    identity = _identity(doc, package, problems)
    schemas = (doc.data.get("components") or {}).get("schemas") or {}
    models = naming.model_names(str(name) for name in schemas)
    for entry in models.values():
        if entry.reason:
            problems.append(
                doc.diag(
                    f"/components/schemas/{escape_pointer_token(entry.schema)}",
                    f"{entry.reason}; this one is class {entry.class_name}",
                    "note",
                )
            )
    operations = []
    for ptr, path, method, op in _each_operation(doc):
        op_id = naming.operation_id(method, path, op)
        if op_id in skip:
            problems.append(doc.diag(ptr, f"operation {op_id} skipped as asked (--skip)", "note"))
        else:
            operations.append(_operation(doc, ptr, path, method, op_id, op, problems, models, identity))
    known = {naming.operation_id(method, path, op) for _, path, method, op in _each_operation(doc)}
    for op_id in sorted(skip - known):
        problems.append(doc.diag("", f"--skip {op_id}: no operation has this operationId"))
    operations.sort(key=lambda o: o.words)
    _check_command_clashes(doc, operations, problems)
    mappings, oauth = _extensions(doc, operations, problems)
    mappings = tuple(replace(m, model=models[m.schema].class_name) for m in mappings)  # the registry's names
    servers = _servers(doc, skip, problems)
    problems += security.warnings(doc, skip)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise GeneratorError(sorted(set(errors)))
    return Api(
        title=str(doc.data.get("info", {}).get("title", "API")),
        version=str(doc.data.get("info", {}).get("version", "0")),
        package=package,
        identity=identity,
        servers=servers,
        operations=tuple(operations),
        groups=tuple(_groups(doc, operations)),
        models=tuple(models[name] for name in sorted(models)),
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


def _identity(doc: Document, package: str, problems: list[Diagnostic]) -> Identity:
    """The product's own name: root ``x-cli-name``, else the package name."""
    name = doc.data.get("x-cli-name")
    if name is not None and not (isinstance(name, str) and naming.kebab(name) == name and name):
        problems.append(
            doc.diag("/x-cli-name", f"x-cli-name must be a kebab-case program name such as 'petshop'; found {name!r}")
        )
        name = None
    prog = name if isinstance(name, str) and name else naming.program_name(package)
    return Identity(
        prog=prog,
        env_prefix=naming.env_prefix(prog),
        client_prefix=naming.pascal(prog) or "Api",
        config_dir=prog,
        title=str((doc.data.get("info") or {}).get("title") or prog),
    )


def _each_operation(doc: Document) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    for path, item in (doc.data.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in _METHODS:
            if isinstance(item.get(method), dict):
                ptr = f"/paths/{escape_pointer_token(path)}/{method}"
                yield ptr, path, method, item[method]


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


# CommonMark's backslash escape: a backslash before ASCII punctuation stands for that character.
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _normalize(text: str) -> str:
    """Collapse line wrapping inside paragraphs; keep blank lines between them.

    Help is plain text, so Markdown escapes are undone: Authlete's spec writes
    ``INTERNAL\\_SERVER\\_ERROR``, which a terminal should show as INTERNAL_SERVER_ERROR.
    """
    paragraphs = [" ".join(p.split()) for p in _MARKDOWN_ESCAPE.sub(r"\1", text).strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _kind(doc: Document, schema: Any, ptr: str) -> tuple[str, bool, tuple[str, ...], str]:
    """Classify a schema for the CLI: (kind, repeatable, choices, type label).

    ``null`` beside one type (``type: [string, 'null']``, or a union with a ``null`` member, the
    way OpenAPI 3.1 writes nullable) is that type: a flag gives a value or is left out. A union
    of strings only (any string, or one of some named ones) is a string.
    """
    _, schema, _ = deref(doc, schema, ptr)
    if not isinstance(schema, dict):
        return "json", False, (), "JSON"
    if isinstance(schema.get("allOf"), list) and len(schema["allOf"]) == 1:
        return _kind(doc, schema["allOf"][0], ptr)
    members = _union_members(doc, schema, ptr)
    if members is not None:
        kinds = [_kind(doc, member, ptr) for member in members]
        if len(kinds) == 1:
            return kinds[0]
        if kinds and all(k in ("string", "enum") and not repeatable for k, repeatable, _, _ in kinds):
            return "string", False, (), "string"
        return "json", False, (), "JSON"
    kind = schema.get("type")
    if isinstance(kind, list) and len([k for k in kind if k != "null"]) == 1:
        kind = next(k for k in kind if k != "null")
    if isinstance(schema.get("const"), str) and kind in (None, "string"):
        return "enum", False, (schema["const"],), "enum"
    if isinstance(schema.get("enum"), list) and kind in (None, "string"):
        return "enum", False, tuple(str(v) for v in schema["enum"] if v is not None), "enum"
    if kind in ("string", "integer", "number", "boolean"):
        label = {"string": "string", "integer": "int", "number": "float", "boolean": "bool"}[kind]
        return kind, False, (), label
    if kind == "array":
        item_kind, item_rep, choices, label = _kind(doc, schema.get("items", {}), ptr)
        if item_kind in ("string", "integer", "number", "enum") and not item_rep:
            return item_kind, True, choices, f"{label}Array"
    return "json", False, (), "JSON"


_SHAPING = ("type", "properties", "items", "enum", "const", "additionalProperties", "allOf", "not")


def _union_members(doc: Document, schema: dict[str, Any], ptr: str) -> list[Any] | None:
    """The members of a bare anyOf or oneOf other than ``null``; None when the schema is not one."""
    for key in ("anyOf", "oneOf"):
        members = schema.get(key)
        if isinstance(members, list) and not any(k in schema for k in _SHAPING):
            return [m for m in members if not _is_null(doc, m, ptr)]
    return None


def _is_null(doc: Document, schema: Any, ptr: str) -> bool:
    _, schema, _ = deref(doc, schema, ptr)
    return isinstance(schema, dict) and (schema.get("type") == "null" or schema.get("type") == ["null"])


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
            if isinstance(param, dict) and param.get("in") in ("path", "query", "header", "cookie"):
                merged[(param["in"], param.get("name", ""))] = (
                    p_ptr if "$ref" in raw else f"{base}/parameters/{index}",
                    param,
                )
    return list(merged.values())


def _operation(
    doc: Document,
    ptr: str,
    path: str,
    method: str,
    op_id: str,
    op: dict[str, Any],
    problems: list[Diagnostic],
    models: dict[str, naming.ModelName],
    identity: Identity,
) -> Operation:
    path_item = doc.data["paths"][path]
    words = _words(op, op_id)
    options: list[Option] = []
    params = _parameter_options(doc, ptr, path_item, op)
    for p_ptr, param in params:
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
                sample=_cli_value(_example_value(doc, param), kind, repeatable, doc, param.get("schema")),
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
    body, body_options = _body(doc, ptr, op, problems, models)
    options.extend(body_options)
    options = _resolve_option_clashes(doc, ptr, op_id, options, problems)
    options.sort(key=lambda o: o.flag)
    responses = tuple(_responses(doc, ptr, op, models))
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
        deprecated=op.get("deprecated") is True,
        example=_example(doc, identity.prog, words, op, params, options, body),
        pointer=ptr,
        retry_safe=_retry_safe(doc, ptr, op, problems),
        pagination=paging.read(doc, ptr, op, options, problems),
    )


def _retry_safe(doc: Document, ptr: str, op: dict[str, Any], problems: list[Diagnostic]) -> bool:
    """``x-cli-retry-safe: true`` lets the CLI and clients replay a non-idempotent operation."""
    value = op.get("x-cli-retry-safe", False)
    if not isinstance(value, bool):
        problems.append(doc.diag(f"{ptr}/x-cli-retry-safe", f"x-cli-retry-safe must be true or false, not {value!r}"))
        return False
    return value


def _short(value: Any) -> str | None:
    return f"-{value}" if isinstance(value, str) and value else None


def _body(
    doc: Document, ptr: str, op: dict[str, Any], problems: list[Diagnostic], models: dict[str, naming.ModelName]
) -> tuple[Body | None, list[Option]]:
    raw = op.get("requestBody")
    if not isinstance(raw, dict):
        return None, []
    body_ptr, request_body, _ = deref(doc, raw, f"{ptr}/requestBody")
    content = request_body.get("content") or {}
    media_types = tuple(sorted(content))
    chosen = naming.pick_media_type(media_types)
    encoding: Encoding = naming.encoding_of(chosen) if chosen else "json"
    media = content.get(chosen) if chosen else {}
    media = media if isinstance(media, dict) else {}
    schema_ptr = f"{body_ptr}/content/{escape_pointer_token(chosen or 'application/json')}/schema"
    target_ptr, schema, schema_name = deref(doc, media.get("schema", {}), schema_ptr)
    required_body = bool(request_body.get("required"))

    def shape(model: str | None, is_array: bool, form_field: str | None) -> Body:
        content_type = chosen or "application/json"
        return Body(schema_name, model, is_array, required_body, media_types, form_field, encoding, content_type)

    if encoding in ("binary", "text"):
        return shape(None, False, None), []
    if isinstance(schema, dict) and schema.get("type") == "array":
        _, _, item_name = deref(doc, schema.get("items", {}), f"{target_ptr}/items")
        model = models[item_name].class_name if item_name else None
        return shape(model, True, None), []
    props, required, pointers = _object_shape(doc, schema, target_ptr)
    for name in sorted(required - set(props)):  # required but undescribed: still required, any value
        props[name] = {"description": "Required by the spec, which does not describe it."}
        pointers[name] = f"{target_ptr}/required"
    options = []
    form_field = None
    for name, prop in props.items():
        prop_ptr = pointers[name]
        _, resolved, _ = deref(doc, prop, prop_ptr)
        if isinstance(resolved, dict) and resolved.get("readOnly") is True:
            continue  # the server sets it; a request never carries it
        if _never_valid(doc, resolved, prop_ptr):
            continue  # a `false` schema: no value can ever be sent, so no flag offers one
        kind, repeatable, choices, label = _kind(doc, prop, prop_ptr)
        if encoding == "multipart" and _is_file(resolved):
            kind, repeatable, label = "file", False, "@FILE"
        flag, renamed = naming.command_flag(name, "field", prop.get("x-cli-flag") if isinstance(prop, dict) else None)
        if renamed:
            problems.append(
                doc.diag(
                    prop_ptr, f"flag {naming.long_flag(name)} clashes with a global option; generated as {flag}", "note"
                )
            )
        if (
            name == "parameters"
            and kind == "string"
            and encoding == "json"
            and "application/x-www-form-urlencoded" in media_types
        ):
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
                sample="@file.bin" if kind == "file" else _cli_value(None, kind, repeatable, doc, prop),
                help=description,
                type_label=label,
                renamed=renamed,
                pointer=prop_ptr,
                int_format=_int_format(doc, prop, prop_ptr),
            )
        )
    model = models[schema_name].class_name if schema_name else None
    return shape(model, False, form_field), options


def _object_shape(doc: Document, schema: Any, ptr: str) -> tuple[dict[str, Any], set[str], dict[str, str]]:
    """Properties, required names and property pointers of an object schema, allOf members merged."""
    _, schema, _ = deref(doc, schema, ptr)
    props: dict[str, Any] = {}
    pointers: dict[str, str] = {}
    required: set[str] = set()
    if not isinstance(schema, dict):
        return props, required, pointers
    for index, member in enumerate(schema.get("allOf") or []):
        m_ptr, _, _ = deref(doc, member, f"{ptr}/allOf/{index}")
        m_props, m_required, m_pointers = _object_shape(doc, member, m_ptr)
        props.update(m_props)
        pointers.update(m_pointers)
        required |= m_required
    own = schema.get("properties")
    for name, prop in (own.items() if isinstance(own, dict) else []):
        props[str(name)] = prop
        pointers[str(name)] = f"{ptr}/properties/{escape_pointer_token(str(name))}"
    required |= {str(n) for n in schema.get("required") or [] if isinstance(n, str)}
    return props, required, pointers


def _is_file(schema: Any) -> bool:
    """A multipart part that carries a file's bytes."""
    if not isinstance(schema, dict):
        return False
    if schema.get("format") in ("binary", "byte") or "contentMediaType" in schema or "contentEncoding" in schema:
        return True
    return schema.get("type") == "array" and _is_file(schema.get("items"))


def _responses(doc: Document, ptr: str, op: dict[str, Any], models: dict[str, naming.ModelName]) -> Iterator[Response]:
    for status, raw in sorted((op.get("responses") or {}).items()):
        r_ptr, response, _ = deref(doc, raw, f"{ptr}/responses/{status}")
        content = (response or {}).get("content") or {}
        chosen = naming.pick_media_type(content) if isinstance(content, dict) else None
        encoding = naming.encoding_of(chosen) if chosen else None
        media = content.get(chosen) if chosen and encoding == "json" else None
        model = None
        if isinstance(media, dict) and "schema" in media:
            m_ptr = f"{r_ptr}/content/{escape_pointer_token(str(chosen))}/schema"
            _, _, name = deref(doc, media["schema"], m_ptr)
            model = models[name].class_name if name else None
        kind = {"json": "json", "text": "text", None: "none"}.get(encoding, "binary")
        types = tuple(sorted(str(m) for m in content)) if isinstance(content, dict) else ()
        yield Response(str(status), model, kind, types)  # type: ignore[arg-type]


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


def _never_valid(doc: Document, schema: Any, ptr: str) -> bool:
    """A `false` schema, directly or as a member of allOf, rejects every value."""
    if schema is False:
        return True
    members = schema.get("allOf") if isinstance(schema, dict) else None
    return isinstance(members, list) and any(
        _never_valid(doc, deref(doc, m, f"{ptr}/allOf/{i}")[1], f"{ptr}/allOf/{i}") for i, m in enumerate(members)
    )


def _check_command_clashes(doc: Document, operations: list[Operation], problems: list[Diagnostic]) -> None:
    seen: dict[tuple[str, ...], Operation] = {}
    groups = {op.words[:i] for op in operations for i in range(1, len(op.words))}
    for op in operations:
        if op.words in seen:
            problems.append(
                doc.diag(
                    op.pointer,
                    f"command '{op.command}' is also generated for {seen[op.words].operation_id}; set x-cli-command "
                    f"on one of them (an --overlay can), or leave this one out with --skip {op.operation_id}",
                )
            )
        elif op.words in groups:
            problems.append(
                doc.diag(op.pointer, f"command '{op.command}' has the same name as a command group; set x-cli-command")
            )
        seen[op.words] = op
    _check_method_clashes(doc, operations, problems)


def _check_method_clashes(doc: Document, operations: list[Operation], problems: list[Diagnostic]) -> None:
    """Two commands must not share a client method, counting the _raw and _pages twins.

    ``token-x`` and ``token x`` are different commands but the same ``token_x`` method, and a command
    ``list-raw`` would be ``list``'s raw twin: the client would silently lose one of them.
    """
    owner: dict[str, Operation] = {}
    reported: set[tuple[str, str]] = set()
    for op in operations:
        names = [naming.method_name(op.words), naming.raw_method_name(op.words)]
        if op.pagination:
            names.append(naming.pages_method_name(op.words))
        for name in names:
            other = owner.setdefault(name, op)
            pair = (other.operation_id, op.operation_id)
            if other is not op and other.words != op.words and pair not in reported:
                reported.add(pair)
                problems.append(
                    doc.diag(
                        op.pointer,
                        f"client method {name}() is produced by both '{other.command}' and '{op.command}'; "
                        f"set x-cli-command on one of them (an --overlay can), or leave this one out with "
                        f"--skip {op.operation_id}",
                    )
                )


def _example(
    doc: Document,
    prog: str,
    words: tuple[str, ...],
    op: dict[str, Any],
    params: list[tuple[str, dict[str, Any]]],
    options: list[Option],
    body: Body | None,
) -> str:
    """A runnable invocation: every required option, valued from the spec's examples where it has them."""
    values: dict[tuple[str, str], Any] = {}
    for _, param in params:
        example = _example_value(doc, param)
        if example is not None:
            values[(param["in"], param["name"])] = example
    raw_body = op.get("requestBody")
    if isinstance(raw_body, dict) and body is not None:
        _, request_body, _ = deref(doc, raw_body, "")
        media = (request_body.get("content") or {}).get(body.content_type) or {}
        example = media.get("example") if isinstance(media, dict) else None
        if example is None and body.is_array and body.required and isinstance(media, dict):
            example = sample(doc, media.get("schema"))
        if isinstance(example, dict):
            values.update({("body", k): v for k, v in example.items()})
        elif isinstance(example, list) and body.is_array:
            values[("body", "")] = json.dumps(example, separators=(",", ":"))
    parts = [prog, *words]
    for option in sorted(options, key=lambda o: (_LOCATION_ORDER[o.location], o.flag)):
        if not option.required:
            continue
        if (option.location, option.wire_name) in values:
            value = _cli_value(values[(option.location, option.wire_name)], option.kind, option.repeatable, doc, None)
        else:
            value = option.sample
        parts += [option.short or option.flag, shlex.quote(value)]
    if body and body.is_array and ("body", "") in values:
        parts += ["--body", shlex.quote(values[("body", "")])]
    elif body and body.required and body.encoding in ("binary", "text"):
        parts += ["--body", "@request.bin" if body.encoding == "binary" else "@request.txt"]
    return " ".join(parts)


def _example_value(doc: Document, param: dict[str, Any]) -> Any:
    """The spec's own example of a parameter: on it, on its schema, else the schema's default."""
    if "example" in param:
        return param["example"]
    _, schema, _ = deref(doc, param.get("schema"), "")
    if isinstance(schema, dict):
        for key in ("example", "default"):
            if key in schema:
                return schema[key]
    return None


def _cli_value(value: Any, kind: str, repeatable: bool, doc: Document, schema: Any) -> str:
    """A value as typed on the command line; from the schema when the spec gives none."""
    if value is None:
        value = sample(doc, schema)
    if repeatable and isinstance(value, list):
        value = value[0] if value else ""
    if kind == "json" or isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    if isinstance(value, bool):
        return str(value).lower()
    return "" if value is None else str(value)


_FORMAT_SAMPLES = {
    "date-time": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "time": "03:04:05Z",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "aGVsbG8=",
}


def sample(doc: Document, schema: Any, depth: int = 0) -> Any:
    """A value the schema accepts: its example, default, const or first enum value, else one built from its type."""
    _, schema, _ = deref(doc, schema, "")
    if not isinstance(schema, dict) or depth > 6:
        return "example" if schema is not False else None
    for key in ("example", "default", "const"):
        if key in schema:
            return schema[key]
    if isinstance(schema.get("examples"), list) and schema["examples"]:
        return schema["examples"][0]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return next((v for v in schema["enum"] if v is not None), schema["enum"][0])
    for key in ("oneOf", "anyOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            members = [m for m in schema[key] if not _is_null(doc, m, "")] or schema[key]
            return sample(doc, members[0], depth + 1)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind is None and ("properties" in schema or "allOf" in schema):
        kind = "object"
    if kind == "object":
        props, required, _ = _object_shape(doc, schema, "")
        return {name: sample(doc, props.get(name, {}), depth + 1) for name in sorted(required)}
    if kind == "array":
        count = max(1, int(schema.get("minItems") or 0))
        return [sample(doc, schema.get("items", {}), depth + 1)] * count
    if kind in ("integer", "number"):
        low = schema.get("minimum", schema.get("exclusiveMinimum", 0))
        low = low if isinstance(low, (int, float)) and not isinstance(low, bool) else 0
        value = max(low, 1) + (1 if schema.get("exclusiveMinimum") is not None else 0)
        return int(value) if kind == "integer" else float(value)
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    text = _FORMAT_SAMPLES.get(str(schema.get("format")), "example")
    min_length = schema.get("minLength")
    if isinstance(min_length, int) and len(text) < min_length:
        text = text + "x" * (min_length - len(text))
    return text


_SERVER_VARIABLE = re.compile(r"\{([^{}]*)\}")


def _servers(doc: Document, skip: Container[str], problems: list[Diagnostic]) -> tuple[Server, ...]:
    """The servers every command sends to: the spec's own, or the one list all its operations share.

    A path item or operation may name servers of its own; commands have one list, so when the spec
    has none at the top, the list most operations name is it (Twilio's specs name one per path, all
    the same), and an operation whose servers differ from the list used is a warning, never silent.
    """
    top = doc.data.get("servers")
    own = []  # (pointer of the list, the list) of each operation that names servers of its own
    for ptr, path, method, op in _each_operation(doc):
        if naming.operation_id(method, path, op) in skip:
            continue
        item = doc.data["paths"][path]
        for where, node in ((ptr, op), (ptr.rsplit("/", 1)[0], item)):
            if isinstance(node.get("servers"), list) and node["servers"]:
                own.append((f"{where}/servers", node["servers"]))
                break
    base, chosen = "/servers", top if isinstance(top, list) else []
    if not chosen and own:  # the list most operations share; the first of those on a tie
        base, chosen = max(own, key=lambda entry: sum(servers == entry[1] for _, servers in own))
    result = tuple(_server(doc, f"{base}/{i}", s, problems) for i, s in enumerate(chosen) if isinstance(s, dict))
    shown = " or ".join(s.url for s in result) or "the URL of --server-url"
    for where, servers in own:
        if servers != chosen:
            problems.append(
                doc.diag(
                    where,
                    f"these servers are not used: every command sends to {shown} (--server-url picks another)",
                    "warning",
                )
            )
    return result


def _server(doc: Document, ptr: str, server: dict[str, Any], problems: list[Diagnostic]) -> Server:
    """A Server with each ``{variable}`` of its URL set to the variable's default, as OpenAPI says."""
    variables: dict[str, Any] = server["variables"] if isinstance(server.get("variables"), dict) else {}

    def value(match: re.Match[str]) -> str:
        variable = variables.get(match[1])
        if isinstance(variable, dict) and "default" in variable:
            problems.append(
                doc.diag(
                    f"{ptr}/variables/{escape_pointer_token(match[1])}",
                    f"server variable {{{match[1]}}} is {variable['default']}, its default; "
                    "--server-url sends to another URL",
                    "note",
                )
            )
            return str(variable["default"])
        problems.append(
            doc.diag(
                f"{ptr}/url",
                f"server variable {{{match[1]}}} has no default in this server's variables; "
                "requests need --server-url",
                "warning",
            )
        )
        return match[0]

    url = _SERVER_VARIABLE.sub(value, str(server.get("url", "")))
    name = server.get("x-cli-name") or server.get("x-speakeasy-server-id")
    return Server(url, str(name) if name else None, _text(server, "description"))


def _groups(doc: Document, operations: list[Operation]) -> list[Group]:
    helps = doc.data.get("x-cli-groups") or {}
    tag_help = {t.get("name"): _text(t, "description") for t in doc.data.get("tags") or [] if isinstance(t, dict)}
    paths = {op.words[:i] for op in operations for i in range(0, len(op.words))} | {()}
    groups = []
    for words in sorted(paths):
        ops = tuple(op for op in operations if op.group == words)
        children = tuple(sorted(p for p in paths if len(p) == len(words) + 1 and p[: len(words)] == words))
        text = helps.get(" ".join(words)) if isinstance(helps, dict) else None
        if not text and not words:
            info = doc.data.get("info") or {}
            text = _text(info, "description").split("\n\n")[0] or _text(info, "title")
            if not operations:
                text = f"{text}\n\nThis spec defines no operations, so there are no API commands yet.".strip()
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
