"""Compare the committed output with a fresh generation, and say what changed for users.

Besides a file diff, the report names the CLI commands, flags and model fields
that were added, removed or changed, read from the static command table and
the models module of both trees.
"""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from templates.runtime.surface import Command, Option


@dataclass
class Drift:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    surface: list[str] = field(default_factory=list)
    diff: str = ""

    @property
    def clean(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare(old: dict[str, str], new: dict[str, str], package: str, context_lines: int = 3) -> Drift:
    drift = Drift(
        added=sorted(set(new) - set(old)),
        removed=sorted(set(old) - set(new)),
        changed=sorted(p for p in set(old) & set(new) if old[p] != new[p]),
    )
    if drift.clean:
        return drift
    chunks = []
    for path in drift.added + drift.removed + drift.changed:
        chunks += difflib.unified_diff(
            old.get(path, "").splitlines(keepends=True),
            new.get(path, "").splitlines(keepends=True),
            fromfile=f"a/{path}" if path in old else "/dev/null",
            tofile=f"b/{path}" if path in new else "/dev/null",
            n=context_lines,
        )
    drift.diff = "".join(chunks)
    drift.surface = surface_changes(old, new, package)
    return drift


def _module(files: dict[str, str], path: str) -> list[ast.stmt]:
    """Top-level statements of a generated module; none if it is missing or broken (the file diff shows why)."""
    text = files.get(path)
    if text is None:
        return []
    try:
        return ast.parse(text).body
    except SyntaxError:
        return []


def _commands(files: dict[str, str], package: str) -> dict[str, Command]:
    """Every command entry of a tree: the ``COMMANDS`` literal of each ``commands/<group>.py``."""
    found: dict[str, Command] = {}
    for path in sorted(p for p in files if p.startswith(f"{package}/commands/")):
        for node in _module(files, path):
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "COMMANDS":
                try:
                    table = ast.literal_eval(node.value) if node.value is not None else None
                except ValueError:
                    continue
                if isinstance(table, dict):
                    found.update(cast("dict[str, Command]", table))
    return found


def _models(files: dict[str, str], package: str) -> dict[str, dict[str, str]]:
    classes: dict[str, dict[str, str]] = {}
    for node in _module(files, f"{package}/models.py"):
        if isinstance(node, ast.ClassDef):
            fields = {}
            for item in node.body:
                if (
                    isinstance(item, ast.AnnAssign)
                    and isinstance(item.target, ast.Name)
                    and item.target.id != "model_config"
                ):
                    fields[item.target.id] = _type_text(item.annotation)
                elif (
                    isinstance(item, ast.Assign)
                    and isinstance(item.targets[0], ast.Name)
                    and item.targets[0].id != "model_config"
                ):
                    fields[item.targets[0].id] = "enum member " + ast.unparse(item.value)
            classes[node.name] = fields
    return classes


def _type_text(annotation: ast.expr) -> str:
    """``Annotated[str | None, Field(alias='x')]`` -> ``str | None``: the type a user sees."""
    if (
        isinstance(annotation, ast.Subscript)
        and isinstance(annotation.value, ast.Name)
        and annotation.value.id == "Annotated"
    ):
        inner = annotation.slice
        if isinstance(inner, ast.Tuple) and inner.elts:
            return ast.unparse(inner.elts[0])
    return ast.unparse(annotation)


def _flag_summary(option: Option) -> str:
    parts = [option["type"]]
    if option.get("short"):
        parts.append(option["short"])
    if option.get("required"):
        parts.append("required")
    if option.get("choices"):
        parts.append("{" + ",".join(option["choices"]) + "}")
    return " ".join(parts)


def surface_changes(old: dict[str, str], new: dict[str, str], package: str) -> list[str]:
    """Lines such as '+ flag --foo on `authlete token process` (string)'."""
    return _command_changes(_commands(old, package), _commands(new, package)) + _model_changes(
        _models(old, package), _models(new, package)
    )


def _command_changes(old: dict[str, Command], new: dict[str, Command]) -> list[str]:
    lines = [f"+ command `authlete {name}`" for name in sorted(set(new) - set(old))]
    lines += [f"- command `authlete {name}`" for name in sorted(set(old) - set(new))]
    for name in sorted(set(old) & set(new)):
        where = f"on `authlete {name}`"
        before = {o["flag"]: _flag_summary(o) for o in old[name].get("options", [])}
        after = {o["flag"]: _flag_summary(o) for o in new[name].get("options", [])}
        lines += _member_changes(before, after, "{sign} flag {name} " + where + " ({text})")
        lines += [
            f"~ flag {flag} {where}: {before[flag]} -> {after[flag]}"
            for flag in sorted(set(before) & set(after))
            if before[flag] != after[flag]
        ]
        for key in ("method", "path"):
            if old[name].get(key) != new[name].get(key):
                lines.append(f"~ `authlete {name}` {key}: {old[name].get(key)} -> {new[name].get(key)}")
    return lines


def _model_changes(old: dict[str, dict[str, str]], new: dict[str, dict[str, str]]) -> list[str]:
    lines = [f"+ model {cls}" for cls in sorted(set(new) - set(old))]
    lines += [f"- model {cls}" for cls in sorted(set(old) - set(new))]
    for cls in sorted(set(old) & set(new)):
        before, after = old[cls], new[cls]
        lines += _member_changes(before, after, "{sign} field " + cls + ".{name}: {text}")
        lines += [
            f"~ field {cls}.{field}: {before[field]} -> {after[field]}"
            for field in sorted(set(before) & set(after))
            if before[field] != after[field]
        ]
    return lines


def _member_changes(before: dict[str, str], after: dict[str, str], line: str) -> list[str]:
    """Added then removed members, each as ``line`` filled with sign, name and description."""
    added = [line.format(sign="+", name=name, text=after[name]) for name in sorted(set(after) - set(before))]
    return added + [line.format(sign="-", name=name, text=before[name]) for name in sorted(set(before) - set(after))]
