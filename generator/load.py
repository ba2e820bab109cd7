"""Load a YAML or JSON spec and remember where every node came from.

PyYAML's composed node tree carries line and column marks; we walk it once to
map each JSON pointer to its position, so later stages can report errors the
way a compiler does without carrying positions through their own data. A JSON
spec is read without YAML (``_JsonReader``), to the same data and positions.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, GeneratorError, Severity, escape_pointer_token, split_pointer


@dataclass(frozen=True)
class Document:
    """A parsed spec plus the source position of each of its nodes.

    ``origins`` names the file of nodes that came from somewhere other than
    ``path`` (an overlay merged into the spec), so an error in the merged
    document still points at the file and line its node was written in.
    """

    path: str
    data: Any
    positions: dict[str, tuple[int, int]]
    origins: dict[str, str] = field(default_factory=dict)
    digest: str = ""  # of the source text: what later stages' cache keys start from

    def _nearest(self, ptr: str) -> str | None:
        """``ptr`` or its nearest ancestor that has a recorded position."""
        tokens = split_pointer(ptr)
        while True:
            key = "".join("/" + escape_pointer_token(t) for t in tokens)
            if key in self.positions:
                return key
            if not tokens:
                return None
            tokens.pop()

    def where(self, ptr: str) -> tuple[int, int]:
        """Position of ``ptr``, or of its nearest ancestor that has one."""
        key = self._nearest(ptr)
        return self.positions[key] if key is not None else (1, 1)

    def source(self, ptr: str) -> tuple[str, int, int]:
        """File, line and column that ``ptr`` (or its nearest located ancestor) was written at."""
        key = self._nearest(ptr)
        if key is None:
            return self.path, 1, 1
        line, col = self.positions[key]
        return self.origins.get(key, self.path), line, col

    def diag(self, ptr: str, message: str, severity: Severity = "error") -> Diagnostic:
        """A diagnostic located at ``ptr`` in the file its node came from."""
        file, line, col = self.source(ptr)
        return Diagnostic(file, line, col, ptr, message, severity)

    def resolve(self, ref: str) -> tuple[str, Any]:
        """Follow a local ``#/...`` reference; returns its pointer and target."""
        ptr = ref[1:]
        node: Any = self.data
        for token in split_pointer(ptr):
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                raise KeyError(ref)
        return ptr, node


# libyaml's C parser and composer, when PyYAML was built with it: an order of
# magnitude faster than the pure-Python one, and its nodes carry the same marks.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """The safe loader, except that a timestamp stays the text it is.

    OpenAPI's data model is JSON's, which has no dates: ``example: 2024-01-02`` in a YAML spec means
    the string (a ``format: date`` value). A datetime object would be a value no JSON tool can
    write: the model generator's input is JSON, and a spec's examples end up in help and JSON output.
    """


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
# YAML 1.1 wants a dot in a float, so ``1e-05`` was the string '1e-05': in JSON (which this loader
# reads too) and in YAML 1.2 it is a number, as OpenAI's spec means its ``minimum: 1e-05``.
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?[0-9]+[eE][-+]?[0-9]+$"), list("-+0123456789")
)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_INT = "tag:yaml.org,2002:int"
# Tags whose safe constructor turns a scalar into a value in one call (the others build containers).
_SCALARS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "binary")
)


class _Unusual(Exception):
    """A node ``_construct`` leaves to PyYAML's own constructor: a merge key, a set, a complex key..."""


