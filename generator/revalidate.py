"""Run the OpenAPI validator on only the part of a changed spec that the change can affect.

openapi-spec-validator is the slowest check (tens of milliseconds on our spec,
hundreds on Authlete's whole one) and its result is cached by the spec's
digest, so any real edit reruns it all. This module remembers, per spec, an
*outline* of the last version that passed it without a single complaint: a
digest of each *part* (each ``/paths/<path>``, each
``/components/<kind>/<name>``), the parts each one ``$ref``s, and a digest of
everything else. The next version is diffed against it part by part; the
validator then runs on a *slice*: a copy of the document keeping every
top-level field, the changed parts, everything that could see them, and what
all of those reference, at the same JSON pointers as in the whole document.

The slice's verdict is used only when it is "nothing to report": then the
whole document has nothing to report either (argued below). Anything else (an
error, a warning, an exception) sends the run to the full validator, whose
diagnostics are the ones reported. Error messages may quote a container above
the parts or list names in set order; reusing them would need proofs this
module does not make.

What openapi-spec-validator 0.9 checks, and why the slice keeps each
(``validation/keywords.py`` and ``validators.py`` in its source):

* The document against the OpenAPI JSON Schema (``schema_validator``). It
  never follows the document's ``$ref``s: each node is checked by what it
  contains, so a part's findings depend on that part alone, and this half
  runs on the top-level fields and the changed parts only. Above the parts
  (the root, ``paths``, ``components/<kind>``) only the names of parts are
  checked (``^/``, ``^[a-zA-Z0-9._-]+$``), name by name; the old names passed
  and the new ones are in the slice. The top-level fields are the same (a
  change there means a full run).
* Each Schema Object (``SchemaValidator``), from each component schema and
  each parameter's and response's schema (request bodies are not looked
  into, nor are callbacks or webhooks): the schema against its dialect's
  meta-schema (the node's own text), a ``default`` against the schema it sits
  in *with its references followed*, and "required names a property that no
  member of allOf defines" (properties collected through references). A
  schema whose references reach a changed part therefore sits in a part that
  reaches it: the slice takes every such part (the reverse closure) and what
  they reference (the forward closure), so every check of those schemas runs
  on the same text and resolves to the same targets.
* That last check is made only the first time a schema object is visited, and
  only when that visit starts at a component schema or a parameter's or
  response's schema, not from inside another schema: whether it reports
  depends on which part reaches the object first, in document order. For parts holding a
  schema with both ``allOf`` and ``required`` (*sensitive* ones) that any kept
  part reaches, or that a changed or removed part reached before, the slice
  also keeps every part that reaches them, so the first visit is the same one
  as in the whole document. Every other check gives the same result whatever
  the order.
* Parameters of a path item and of each operation (duplicate name and
  location), and path templates against the declared path parameters
  (``OperationValidator``): within one path part and the parameters it
  references.
* operationId uniqueness: across all paths. Checked here on the whole
  document (a duplicate sends the run to the full validator), so the slice's
  silence on it is the whole document's.
* Tag names (``TagsValidator``): top-level, unchanged or a full run.

A full run is made whenever the argument above does not hold: no outline (the
first run, a new generator or validator version, or the last run of this spec
had something to report), another validator version than the one read for
this list, the top-level fields changed, the order of the remaining parts
changed, a security scheme changed (global in meaning; only rarely edited), a
``$ref`` that does not point into a part (the root, a container, a top-level
field, another file, percent-escapes), ``$id`` or an anchor (references
resolved some other way), a YAML alias shared by two parts, a duplicate
operationId, or the slice not being clean.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from generator import cache
from generator.diagnostics import Diagnostic, escape_pointer_token, split_pointer
from generator.load import Document

# The versions of openapi-spec-validator whose checks the module docstring lists.
ANALYSED_VERSIONS = frozenset({"0.9.0"})
# Distributions whose code decides the validator's verdict: a new version of any is a new lineage.
TOOLS = (
    "openapi-spec-validator",
    "openapi-schema-validator",
    "jsonschema",
    "jsonschema-path",
    "referencing",
    "jsonschema-rs",  # generator/screen.py: its "valid" skips a Python check
)
# Keys that let a $ref resolve somewhere else than its JSON pointer says.
_RESOLUTION_KEYS = frozenset({"$id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveRef", "$recursiveAnchor"})
_OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SCHEMES = "/components/securitySchemes/"
STAGE = "validate-outline"


@dataclass
class Outline:
    """What is remembered of a spec the validator passed: enough to tell what a later version changed."""

    rest: str  # digest of everything outside the parts
    order: list[str]  # part pointers, in document order
    digests: dict[str, str]
    refs: dict[str, list[str]]  # the parts each part's $refs (and shared YAML aliases) point into
    sensitive: set[str] = field(default_factory=set)
    unprovable: str = ""  # why this document cannot be sliced at all, or ""

    def to_json(self) -> str:
        return json.dumps(
            {
                "rest": self.rest,
                "parts": [[p, self.digests[p], self.refs[p], p in self.sensitive] for p in self.order],
                "unprovable": self.unprovable,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Outline:
        raw = json.loads(text)
        parts = raw["parts"]
        return cls(
            rest=str(raw["rest"]),
            order=[str(p[0]) for p in parts],
            digests={str(p[0]): str(p[1]) for p in parts},
            refs={str(p[0]): [str(r) for r in p[2]] for p in parts},
            sensitive={str(p[0]) for p in parts if p[3]},
            unprovable=str(raw["unprovable"]),
        )


class Result(NamedTuple):
    """The slow checks' findings, the outline to remember (when the validator had nothing to say), and how."""

    found: list[Diagnostic]
    outline: str | None
    how: str  # "full: <why>" or "slice: <n> of <m> parts"


