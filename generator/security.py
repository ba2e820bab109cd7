"""What a spec's security asks for that the generated CLI cannot send by itself.

The CLI authenticates with one bearer token (--bearer, the keychain, the config file): it meets
http bearer, oauth2 and openIdConnect schemes. An operation whose every alternative needs
something else (an API key, basic credentials, a client certificate) would be sent without it, so
that is a located warning saying how to send it by hand, never a silent gap.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from generator import naming
from generator.diagnostics import Diagnostic, escape_pointer_token
from generator.load import Document

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def warnings(doc: Document, skip: Container[str]) -> list[Diagnostic]:
    """One warning per security requirement list (the spec's, or an operation's own) no bearer token meets."""
    components = doc.data.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    if not isinstance(schemes, dict):
        return []
    found: dict[str, Diagnostic] = {}
    for where, alternatives in _requirements(doc, skip):
        if where in found or any(all(_bearer(doc, schemes.get(n)) for n in r) for r in alternatives):
            continue
        names = sorted({str(n) for r in alternatives for n in r})
        how = "; ".join(f"{n!r}: {_by_hand(doc, schemes.get(n))}" for n in names)
        found[where] = doc.diag(
            where,
            f"the CLI sends a bearer token, which no security requirement here accepts ({how})",
            "warning",
        )
    return list(found.values())


def _requirements(doc: Document, skip: Container[str]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(pointer, alternatives) of the security each generated operation is under; none when anonymous is allowed."""
    top = doc.data.get("security")
    paths = doc.data.get("paths")
    result = []
    for path, item in paths.items() if isinstance(paths, dict) else []:
        for method in _METHODS if isinstance(item, dict) else ():
            op = item.get(method)
            if not isinstance(op, dict) or naming.operation_id(method, path, op) in skip:
                continue
            own = isinstance(op.get("security"), list)
            listed = op["security"] if own else top
            where = f"/paths/{escape_pointer_token(path)}/{method}/security" if own else "/security"
            alternatives = [r for r in listed if isinstance(r, dict)] if isinstance(listed, list) else []
            if alternatives and {} not in alternatives:  # an empty requirement: no authentication needed
                result.append((where, alternatives))
    return result


def _scheme(doc: Document, node: Any) -> dict[str, Any]:
    """A security scheme with its $ref followed (our validation has checked every $ref resolves)."""
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"] not in seen:
        seen.add(node["$ref"])
        try:
            node = doc.resolve(node["$ref"])[1]
        except KeyError:
            return {}
    return node if isinstance(node, dict) else {}


def _bearer(doc: Document, node: Any) -> bool:
    scheme = _scheme(doc, node)
    kind = scheme.get("type")
    return kind in ("oauth2", "openIdConnect") or (kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer")


def _by_hand(doc: Document, node: Any) -> str:
    """How a user sends what a scheme asks for, or that the CLI cannot."""
    scheme = _scheme(doc, node)
    kind, name, where = scheme.get("type"), scheme.get("name"), scheme.get("in")
    if kind == "apiKey" and where == "header":
        return f"an API key in header {name}, send it with -H '{name}: KEY'"
    if kind == "apiKey" and where == "cookie":
        return f"an API key in cookie {name}, send it with -H 'Cookie: {name}=KEY'"
    if kind == "apiKey":
        return f"an API key in the {where} parameter {name}, which the CLI cannot send"
    if kind == "http":
        word = str(scheme.get("scheme", "")).capitalize()
        return f"HTTP {word} authentication, send it with -H 'Authorization: {word} CREDENTIALS'"
    if kind == "mutualTLS":
        return "a client certificate, which the CLI cannot present"
    return f"a scheme of type {kind!r}, which the CLI cannot send"
