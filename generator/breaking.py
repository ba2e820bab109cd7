"""Classify every change between two surfaces as compatible or breaking.

The rules follow the axes breaking-change checkers such as oasdiff use
(request or response direction, added or removed, required, type, enum
values), reduced to what a script calling the CLI or code importing the
client can notice:

- anything removed or renamed is breaking (a rename is a removal plus an addition);
- a type change is breaking;
- something new that callers must now give (a required flag, field or
  parameter, or one that became required) is breaking;
- a response field that may now be missing (it became optional) is breaking;
- a new optional flag, field, parameter, command, model or method is
  compatible, and so is a new enum value: new choices for requests, and
  response enums are open;
- descriptions and help text are not part of the surface at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

from generator.surface import Command, Field, Flag, Method, Model, Param, Surface, Where

ChangeKind = Literal["added", "removed", "changed"]
Bump = Literal["major", "minor", "patch", "none"]


@dataclass(frozen=True)
class Change:
    change: ChangeKind
    breaking: bool
    kind: str  # command, flag, short-flag, enum-value, model, field, method, parameter, endpoint
    where: str
    detail: str
    at: Where | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "change": self.change,
            "breaking": self.breaking,
            "kind": self.kind,
            "where": self.where,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Report:
    changes: tuple[Change, ...]
    differs: bool  # the inputs differ at all, even where users cannot see it

    @property
    def breaking(self) -> bool:
        return any(c.breaking for c in self.changes)

    @property
    def bump(self) -> Bump:
        """The semantic-version bump the generated package needs."""
        if self.breaking:
            return "major"
        if self.changes:
            return "minor"
        return "patch" if self.differs else "none"

    @property
    def exit_code(self) -> int:
        """0 no change to the surface, 1 compatible changes only, 4 at least one breaking change."""
        return 4 if self.breaking else 1 if self.changes else 0

    def as_json(self) -> dict[str, object]:
        return {"changes": [c.as_json() for c in self.changes], "breaking": self.breaking, "bump": self.bump}


def report(old: Surface, new: Surface, differs: bool = True) -> Report:
    return Report(tuple(compare_surfaces(old, new)), differs)


def compare_surfaces(old: Surface, new: Surface) -> list[Change]:
    changes = list(_commands(old.commands, new.commands))
    changes += _models(old.models, new.models)
    changes += _methods(old.methods, new.methods)
    return changes


# ---------------------------------------------------------------- helpers


class _Named(Protocol):
    @property
    def at(self) -> Where | None: ...


T = TypeVar("T", bound=_Named)


def _pairs(
    old: Mapping[str, T], new: Mapping[str, T]
) -> tuple[list[tuple[str, T]], list[tuple[str, T]], list[tuple[str, T, T]]]:
    """Added, removed and kept members, each sorted by name."""
    added = [(k, new[k]) for k in sorted(set(new) - set(old))]
    removed = [(k, old[k]) for k in sorted(set(old) - set(new))]
    kept = [(k, old[k], new[k]) for k in sorted(set(old) & set(new))]
    return added, removed, kept


def _values(
    kind: str, where: str, what: str, old: tuple[str, ...], new: tuple[str, ...], at: Where | None
) -> Iterator[Change]:
    """Enum values or choices: a new one is compatible, a dropped one breaks callers that use it."""
    for value in [v for v in new if v not in old]:
        yield Change("added", False, kind, where, f"{what} {value!r} added", at)
    for value in [v for v in old if v not in new]:
        yield Change("removed", True, kind, where, f"{what} {value!r} removed", at)


def _optional(required: bool) -> str:
    return "required" if required else "optional"


# ---------------------------------------------------------------- commands and flags


def _commands(old: Mapping[str, Command], new: Mapping[str, Command]) -> Iterator[Change]:
    added, removed, kept = _pairs(old, new)
    for name, cmd in added:
        yield Change("added", False, "command", name, f"new command ({cmd.method} {cmd.path})", cmd.at)
    for name, cmd in removed:
        yield Change("removed", True, "command", name, "command removed; scripts that run it fail", cmd.at)
    for name, before, after in kept:
        if (before.method, before.path) != (after.method, after.path):
            detail = f"now calls {after.method} {after.path} instead of {before.method} {before.path}"
            yield Change("changed", False, "endpoint", name, detail, after.at)
        yield from _flags(name, before, after)


def _flags(command: str, before: Command, after: Command) -> Iterator[Change]:
    added, removed, kept = _pairs(before.flags, after.flags)
    for name, flag in added:
        where = f"{command} {name}"
        if flag.required:
            yield Change(
                "added", True, "flag", where, f"new required {flag.type} option; existing calls lack it", flag.at
            )
        else:
            yield Change("added", False, "flag", where, f"new optional {flag.type} option", flag.at)
        if flag.short:
            yield Change("added", False, "short-flag", where, f"short flag {flag.short} added", flag.at)
    for name, flag in removed:
        yield Change("removed", True, "flag", f"{command} {name}", f"{flag.type} option removed", after.at or flag.at)
    for name, old_flag, new_flag in kept:
        yield from _flag(f"{command} {name}", old_flag, new_flag)


def _flag(where: str, old: Flag, new: Flag) -> Iterator[Change]:
    at = new.at
    if old.type != new.type:
        yield Change("changed", True, "flag", where, f"type {old.type} -> {new.type}", at)
    if old.required != new.required:
        breaking = new.required
        detail = "became required" if breaking else "became optional"
        yield Change("changed", breaking, "flag", where, detail, at)
    if old.short != new.short:
        if old.short is None:
            yield Change("added", False, "short-flag", where, f"short flag {new.short} added", at)
        elif new.short is None:
            yield Change("removed", True, "short-flag", where, f"short flag {old.short} removed", at)
        else:
            yield Change("changed", True, "short-flag", where, f"short flag {old.short} -> {new.short}", at)
    yield from _values("enum-value", where, "choice", old.choices, new.choices, at)


# ---------------------------------------------------------------- models and fields


def _models(old: Mapping[str, Model], new: Mapping[str, Model]) -> Iterator[Change]:
    added, removed, kept = _pairs(old, new)
    renames = _renames(old, new, kept)
    for name, model in added:
        if name not in renames.values():
            what = "enum" if model.members else "model class"
            yield Change("added", False, "model", f"models.{name}", f"new {what}", model.at)
    for name, model in removed:
        what = "enum" if model.members else "model class"
        if name in renames:
            detail = f"{what} renamed to models.{renames[name]}; code importing the old name fails"
            yield Change("changed", True, "model", f"models.{name}", detail, new[renames[name]].at)
        else:
            yield Change(
                "removed", True, "model", f"models.{name}", f"{what} removed; code importing it fails", model.at
            )
    pairs = [(name, before, after) for name, before, after in kept]
    pairs += [(renames[name], old[name], new[renames[name]]) for name in sorted(renames)]
    for name, before, after in pairs:
        where = f"models.{name}"
        yield from _values("enum-value", where, "value", before.members, after.members, after.at)
        yield from _fields(where, before, after, renames)


_TYPE_NAME = re.compile(r"[A-Za-z_]\w*")


def _renames(
    old: Mapping[str, Model], new: Mapping[str, Model], kept: list[tuple[str, Model, Model]]
) -> dict[str, str]:
    """Classes that only changed name (``Action1`` -> ``TokenFailResponseAction``): old name -> new name.

    A removed class and an added one pair up when a field of a class in both
    versions (or of an already paired one) changed its type from one to the
    other, and they hold the same enum values or field names: a new inline
    naming rule renames classes without changing them.
    """
    renames: dict[str, str] = {}
    todo = [(before, after) for _, before, after in kept]
    while todo:
        before, after = todo.pop(0)
        for name in sorted(set(before.fields) & set(after.fields)):
            was = _TYPE_NAME.findall(before.fields[name].type)
            now = _TYPE_NAME.findall(after.fields[name].type)
            if len(was) != len(now):
                continue
            for a, b in zip(was, now, strict=True):
                if a == b or a in renames or a in new or b in old or a not in old or b not in new:
                    continue
                if b in renames.values() or not _same_shape(old[a], new[b]):
                    continue
                renames[a] = b
                todo.append((old[a], new[b]))
    return renames


def _same_shape(before: Model, after: Model) -> bool:
    return before.members == after.members and set(before.fields) == set(after.fields)


def _fields(where: str, before: Model, after: Model, renames: Mapping[str, str]) -> Iterator[Change]:
    # a model no operation reaches is judged both ways
    request = after.request or not (after.request or after.response)
    response = after.response or not (after.request or after.response)
    added, removed, kept = _pairs(before.fields, after.fields)
    for name, f in added:
        if f.required and request:
            yield Change("added", True, "field", f"{where}.{name}", f"new required field ({f.type})", f.at)
        else:
            yield Change(
                "added", False, "field", f"{where}.{name}", f"new {_optional(f.required)} field ({f.type})", f.at
            )
    for name, f in removed:
        yield Change("removed", True, "field", f"{where}.{name}", f"field removed ({f.type})", after.at or f.at)
    for name, old_field, new_field in kept:
        yield from _field(f"{where}.{name}", old_field, new_field, request, response, renames)


def _field(
    where: str, old: Field, new: Field, request: bool, response: bool, renames: Mapping[str, str]
) -> Iterator[Change]:
    at = new.at
    if _TYPE_NAME.sub(lambda m: renames.get(m.group(0), m.group(0)), old.type) != new.type:
        yield Change("changed", True, "field", where, f"type {old.type} -> {new.type}", at)
    if old.required != new.required:
        if new.required:
            # callers building requests must now set it; readers of responses gain a guarantee
            yield Change("changed", request, "field", where, "became required", at)
        else:
            # readers of responses may now get None
            yield Change("changed", response, "field", where, "became optional", at)
    yield from _values("enum-value", where, "value", old.choices, new.choices, at)


# ---------------------------------------------------------------- client methods


def _methods(old: Mapping[str, Method], new: Mapping[str, Method]) -> Iterator[Change]:
    added, removed, kept = _pairs(old, new)
    for name, method in added:
        yield Change("added", False, "method", name, f"new method returning {method.returns}", method.at)
    for name, method in removed:
        yield Change("removed", True, "method", name, "method removed; code calling it fails", method.at)
    for name, before, after in kept:
        if before.returns != after.returns:
            yield Change(
                "changed", True, "method", name, f"returns {after.returns} instead of {before.returns}", after.at
            )
        yield from _params(name, before, after)


def _params(method: str, before: Method, after: Method) -> Iterator[Change]:
    added, removed, kept = _pairs(before.params, after.params)
    for name, p in added:
        where = f"{method}({name})"
        if p.required:
            yield Change("added", True, "parameter", where, f"new required parameter ({p.type})", p.at)
        else:
            yield Change("added", False, "parameter", where, f"new optional parameter ({p.type})", p.at)
    for name, p in removed:
        yield Change(
            "removed", True, "parameter", f"{method}({name})", f"parameter removed ({p.type})", after.at or p.at
        )
    for name, old_p, new_p in kept:
        yield from _param(f"{method}({name})", old_p, new_p)


def _param(where: str, old: Param, new: Param) -> Iterator[Change]:
    if old.type != new.type:
        yield Change("changed", True, "parameter", where, f"type {old.type} -> {new.type}", new.at)
    if old.required != new.required:
        detail = "became required" if new.required else "became optional"
        yield Change("changed", new.required, "parameter", where, detail, new.at)


# ---------------------------------------------------------------- locations and output


def locate(changes: tuple[Change, ...], spec: Surface) -> tuple[Change, ...]:
    """Give changes found between two generated trees the spec line of the item (or its parent)."""
    index = _where_index(spec)

    def find(where: str) -> Where | None:
        key = where
        while key:
            if key in index:
                return index[key]
            cut = max(key.rfind(" "), key.rfind("."), key.rfind("("))
            key = key[:cut] if cut > 0 else ""
        return None

    return tuple(c if c.at else Change(c.change, c.breaking, c.kind, c.where, c.detail, find(c.where)) for c in changes)


def _where_index(spec: Surface) -> dict[str, Where]:
    index: dict[str, Where] = {}
    for name, cmd in spec.commands.items():
        _put(index, name, cmd.at)
        for flag, flag_item in cmd.flags.items():
            _put(index, f"{name} {flag}", flag_item.at)
    for name, model in spec.models.items():
        _put(index, f"models.{name}", model.at)
        for field_name, field_item in model.fields.items():
            _put(index, f"models.{name}.{field_name}", field_item.at)
    for name, method in spec.methods.items():
        _put(index, name, method.at)
        for param, param_item in method.params.items():
            _put(index, f"{name}({param})", param_item.at)
    return index


def _put(index: dict[str, Where], key: str, at: Where | None) -> None:
    if at is not None:
        index[key] = at


_SIGNS = {"added": "+", "removed": "-", "changed": "~"}


def text_line(change: Change) -> str:
    mark = "  [breaking]" if change.breaking else ""
    return f"{_SIGNS[change.change]} {change.kind} {change.where}: {change.detail}{mark}"


def summary(result: Report) -> str:
    if not result.changes:
        return "no change to the surface" + ("" if result.bump == "none" else " (bump: patch)")
    count = len(result.changes)
    broken = sum(1 for c in result.changes if c.breaking)
    return f"{count} change{'s' if count != 1 else ''} to the surface, {broken} breaking (bump: {result.bump})"


def render_text(result: Report) -> str:
    return "".join(text_line(c) + "\n" for c in result.changes) + summary(result) + "\n"


def render_json(result: Report) -> str:
    return json.dumps(result.as_json(), indent=2) + "\n"


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def render_github(result: Report) -> str:
    """GitHub workflow annotations: an error per breaking change, a notice per compatible one."""
    lines = []
    for c in result.changes:
        level = "error" if c.breaking else "notice"
        title = f"{'breaking' if c.breaking else 'compatible'} change: {c.kind} {c.change}"
        props = [f"file={_escape(c.at.file, True)}", f"line={c.at.line}"] if c.at else []
        props.append(f"title={_escape(title, True)}")
        lines.append(f"::{level} {','.join(props)}::{_escape(c.where + ': ' + c.detail)}\n")
    return "".join(lines) + summary(result) + "\n"


RENDERERS: dict[str, Callable[[Report], str]] = {"text": render_text, "json": render_json, "github": render_github}