def lineage(doc: Document) -> str:
    """The cache key of a spec's outline: its file (and overlays), the generator and the validator's versions."""
    files = sorted({doc.path, *doc.origins.values()})
    return cache.digest(STAGE, cache.generator_version(), *(cache.tool_version(t) for t in TOOLS), *files)


def parts(data: Any) -> Iterator[tuple[str, Any]]:
    """Every part of the document as (pointer, node), in document order."""
    if not isinstance(data, dict):
        return
    paths = data.get("paths")
    if isinstance(paths, dict):
        for key, node in paths.items():
            yield f"/paths/{escape_pointer_token(str(key))}", node
    components = data.get("components")
    if isinstance(components, dict):
        for kind, group in components.items():
            if isinstance(group, dict):
                base = f"/components/{escape_pointer_token(str(kind))}"
                for name, node in group.items():
                    yield f"{base}/{escape_pointer_token(str(name))}", node


def rest_of(data: Any) -> Any:
    """The document without its parts: top-level fields, components that are not maps, and which containers exist."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    if isinstance(out.get("paths"), dict):
        out["paths"] = "<parts>"
    components = out.get("components")
    if isinstance(components, dict):
        out["components"] = {k: "<parts>" if isinstance(v, dict) else v for k, v in components.items()}
    return out


def outline(data: Any, blanked: Any) -> Outline:
    """The outline of a document; ``blanked`` is the same document with its prose blanked (digests ignore prose)."""
    pointers = [ptr for ptr, _ in parts(data)]
    blanked_parts = dict(parts(blanked))
    found = Outline(
        rest=cache.digest(repr(rest_of(blanked))),
        order=pointers,
        digests={p: cache.digest(repr(blanked_parts[p])) for p in pointers},
        refs={},
    )
    owner: dict[int, str] = {}  # id of every container -> the part it was first seen in
    problems: list[str] = []
    for ptr, node in [*parts(data), ("", rest_of(data))]:
        targets: set[str] = set()
        for kind, value in _scan(node, ptr, owner, found, problems):
            if kind == "shared":  # an object in two parts: each may be the first to reach it
                targets.add(value)
                found.refs[value] = sorted({*found.refs[value], ptr})
                continue
            target = _part_of(data, value) if isinstance(value, str) else None
            if target is None:
                problems.append(f"$ref {value!r} at {ptr or 'the top level'} does not point into a part")
            else:
                targets.add(target)
        found.refs[ptr] = sorted(targets - {ptr})
    if len(set(pointers)) != len(pointers):
        problems.append("two parts have the same JSON pointer (keys 200 and '200')")
    found.unprovable = problems[0] if problems else ""
    return found


def _scan(node: Any, ptr: str, owner: dict[int, str], found: Outline, problems: list[str]) -> Iterator[tuple[str, Any]]:
    """Every $ref value under ``node`` as ("$ref", value), and ("shared", part) for objects met in another part.

    Marks the part sensitive when a schema has both ``allOf`` and ``required``;
    keys that resolve references some other way make the document unprovable.
    Everything is scanned, data included: a default that is ``{"$ref": ...}``
    is followed by the validator's path reader too.
    """
    mine: set[int] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if not isinstance(item, (dict, list)):
            continue
        seen = owner.setdefault(id(item), ptr)
        if seen != ptr:
            if seen and ptr:
                yield "shared", seen
            else:
                problems.append("the top-level fields share an object with a part")
            continue
        if id(item) in mine:  # an alias within the part (or one of itself): scanned once
            continue
        mine.add(id(item))
        if isinstance(item, list):
            stack.extend(item)
            continue
        if "$ref" in item:
            yield "$ref", item["$ref"]
        if "allOf" in item and "required" in item and ptr:
            found.sensitive.add(ptr)
        if not _RESOLUTION_KEYS.isdisjoint(item) and any(isinstance(item.get(k), str) for k in _RESOLUTION_KEYS):
            problems.append(f"{ptr or 'the top level'} has $id or an anchor")
        stack.extend(item.values())


def _part_of(data: dict[str, Any], ref: str) -> str | None:
    """The part a local $ref points into, or None when it points elsewhere (or nowhere)."""
    if not ref.startswith("#/") or "%" in ref:
        return None
    tokens = split_pointer(ref[1:])
    if len(tokens) >= 2 and tokens[0] == "paths":
        paths = data.get("paths")
        if isinstance(paths, dict) and tokens[1] in paths:
            return f"/paths/{escape_pointer_token(tokens[1])}"
    if len(tokens) >= 3 and tokens[0] == "components":
        components = data.get("components")
        group = components.get(tokens[1]) if isinstance(components, dict) else None
        if isinstance(group, dict) and tokens[2] in group:
            return f"/components/{escape_pointer_token(tokens[1])}/{escape_pointer_token(tokens[2])}"
    return None


def _closure(start: Iterable[str], edges: dict[str, list[str]]) -> set[str]:
    """``start`` and everything reachable from it along ``edges``."""
    seen = set(start)
    stack = list(seen)
    while stack:
        for nxt in edges.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _reverse(edges: dict[str, list[str]]) -> dict[str, list[str]]:
    back: dict[str, list[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            back.setdefault(target, []).append(source)
    return back


def changed_parts(old: Outline, new: Outline) -> list[str]:
    """Parts added or edited since ``old``, in document order."""
    return [p for p in new.order if old.digests.get(p) != new.digests[p]]


def plan(old: Outline, new: Outline, data: Any) -> set[str] | str:
    """The parts the slice must keep, or why the whole document must be validated."""
    if old.unprovable or new.unprovable:
        return new.unprovable or "the last validated version could not be sliced"
    if old.rest != new.rest:
        return "the top-level fields changed"
    if [p for p in old.order if p in new.digests] != [p for p in new.order if p in old.digests]:
        return "parts were reordered"
    changed = changed_parts(old, new)
    removed = [p for p in old.order if p not in new.digests]
    if any(p.startswith(_SCHEMES) for p in (*changed, *removed)):
        return "a security scheme changed"
    if _duplicate_operation_id(data):
        return "two operations share an operationId"
    back = _reverse(new.refs)
    keep = _closure(changed, back)  # the changed parts and every part whose checks can reach them
    before = _closure([p for p in (*changed, *removed) if p in old.digests], old.refs)
    while True:
        reached = _closure(keep, new.refs) | before
        first_visits = _closure(reached & new.sensitive, back)
        if first_visits <= keep:  # the kept parts, what they (and the top-level fields) reference
            return _closure([*keep, *new.refs.get("", [])], new.refs) - {""}
        keep |= first_visits


def _duplicate_operation_id(data: dict[str, Any]) -> bool:
    """Whether two operations share an operationId as the validator compares them (None never counts).

    A path item's $ref is followed, as the validator does; one that cannot be
    followed counts as a duplicate (the full validation says what is wrong).
    """
    seen: list[Any] = []
    paths = data.get("paths")
    for item in paths.values() if isinstance(paths, dict) else []:
        hops = 0
        while isinstance(item, dict) and isinstance(item.get("$ref"), str) and hops < 8:
            item = _follow(data, item["$ref"])
            hops += 1
        if not isinstance(item, dict) or "$ref" in item:
            return True
        for method, op in item.items():
            if method in _OPERATIONS and isinstance(op, dict) and op.get("operationId") is not None:
                if op["operationId"] in seen:
                    return True
                seen.append(op["operationId"])
    return False


def _follow(data: Any, ref: str) -> Any:
    """The node a local $ref points to, or None."""
    if not ref.startswith("#/") or "%" in ref:
        return None
    node = data
    for token in split_pointer(ref[1:]):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def slice_document(data: dict[str, Any], keep: set[str]) -> dict[str, Any]:
    """The document with only the ``keep`` parts, every kept node at the same JSON pointer and in the same order."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "paths" and isinstance(value, dict):
            out[key] = {k: v for k, v in value.items() if f"/paths/{escape_pointer_token(str(k))}" in keep}
        elif key == "components" and isinstance(value, dict):
            out[key] = {
                kind: (
                    _kept(f"/components/{escape_pointer_token(str(kind))}", group, keep)
                    if isinstance(group, dict)
                    else group
                )
                for kind, group in value.items()
            }
        else:
            out[key] = value
    return out