def _construct(loader: Any, root: yaml.Node, out: dict[str, tuple[int, int]]) -> Any:
    """The document's data and every node's position, in one walk over the composed tree.

    PyYAML's constructor is pure Python and walks the tree a second time; this
    builds what it builds (the same objects, aliases shared) for the plain
    shapes a spec is made of: string-keyed mappings, sequences and scalars of
    the safe tags, each scalar by PyYAML's own function for its tag. Anything
    else raises _Unusual, and ``load`` goes PyYAML's way. Positions are those
    ``_positions`` records, in the same order (a test holds both to it).
    """
    made: dict[int, Any] = {}
    constructors = loader.yaml_constructors

    def scalar(node: yaml.Node, ptr: str) -> Any:
        try:
            return node.value if node.tag == _STR else constructors[node.tag](loader, node)
        except ValueError as exc:
            if node.tag == _INT and "digits" in str(exc):  # not a YAML error: PyYAML's way would raise it
                raise _Refused(ptr, node.start_mark, _too_long()) from None
            raise _Unusual from None
        except Exception:  # PyYAML's way reports it, after any duplicate key anywhere, as load always did
            raise _Unusual from None

    def walk(node: yaml.Node, ptr: str, depth: int = 0) -> Any:
        if id(node) in made:  # an alias: the same object, its nodes located under this pointer too
            _positions(node, ptr, out, depth)
            return made[id(node)]
        if depth > MAX_DEPTH:
            raise _Refused(ptr, node.start_mark, TOO_DEEP)
        out[ptr] = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = node.tag
        if isinstance(node, yaml.ScalarNode) and tag in _SCALARS:
            value: Any = scalar(node, ptr)
        elif isinstance(node, yaml.MappingNode) and tag == _MAP:
            value = made[id(node)] = {}
            seen: set[str] = set()
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALARS:
                    raise _Unusual
                text = str(key_node.value)
                child = f"{ptr}/{escape_pointer_token(text)}"
                if text in seen:
                    raise _Refused(child, key_node.start_mark, _duplicate(key_node.value))
                seen.add(text)
                key = scalar(key_node, child)
                value[key] = walk(value_node, child, depth + 1)
                out[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        elif isinstance(node, yaml.SequenceNode) and tag == _SEQ:
            value = made[id(node)] = []
            for index, item in enumerate(node.value):
                value.append(walk(item, f"{ptr}/{index}", depth + 1))
        else:
            raise _Unusual
        made[id(node)] = value
        return value

    return walk(root, "")


def _positions(node: yaml.Node, ptr: str, out: dict[str, tuple[int, int]], depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise _Refused(ptr, node.start_mark, TOO_DEEP)
    out[ptr] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = f"{ptr}/{escape_pointer_token(key)}"
            if key in seen:
                raise _Refused(child, key_node.start_mark, _duplicate(key_node.value))
            seen.add(key)
            _positions(value_node, child, out, depth + 1)
            out[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _positions(item, f"{ptr}/{index}", out, depth + 1)


# Deeper than this, a node is refused where it stands: every stage after loading walks the spec by
# recursion, and Python's stack would give out somewhere less clear (no real spec nests past 50).
MAX_DEPTH = 500


TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; the generator reads no deeper"


def _duplicate(key: str) -> str:
    return f"duplicate key {key!r}"  # PyYAML keeps the last; a spec that says two things is refused


def _too_long() -> str:
    return f"an integer of more than {sys.get_int_max_str_digits()} digits; Python reads no longer ones"


class _Refused(Exception):
    """A node the loader refuses where it stands (a duplicate key, too deep, a number too long), reported there."""

    def __init__(self, ptr: str, mark: Any, message: str) -> None:
        super().__init__(ptr)
        self.ptr = ptr
        self.mark = mark  # a YAML mark, or the JSON reader's (line, column)
        self.message = message

    def error(self, name: str) -> GeneratorError:
        mark = self.mark
        line, col = mark if isinstance(mark, tuple) else (mark.line + 1, mark.column + 1)
        return GeneratorError([Diagnostic(name, line, col, self.ptr, self.message)])


def load(path: str | Path) -> Document:
    """Read ``path`` (YAML or JSON); raise GeneratorError with a located message."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GeneratorError([Diagnostic(name, 0, 0, "", "no such file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise GeneratorError([Diagnostic(name, 0, 0, "", f"cannot read: {reason}")]) from None
    fast = _load_json_fast(name, text)
    if fast is not None:
        return fast
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise GeneratorError([Diagnostic(name, 1, 1, "", "the file is empty")])
            positions: dict[str, tuple[int, int]] = {}
            try:
                data = _construct(loader, node, positions)  # also refuses duplicate keys, which PyYAML lets pass
            except _Unusual:
                positions = {}
                _positions(node, "", positions)
                data = loader.construct_document(node)
        finally:
            loader.dispose()
    except _Refused as refused:
        raise refused.error(name) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow anywhere: no mark, a position
        if name.endswith(".json"):
            return _load_json(name, text)
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - text.rfind("\n", 0, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        problem = f"invalid YAML: the character U+{code:04X} ({chr(code)!r}) is not allowed in YAML ({exc.reason})"
        raise GeneratorError([Diagnostic(name, line, col, "", problem)]) from None
    except yaml.MarkedYAMLError as exc:
        if name.endswith(".json"):
            return _load_json(name, text)
        exc = _explained(text, exc)
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise GeneratorError([Diagnostic(name, line, col, "", f"invalid YAML: {problem}")]) from None
    if not isinstance(data, dict):
        raise GeneratorError([Diagnostic(name, 1, 1, "", "the spec must be a mapping at the top level")])
    return Document(name, data, positions, digest=_digest(text))


def _explained(text: str, exc: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError:
    """The pure-Python parser's account of a syntax error: it names the offending character."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as slow:
        return slow
    return exc


def _load_json_fast(name: str, text: str) -> Document | None:
    """A JSON spec read by the json module's C scanner, each node placed as the YAML way places it.

    libyaml composing a 13 MB JSON spec (GitHub's) takes 3 s; this takes a
    fraction of it. None for anything that is not plain JSON with an object at
    the top (YAML, a BOM, a syntax error, nesting too deep), which the YAML way
    then reads and reports as it always did.
    """
    start = _skip(text, 0)
    if not text.startswith("{", start):
        return None
    reader = _JsonReader(text)
    try:
        data, end = reader.value(start, "")
    except _Refused as refused:
        raise refused.error(name) from None
    except (_NotJson, ValueError, IndexError, StopIteration, RecursionError):
        return None
    if _skip(text, end) != len(text):
        return None
    return Document(name, data, reader.out, digest=_digest(text))


_WS = re.compile(r"[ \t\n\r]*")


def _skip(text: str, index: int) -> int:
    """The index of the first character at or after ``index`` that is not JSON whitespace."""
    match = _WS.match(text, index)
    return match.end() if match is not None else index


class _NotJson(Exception):
    """Text the JSON reader does not take: the YAML way reads it."""


class _JsonReader:
    """Builds a JSON text's data and every node's position in one pass, recursing only into containers.

    A mapping member is placed at its key and a sequence item at its first
    character, in the order ``_construct`` records them (a test holds the two to it).
    """

    def __init__(self, text: str) -> None:
        from bisect import bisect_right
        from json.decoder import scanstring  # type: ignore[attr-defined]  # public, C-accelerated, untyped
        from json.scanner import make_scanner

        self.text = text
        # json's own C scanner for a scalar (containers are read here, to place their members)
        self.scalar: Any = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]
        self.string: Any = scanstring
        self.bisect = bisect_right
        self.lines = [0] + [m.end() for m in re.finditer("\n", text)]
        self.out: dict[str, tuple[int, int]] = {"": self.at(_skip(text, 0))}

    def at(self, index: int) -> tuple[int, int]:
        line = self.bisect(self.lines, index)
        return line, index - self.lines[line - 1] + 1

    def first(self, index: int, closing: str) -> tuple[bool, int]:
        """At a container's opening bracket: whether it is empty, and where its end or first item is."""
        index = _skip(self.text, index + 1)
        return (True, index + 1) if self.text[index] == closing else (False, index)

    def after(self, index: int, closing: str) -> tuple[bool, int]:
        """Just past an item: whether its container closes, and where its end or next item is."""
        index = _skip(self.text, index)
        if self.text[index] == closing:
            return True, index + 1
        if self.text[index] != ",":
            raise _NotJson
        return False, _skip(self.text, index + 1)

    def value(self, index: int, ptr: str, depth: int = 0) -> tuple[Any, int]:
        text = self.text
        char = text[index]
        if depth > MAX_DEPTH:
            raise _Refused(ptr, self.at(index), TOO_DEEP)
        if char == "{":
            found: dict[str, Any] = {}
            closed, index = self.first(index, "}")
            while not closed:
                if text[index] != '"':
                    raise _NotJson
                key, end = self.string(text, index + 1)
                child = f"{ptr}/{escape_pointer_token(key)}"
                if key in found:
                    raise _Refused(child, self.at(index), _duplicate(key))
                self.out[child] = self.at(index)
                end = _skip(text, end)
                if text[end] != ":":
                    raise _NotJson
                found[key], index = self.value(_skip(text, end + 1), child, depth + 1)
                closed, index = self.after(index, "}")
            return found, index
        if char == "[":
            items: list[Any] = []
            closed, index = self.first(index, "]")
            while not closed:
                child = f"{ptr}/{len(items)}"
                self.out[child] = self.at(index)
                item, index = self.value(index, child, depth + 1)
                items.append(item)
                closed, index = self.after(index, "]")
            return items, index
        try:
            value, end = self.scalar(text, index)
        except ValueError as exc:  # the int digits limit; a bad string is a JSONDecodeError
            if isinstance(exc, json.JSONDecodeError) or "digits" not in str(exc):
                raise
            raise _Refused(ptr, self.at(index), _too_long()) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise _NotJson  # NaN and Infinity are the json module's, not JSON's
        return value, end


def _load_json(name: str, text: str) -> Document:
    """Fallback for JSON that YAML 1.1 rejects; positions are top-level only."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GeneratorError([Diagnostic(name, exc.lineno, exc.colno, "", f"invalid JSON: {exc.msg}")]) from None
    if not isinstance(data, dict):
        raise GeneratorError([Diagnostic(name, 1, 1, "", "the spec must be an object at the top level")])
    return Document(name, data, {"": (1, 1)}, digest=_digest(text))


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()
