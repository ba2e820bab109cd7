"""Apply OpenAPI Overlay 1.0 documents to a loaded spec, keeping every node's origin.

An overlay lets us follow a spec we do not own (Authlete's) without editing
it: each action selects nodes with an RFC 9535 JSONPath (python-jsonpath in
strict mode) and either merges an ``update`` into them or removes them.

Errors must still point at the line a user can fix, so the position of every
child is carried through the edits in a shadow table keyed by the identity of
its parent container; nodes grafted from an overlay keep the overlay's file
and line. The merged Document's ``positions`` and ``origins`` are rebuilt
from that table at the end.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Union

from generator.diagnostics import Diagnostic, GeneratorError, escape_pointer_token, pointer
from generator.load import Document, load

Source = tuple[str, int, int]  # file, line, column
Children = Union[dict[str, Source], list[Source]]
PathPart = Union[str, int]

_ACTION_FIELDS = frozenset({"target", "description", "update", "remove"})


@dataclass(frozen=True)
class Action:
    """One validated overlay action."""

    target: str
    update: Any
    has_update: bool
    remove: bool
    pointer: str  # of the action inside its overlay document


@dataclass(frozen=True)
class Overlay:
    document: Document
    actions: tuple[Action, ...]


def load_overlay(path: str | Path) -> Overlay:
    """Read and check an overlay; every structural problem is reported at once, located."""
    doc = load(path)
    data = doc.data
    problems: list[Diagnostic] = []
    version = data.get("overlay")
    if not (isinstance(version, str) and version.startswith("1.0.") and version[4:].isdigit()):
        found = repr(version) if "overlay" in data else "nothing"
        problems.append(doc.diag("/overlay", f"an overlay needs 'overlay: 1.0.x' (Overlay 1.0); found {found}"))
    info = data.get("info")
    if not (isinstance(info, dict) and isinstance(info.get("title"), str) and isinstance(info.get("version"), str)):
        problems.append(doc.diag("/info", "an overlay needs info.title and info.version (strings)"))
    raw_actions = data.get("actions")
    actions: list[Action] = []
    if not (isinstance(raw_actions, list) and raw_actions):
        problems.append(doc.diag("/actions", "an overlay needs a non-empty list of actions"))
    else:
        for index, raw in enumerate(raw_actions):
            action = _action(doc, pointer("actions", index), raw, problems)
            if action is not None:
                actions.append(action)
    if problems:
        raise GeneratorError(sorted(set(problems)))
    return Overlay(doc, tuple(actions))


def _action(doc: Document, ptr: str, raw: Any, problems: list[Diagnostic]) -> Action | None:
    if not isinstance(raw, dict):
        problems.append(doc.diag(ptr, "an action must be a mapping with a target and an update or remove"))
        return None
    for key in sorted(k for k in raw if k not in _ACTION_FIELDS and not str(k).startswith("x-")):
        problems.append(
            doc.diag(f"{ptr}/{escape_pointer_token(key)}", f"unknown action field {key!r}; expected {_fields()}")
        )
    target = raw.get("target")
    if not (isinstance(target, str) and target.startswith("$")):
        problems.append(doc.diag(f"{ptr}/target", "an action needs a target: a JSONPath starting with '$'"))
        return None
    syntax = _syntax_error(target)
    if syntax:
        problems.append(doc.diag(f"{ptr}/target", f"invalid JSONPath {target!r}: {syntax}"))
        return None
    remove = raw.get("remove", False)
    if not isinstance(remove, bool):
        problems.append(doc.diag(f"{ptr}/remove", f"remove must be true or false; found {remove!r}"))
        return None
    if not remove and "update" not in raw:
        problems.append(doc.diag(ptr, "this action does nothing: give it an update or remove: true"))
        return None
    if remove and target.strip() == "$":
        problems.append(doc.diag(f"{ptr}/target", "the whole document cannot be removed"))
        return None
    return Action(target, raw.get("update"), "update" in raw, remove, ptr)


def _fields() -> str:
    return ", ".join(sorted(_ACTION_FIELDS)) + " or x-*"


def _syntax_error(target: str) -> str | None:
    import jsonpath

    try:
        jsonpath.compile(target, strict=True)
    except jsonpath.JSONPathError as exc:
        return str(exc).splitlines()[0]
    return None


def _matches(target: str, data: Any) -> list[tuple[PathPart, ...]]:
    import jsonpath

    return [tuple(m.parts) for m in jsonpath.compile(target, strict=True).finditer(data)]


def apply_overlays(doc: Document, overlays: Iterable[str | Path]) -> tuple[Document, list[Diagnostic]]:
    """The spec with each overlay applied in order, and the warnings found on the way.

    A target that selects nothing is a warning (the pipeline makes it an error
    under --strict): usually the upstream spec moved and the overlay must follow.
    """
    paths = list(overlays)
    if not paths:
        return doc, []
    loaded = [load_overlay(p) for p in paths]
    data = copy.deepcopy(doc.data)
    shadow = _Shadow(doc, data)
    problems: list[Diagnostic] = []
    for overlay in loaded:
        for action in overlay.actions:
            problems += _apply(overlay.document, action, doc.path, data, shadow)
    problems = [replace(p, severity="warning") for p in problems]
    return shadow.document(doc.path, data), sorted(set(problems))


def _apply(overlay: Document, action: Action, spec: str, data: Any, shadow: _Shadow) -> list[Diagnostic]:
    found = _matches(action.target, data)
    if not found:
        return [overlay.diag(f"{action.pointer}/target", f"target {action.target} matches nothing in {spec}")]
    if action.remove:
        for parts in sorted(found, key=_removal_order):
            shadow.remove(data, parts)
        return []
    errors = []
    for parts in found:
        node = _resolve(data, parts)
        if not isinstance(node, (dict, list)):
            errors.append(
                overlay.diag(
                    f"{action.pointer}/update",
                    f"target {action.target} selects a {type(node).__name__} at {_show(parts)}; "
                    "update needs an object or an array",
                )
            )
        elif isinstance(node, dict) and not isinstance(action.update, dict):
            errors.append(
                overlay.diag(f"{action.pointer}/update", f"an update of the object at {_show(parts)} must be an object")
            )
        else:
            shadow.merge(node, action.update, overlay, f"{action.pointer}/update")
    if errors:
        raise GeneratorError(errors)
    return []


def _removal_order(parts: tuple[PathPart, ...]) -> tuple[Any, ...]:
    """Deepest first, and the highest index of a list first, so earlier removals never shift later ones."""
    return (-len(parts), *((0, -p) if isinstance(p, int) else (1, p) for p in parts))


def _resolve(data: Any, parts: tuple[PathPart, ...]) -> Any:
    node = data
    for part in parts:
        node = node[part]
    return node


def _show(parts: tuple[PathPart, ...]) -> str:
    return "#" + pointer(*parts) if parts else "the document root"


class _Shadow:
    """Source position of every child, keyed by the identity of its parent container."""

    def __init__(self, doc: Document, data: Any) -> None:
        self.children: dict[int, Children] = {}
        self.keep: list[Any] = []  # removed containers stay alive so their ids are never reused
        self.root: Source = doc.source("")
        self._index(doc, data, "")

    def _index(self, doc: Document, node: Any, ptr: str) -> None:
        if isinstance(node, dict):
            self.children[id(node)] = {key: self._source(doc, f"{ptr}/{escape_pointer_token(key)}") for key in node}
            for key, value in node.items():
                self._index(doc, value, f"{ptr}/{escape_pointer_token(key)}")
        elif isinstance(node, list):
            self.children[id(node)] = [self._source(doc, f"{ptr}/{i}") for i in range(len(node))]
            for i, value in enumerate(node):
                self._index(doc, value, f"{ptr}/{i}")

    @staticmethod
    def _source(doc: Document, ptr: str) -> Source:
        if ptr in doc.positions:
            line, col = doc.positions[ptr]
            return doc.origins.get(ptr, doc.path), line, col
        return doc.source(ptr)

    def remove(self, data: Any, parts: tuple[PathPart, ...]) -> None:
        parent = _resolve(data, parts[:-1])
        key = parts[-1]
        self.keep.append(parent[key])
        del parent[key]
        children = self.children[id(parent)]
        if isinstance(children, list) and isinstance(key, int):
            del children[key]
        elif isinstance(children, dict) and isinstance(key, str):
            del children[key]

    def merge(self, node: dict[str, Any] | list[Any], update: Any, overlay: Document, ptr: str) -> None:
        """Overlay 1.0 update: objects merge recursively, arrays grow, anything else is replaced."""
        if isinstance(node, list):
            items = update if isinstance(update, list) else [update]
            base = ptr if isinstance(update, list) else None
            for i, item in enumerate(items):
                item_ptr = f"{base}/{i}" if base is not None else ptr
                node.append(self._graft(item, overlay, item_ptr))
                _list(self.children[id(node)]).append(self._source(overlay, item_ptr))
            return
        for key, value in update.items():
            key_ptr = f"{ptr}/{escape_pointer_token(key)}"
            current = node.get(key)
            if isinstance(current, dict) and isinstance(value, dict):
                self.merge(current, value, overlay, key_ptr)
            elif isinstance(current, list) and isinstance(value, list):
                self.merge(current, value, overlay, key_ptr)
            else:
                if key in node:
                    self.keep.append(node[key])
                node[key] = self._graft(value, overlay, key_ptr)
                _dict(self.children[id(node)])[key] = self._source(overlay, key_ptr)

    def _graft(self, value: Any, overlay: Document, ptr: str) -> Any:
        """A copy of an overlay value, its children located in the overlay file."""
        copied = copy.deepcopy(value)
        self._index(overlay, copied, ptr)
        return copied

    def document(self, path: str, data: Any) -> Document:
        positions: dict[str, tuple[int, int]] = {"": self.root[1:]}
        origins: dict[str, str] = {}
        self._emit(data, "", path, positions, origins)
        return Document(path, data, positions, origins)

    def _emit(
        self, node: Any, ptr: str, path: str, positions: dict[str, tuple[int, int]], origins: dict[str, str]
    ) -> None:
        if isinstance(node, dict):
            known = _dict(self.children[id(node)])
            for key, value in node.items():
                child = f"{ptr}/{escape_pointer_token(key)}"
                self._place(child, known[key], path, positions, origins)
                self._emit(value, child, path, positions, origins)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                child = f"{ptr}/{i}"
                self._place(child, _list(self.children[id(node)])[i], path, positions, origins)
                self._emit(value, child, path, positions, origins)

    @staticmethod
    def _place(
        ptr: str, source: Source, path: str, positions: dict[str, tuple[int, int]], origins: dict[str, str]
    ) -> None:
        file, line, col = source
        positions[ptr] = (line, col)
        if file != path:
            origins[ptr] = file


def _dict(children: Children) -> dict[str, Source]:
    if not isinstance(children, dict):
        raise TypeError("a mapping's children are tracked as a mapping")
    return children


def _list(children: Children) -> list[Source]:
    if not isinstance(children, list):
        raise TypeError("a list's children are tracked as a list")
    return children
