"""Compare two versions of the output, or of the spec, and say what changed for users.

``check`` compares the committed tree with a fresh generation: the files that
differ, a unified diff, and the breaking-change report of breaking.py over the
surfaces of both trees. ``diff OLD NEW`` compares two specs (through the IR,
without rendering) or two generated trees, or one of each (the spec is
rendered first, so both sides are read the same way).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from generator.breaking import Report, locate, report
from generator.diagnostics import Diagnostic, GeneratorError
from generator.surface import Surface, from_spec, from_tree


@dataclass
class Drift:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    report: Report = field(default_factory=lambda: Report((), False))
    diff: str = ""

    @property
    def clean(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare(
    old: dict[str, str], new: dict[str, str], package: str, spec: Surface | None = None, context_lines: int = 3
) -> Drift:
    """Files added, removed and changed, their unified diff, and what changes for users.

    ``spec`` (the surface of the spec ``new`` came from) gives each change its spec line.
    """
    drift = Drift(
        added=sorted(set(new) - set(old)),
        removed=sorted(set(old) - set(new)),
        changed=sorted(p for p in set(old) & set(new) if old[p] != new[p]),
    )
    if drift.clean:
        return drift
    chunks: list[str] = []
    for path in drift.added + drift.removed + drift.changed:
        chunks += difflib.unified_diff(
            old.get(path, "").splitlines(keepends=True),
            new.get(path, "").splitlines(keepends=True),
            fromfile=f"a/{path}" if path in old else "/dev/null",
            tofile=f"b/{path}" if path in new else "/dev/null",
            n=context_lines,
        )
    drift.diff = "".join(chunks)
    result = report(from_tree(old, package), from_tree(new, package))
    if spec is not None:
        result = Report(locate(result.changes, spec), True)
    drift.report = result
    return drift


@dataclass(frozen=True)
class Side:
    """One argument of ``diff``: a spec (with its overlays) or a generated tree."""

    path: Path
    overlays: tuple[Path, ...] = ()

    @property
    def is_tree(self) -> bool:
        return self.path.is_dir()


def tree_package(root: Path) -> str:
    """The package of a generated tree: the one folder holding a command table."""
    found = sorted(p.parent.name for p in root.glob("*/_table.py"))
    if len(found) != 1:
        what = "no generated package" if not found else f"several generated packages ({', '.join(found)})"
        raise GeneratorError([Diagnostic(str(root), 0, 0, "", f"{what}: expected one PACKAGE/_table.py")])
    return found[0]


def diff_sides(
    old: Side, new: Side, skip: frozenset[str] = frozenset(), strict: bool = False
) -> tuple[Report, list[Diagnostic]]:
    """The breaking-change report between two specs, two trees, or one of each, and the specs' warnings."""
    from generator.pipeline import analyse, render_tree
    from generator.write import read_tree

    for side in (old, new):
        if not side.path.exists():
            raise GeneratorError([Diagnostic(str(side.path), 0, 0, "", "no such file or folder")])
    if not old.is_tree and not new.is_tree:
        old_doc, old_api = analyse(old.path, skip=skip, strict=strict, overlays=old.overlays)
        new_doc, new_api = analyse(new.path, skip=skip, strict=strict, overlays=new.overlays)
        both = sorted(set(old_api.notes) | set(new_api.notes))
        return report(from_spec(old_api, old_doc), from_spec(new_api, new_doc), old_doc.data != new_doc.data), both
    trees: list[dict[str, str]] = []
    packages: list[str] = []
    spec_surface = None
    notes: set[Diagnostic] = set()
    for side in (old, new):
        if side.is_tree:
            package = tree_package(side.path)
            files = read_tree(side.path)
        else:
            package = tree_package(new.path if side is old else old.path)
            doc, api = analyse(side.path, package, skip, strict, side.overlays)
            notes |= set(api.notes)
            files = render_tree(api, doc)
            spec_surface = from_spec(api, doc) if side is new else spec_surface
        trees.append({k: v for k, v in files.items() if k.startswith(f"{package}/")})
        packages.append(package)
    result = report(from_tree(trees[0], packages[0]), from_tree(trees[1], packages[1]), trees[0] != trees[1])
    if spec_surface is not None:
        result = Report(locate(result.changes, spec_surface), result.differs)
    return result, sorted(notes)
