"""Our own spec extensions about what a caller of the API does with its answer.

``x-http-response`` on a response schema maps each value of a selector property
(Authlete's ``action``) to the HTTP response an authorization server sends its
own client: status, headers (fixed or copied from a field) and which field is
the body; or, for an action that needs the server's own judgement, the words
telling it what to do next. ``x-cli-oauth`` at the root switches on the OAuth
helper commands and names the operations that can carry a client assertion.

Both are checked here (malformed: located error; an enum value left unmapped:
located warning naming it) and turned into typed IR; nothing else reads them.
"""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Any

from generator import naming
from generator.diagnostics import Diagnostic, escape_pointer_token
from generator.ir import ActionOutcome, HeaderRule, HttpMapping, OAuthHelpers
from generator.load import Document

EXTENSION = "x-http-response"
OAUTH_EXTENSION = "x-cli-oauth"
_ACTION_KEYS = {"status", "headers", "body", "decide"}
_TOP_KEYS = {"selector", "headers", "actions"}
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # an HTTP header name (RFC 9110 token)


def http_mappings(doc: Document, problems: list[Diagnostic]) -> tuple[HttpMapping, ...]:
    """Every component schema's ``x-http-response``, checked; problems are appended."""
    schemas = (doc.data.get("components") or {}).get("schemas") or {}
    found = []
    for name in sorted(schemas) if isinstance(schemas, dict) else []:
        schema = schemas[name]
        if isinstance(schema, dict) and EXTENSION in schema:
            ptr = f"/components/schemas/{escape_pointer_token(name)}/{EXTENSION}"
            mapping = _mapping(doc, ptr, name, schema, problems)
            if mapping is not None:
                found.append(mapping)
    return tuple(found)


def _mapping(
    doc: Document, ptr: str, name: str, schema: dict[str, Any], problems: list[Diagnostic]
) -> HttpMapping | None:
    ext = schema[EXTENSION]
    if not isinstance(ext, dict):
        problems.append(doc.diag(ptr, f"{EXTENSION} must be a mapping with 'selector' and 'actions'"))
        return None
    before = len(problems)
    for key in sorted(set(ext) - _TOP_KEYS):
        problems.append(doc.diag(f"{ptr}/{escape_pointer_token(key)}", f"unknown key {key!r} in {EXTENSION}"))
    raw_props = schema.get("properties")
    props: dict[str, Any] = raw_props if isinstance(raw_props, dict) else {}
    selector = ext.get("selector")
    values = _selector_values(doc, ptr, selector, props, problems)
    shared = _headers(doc, f"{ptr}/headers", ext.get("headers", {}), props, problems)
    actions_node = ext.get("actions")
    if not isinstance(actions_node, dict) or not actions_node:
        problems.append(doc.diag(f"{ptr}/actions", "actions must map each value of the selector to its response"))
        return None
    actions = []
    for action, rule in actions_node.items():
        a_ptr = f"{ptr}/actions/{escape_pointer_token(str(action))}"
        if values is not None and action not in values:
            problems.append(
                doc.diag(a_ptr, f"{action!r} is not a value of {selector!r} (its enum: {', '.join(values)})")
            )
            continue
        outcome = _action(doc, a_ptr, str(action), rule, shared, props, problems)
        if outcome is not None:
            actions.append(outcome)
    unmapped = tuple(v for v in values or () if v not in actions_node)
    if unmapped:
        problems.append(
            doc.diag(
                f"{ptr}/actions",
                f"no HTTP response for {selector} value{'s' if len(unmapped) > 1 else ''} {', '.join(unmapped)}; "
                "callers get an 'unmapped action' result for them",
                "warning",
            )
        )
    if any(p.severity == "error" for p in problems[before:]):
        return None
    return HttpMapping(
        schema=name,
        model=naming.class_name(name),
        selector=str(selector),
        selector_attr=naming.field_name(str(selector)),
        actions=tuple(sorted(actions, key=lambda a: a.action)),
        unmapped=unmapped,
    )


def _selector_values(
    doc: Document, ptr: str, selector: Any, props: dict[str, Any], problems: list[Diagnostic]
) -> tuple[str, ...] | None:
    """The enum values of the selector property, or None when it is not a string enum of this schema."""
    if not isinstance(selector, str) or selector not in props:
        known = ", ".join(sorted(props)) or "none"
        problems.append(
            doc.diag(
                f"{ptr}/selector", f"selector must name a property of this schema (found {selector!r}; known: {known})"
            )
        )
        return None
    prop = props[selector]
    enum = prop.get("enum") if isinstance(prop, dict) else None
    if not isinstance(enum, list) or not all(isinstance(v, str) for v in enum):
        problems.append(doc.diag(f"{ptr}/selector", f"selector {selector!r} must be a property with a string enum"))
        return None
    return tuple(enum)


