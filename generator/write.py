"""Write a rendered tree so that the output folder is either fully old or fully new.

The new tree is written beside the old one and swapped in by rename; files the
spec no longer produces disappear with the old tree. Build artefacts that
tools keep inside the folder (an editable install's egg-info) are carried over.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

PRESERVED = ("*.egg-info", "build", "dist")
IGNORED_PARTS = frozenset({"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"})


def is_ignored(rel: Path) -> bool:
    """Paths that belong to tools, not to the generator."""
    if IGNORED_PARTS.intersection(rel.parts):
        return True
    return any(
        rel.parts and rel.parts[0] == p or (p.startswith("*") and rel.parts[0].endswith(p[1:])) for p in PRESERVED
    )


def read_tree(root: Path) -> dict[str, str]:
    """The generator-owned files under ``root`` (text)."""
    if not root.is_dir():
        return {}
    files = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and not is_ignored(rel):
            files[rel.as_posix()] = path.read_text(encoding="utf-8", errors="replace")
    return files


def write_tree(files: dict[str, str], root: Path) -> None:
    """Replace ``root`` with exactly ``files``; on any failure ``root`` is untouched."""
    root = root.resolve()
    root.parent.mkdir(parents=True, exist_ok=True)
    _recover(root)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.new-", dir=root.parent))
    try:
        for rel, text in sorted(files.items()):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        if root.is_dir():
            for pattern in PRESERVED:
                for item in root.glob(pattern):
                    if item.is_dir():
                        shutil.copytree(item, staging / item.name, symlinks=True)
                    else:
                        shutil.copy2(item, staging / item.name)
        _swap(staging, root)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, root: Path) -> None:
    backup = root.parent / f".{root.name}.old"
    if backup.exists():
        shutil.rmtree(backup)
    if root.exists():
        os.replace(root, backup)
    try:
        os.replace(staging, root)
    except BaseException:
        if backup.exists():
            os.replace(backup, root)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def _recover(root: Path) -> None:
    """Finish or undo a swap that a killed run left half done."""
    backup = root.parent / f".{root.name}.old"
    if backup.exists() and not root.exists():
        os.replace(backup, root)
    elif backup.exists():
        shutil.rmtree(backup, ignore_errors=True)