def _kept(base: str, group: dict[Any, Any], keep: set[str]) -> dict[Any, Any]:
    return {k: v for k, v in group.items() if f"{base}/{escape_pointer_token(str(k))}" in keep}


def revalidate(doc: Document, ours: list[Diagnostic], blanked: Any, previous: str | None) -> Result:
    """The slow checks of ``doc`` (what ``validate.content`` returns), on a slice when ``previous`` allows it.

    ``previous`` is the outline of the last version the validator passed
    without a word; the result carries the outline of this one when it passed
    so too.
    """
    from generator import validate

    values = list(validate._check_values(doc))
    new = outline(doc.data, blanked)
    how = _slice_or_why(doc, new, previous)
    if isinstance(how, tuple):
        changed, keep = how
        if _clean(slice_document(doc.data, changed), slice_document(doc.data, keep)):
            return Result(sorted(set(values)), new.to_json(), f"slice: {len(keep)} of {len(new.order)} parts")
        reason = "the slice has something to report"
    else:
        reason = how
    clean, upstream = validate.upstream_checks(doc, ours + values)
    found = sorted(set(values) | set(upstream))
    return Result(found, new.to_json() if clean and not new.unprovable else None, f"full: {reason}")


def _clean(changed: Any, kept: Any) -> bool:
    """Whether the validator is silent on both: the OpenAPI schema over ``changed``, the rest over ``kept``.

    This is ``iter_errors`` in two halves (``validators.py``): the OpenAPI
    schema never follows a $ref, so it needs the changed parts only; the
    keyword checks do, so they run over every part the slice keeps.
    """
    from generator.validate import upstream_validator

    try:
        validator_cls = upstream_validator(kept)
        if next(iter(validator_cls.schema_validator.iter_errors(changed)), None) is not None:
            return False
        validator = validator_cls(kept)
        return next(iter(validator.root_validator(validator.schema_path)), None) is None
    except Exception:  # the full validation reports it
        return False


def _slice_or_why(doc: Document, new: Outline, previous: str | None) -> tuple[set[str], set[str]] | str:
    if cache.tool_version("openapi-spec-validator") not in ANALYSED_VERSIONS:
        return "openapi-spec-validator is not a version this module was checked against"
    if previous is None:
        return "no outline of a previous version"
    try:
        old = Outline.from_json(previous)
    except (ValueError, KeyError, TypeError, IndexError):
        return "the stored outline is unreadable"
    if not isinstance(doc.data, dict):
        return "the document is not a mapping"
    keep = plan(old, new, doc.data)
    if isinstance(keep, str):
        return keep
    return set(changed_parts(old, new)), keep
