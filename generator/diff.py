"""Compare the committed output with a fresh generation, and say what changed for users.

Besides a file diff, the report names the CLI commands, flags and model fields
that were added, removed or changed, read from the static command table and
the models module of both trees.
"""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass, field
from typing import Any


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


def _commands(files: dict[str, str], package: str) -> dict[str, Any]:
    for node in _module(files, f"{package}/_table.py"):
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        value = getattr(node, "value", None)
        if value is not None and any(isinstance(t, ast.Name) and t.id == "COMMANDS" for t in targets):
            try:
                commands = ast.literal_eval(value)
            except ValueError:
                return {}
            return commands if isinstance(commands, dict) else {}
    return {}


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


def _flag_summary(option: dict[str, Any]) -> str:
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
    lines: list[str] = []
    old_cmds, new_cmds = _commands(old, package), _commands(new, package)
    for name in sorted(set(new_cmds) - set(old_cmds)):
        lines.append(f"+ command `authlete {name}`")
    for name in sorted(set(old_cmds) - set(new_cmds)):
        lines.append(f"- command `authlete {name}`")
    for name in sorted(set(old_cmds) & set(new_cmds)):
        before = {o["flag"]: o for o in old_cmds[name].get("options", [])}
        after = {o["flag"]: o for o in new_cmds[name].get("options", [])}
        for flag in sorted(set(after) - set(before)):
            lines.append(f"+ flag {flag} on `authlete {name}` ({_flag_summary(after[flag])})")
        for flag in sorted(set(before) - set(after)):
            lines.append(f"- flag {flag} on `authlete {name}` ({_flag_summary(before[flag])})")
        for flag in sorted(set(before) & set(after)):
            if _flag_summary(before[flag]) != _flag_summary(after[flag]):
                lines.append(
                    f"~ flag {flag} on `authlete {name}`: {_flag_summary(before[flag])} -> {_flag_summary(after[flag])}"
                )
        for key in ("method", "path"):
            if old_cmds[name].get(key) != new_cmds[name].get(key):
                lines.append(f"~ `authlete {name}` {key}: {old_cmds[name].get(key)} -> {new_cmds[name].get(key)}")
    old_models, new_models = _models(old, package), _models(new, package)
    for cls in sorted(set(new_models) - set(old_models)):
        lines.append(f"+ model {cls}")
    for cls in sorted(set(old_models) - set(new_models)):
        lines.append(f"- model {cls}")
    for cls in sorted(set(old_models) & set(new_models)):
        before, after = old_models[cls], new_models[cls]
        for name in sorted(set(after) - set(before)):
            lines.append(f"+ field {cls}.{name}: {after[name]}")
        for name in sorted(set(before) - set(after)):
            lines.append(f"- field {cls}.{name}: {before[name]}")
        for name in sorted(set(before) & set(after)):
            if before[name] != after[name]:
                lines.append(f"~ field {cls}.{name}: {before[name]} -> {after[name]}")
    return lines