def _action(
    doc: Document,
    ptr: str,
    action: str,
    rule: Any,
    shared: tuple[HeaderRule, ...],
    props: dict[str, Any],
    problems: list[Diagnostic],
) -> ActionOutcome | None:
    if not isinstance(rule, dict):
        problems.append(doc.diag(ptr, "an action maps to {status, headers, body} or to {decide: text}"))
        return None
    for key in sorted(set(rule) - _ACTION_KEYS):
        problems.append(doc.diag(f"{ptr}/{escape_pointer_token(key)}", f"unknown key {key!r} for an action"))
    decide = rule.get("decide")
    if decide is not None:
        if not isinstance(decide, str) or not decide.strip():
            problems.append(doc.diag(f"{ptr}/decide", "decide must be the text telling the server what to do next"))
        elif set(rule) - {"decide"}:
            problems.append(doc.diag(ptr, "an action with 'decide' has no status, headers or body"))
        return ActionOutcome(action, None, "", (), None, " ".join(decide.split()) if isinstance(decide, str) else "")
    status = rule.get("status")
    if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
        problems.append(doc.diag(f"{ptr}/status", f"status must be an HTTP status code (100-599); found {status!r}"))
        return None
    body = rule.get("body")
    if body is not None and not (isinstance(body, str) and body in props):
        problems.append(doc.diag(f"{ptr}/body", f"body must name a property of this schema; found {body!r}"))
    own = _headers(doc, f"{ptr}/headers", rule.get("headers", {}), props, problems)
    merged = {h.name.lower(): h for h in own}  # the action's own headers first, then the shared ones
    for header in shared:
        merged.setdefault(header.name.lower(), header)
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    return ActionOutcome(action, status, reason, tuple(merged.values()), body if isinstance(body, str) else None, "")


def _headers(
    doc: Document, ptr: str, node: Any, props: dict[str, Any], problems: list[Diagnostic]
) -> tuple[HeaderRule, ...]:
    """``{Name: {value: text}}`` or ``{Name: {from: field}}``; a field's header is left out when it is empty."""
    if not isinstance(node, dict):
        problems.append(doc.diag(ptr, "headers must map header names to {value: text} or {from: field}"))
        return ()
    rules = []
    for name, spec in node.items():
        h_ptr = f"{ptr}/{escape_pointer_token(str(name))}"
        if not isinstance(name, str) or not _TOKEN.match(name):
            problems.append(doc.diag(h_ptr, f"{name!r} is not an HTTP header name"))
            continue
        if not isinstance(spec, dict) or len(spec) != 1 or next(iter(spec)) not in ("value", "from"):
            problems.append(doc.diag(h_ptr, "a header takes exactly one of {value: text} or {from: field}"))
            continue
        kind, value = next(iter(spec.items()))
        if not isinstance(value, str) or (kind == "value" and ("\n" in value or "\r" in value)):
            problems.append(doc.diag(f"{h_ptr}/{kind}", f"{kind} must be a one-line string; found {value!r}"))
        elif kind == "from" and value not in props:
            problems.append(doc.diag(f"{h_ptr}/from", f"from must name a property of this schema; found {value!r}"))
        else:
            rules.append(HeaderRule(name, "field" if kind == "from" else "value", value))
    return tuple(rules)


def oauth_helpers(doc: Document, problems: list[Diagnostic]) -> OAuthHelpers | None:
    """The root ``x-cli-oauth``: None when absent (no oauth commands)."""
    if OAUTH_EXTENSION not in doc.data:
        return None
    ptr = f"/{OAUTH_EXTENSION}"
    ext = doc.data[OAUTH_EXTENSION]
    if not isinstance(ext, dict):
        problems.append(
            doc.diag(ptr, f"{OAUTH_EXTENSION} must be a mapping (e.g. {{client-assertion: [operationId]}})")
        )
        return None
    for key in sorted(set(ext) - {"client-assertion"}):
        problems.append(doc.diag(f"{ptr}/{escape_pointer_token(key)}", f"unknown key {key!r} in {OAUTH_EXTENSION}"))
    ids = ext.get("client-assertion", [])
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        problems.append(doc.diag(f"{ptr}/client-assertion", "client-assertion must be a list of operationIds"))
        ids = []
    return OAuthHelpers(client_assertion=tuple(ids))


def with_commands(
    doc: Document, helpers: OAuthHelpers, forms: dict[str, tuple[str, bool]], problems: list[Diagnostic]
) -> OAuthHelpers:
    """Resolve client-assertion operationIds to command paths; each must exist and take a form field.

    ``forms`` maps operationId to (command path, whether its body has a form-encoded field).
    """
    commands = []
    for index, op_id in enumerate(helpers.client_assertion):
        ptr = f"/{OAUTH_EXTENSION}/client-assertion/{index}"
        if op_id not in forms:
            problems.append(doc.diag(ptr, f"no generated operation has operationId {op_id!r}"))
        elif not forms[op_id][1]:
            problems.append(
                doc.diag(ptr, f"{op_id} has no form-encoded 'parameters' field to add a client assertion to")
            )
        else:
            commands.append(forms[op_id][0])
    return OAuthHelpers(helpers.client_assertion, tuple(sorted(commands)))
