"""Compiler-style diagnostics: every problem names file:line:col and a JSON pointer.

Fatal problems travel as one exception carrying all diagnostics found so far,
so a user sees every error of a bad spec in one run instead of one per run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning", "note"]


def escape_pointer_token(token: str | int) -> str:
    """Escape one reference token per RFC 6901 (most need nothing: the loader calls this for every key)."""
    text = str(token)
    if "~" not in text and "/" not in text:
        return text
    return text.replace("~", "~0").replace("/", "~1")


def pointer(*tokens: str | int) -> str:
    """Build a JSON pointer ('' is the document root)."""
    return "".join("/" + escape_pointer_token(t) for t in tokens)


def split_pointer(ptr: str) -> list[str]:
    """Split a JSON pointer into unescaped tokens."""
    if not ptr:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in ptr.lstrip("/").split("/")]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One located message about an input file."""

    file: str
    line: int
    col: int
    pointer: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        ptr = f" #{self.pointer}" if self.pointer or self.line else ""
        label = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}{ptr}: {label}{self.message}"


def count(diagnostics: Iterable[Diagnostic], severity: Severity) -> int:
    return sum(1 for d in diagnostics if d.severity == severity)


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """``2 warnings, 1 note`` (empty when there is nothing to say)."""
    found = list(diagnostics)
    parts = []
    for severity in ("error", "warning", "note"):
        n = count(found, severity)
        if n:
            parts.append(f"{n} {severity}{'s' if n != 1 else ''}")
    return ", ".join(parts)


def strict(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Under --strict a warning is an error; notes stay notes."""
    return [
        replace(d, severity="error", message=f"{d.message} [--strict]") if d.severity == "warning" else d
        for d in diagnostics
    ]


@dataclass
class GeneratorError(Exception):
    """Fatal: the inputs cannot be turned into output."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(d) for d in sorted(self.diagnostics))
