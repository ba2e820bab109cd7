"""Write a rendered tree so that the output folder is either fully old or fully new.

The new tree is written beside the old one and swapped in by rename; files the
spec no longer produces disappear with the old tree. Build artefacts that
tools keep inside the folder (an editable install's egg-info) are carried over.
"""

from __future__ import annotations

import os
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


def tree_paths(root: Path) -> list[tuple[str, Path]]:
    """The generator-owned files under ``root``, by relative POSIX path.

    One listing for ``check``'s comparison and the run memo's, so both see the
    same files missing or extra.
    """
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*"), key=_parts):  # the order of Path comparisons, at a fraction of their cost
        rel = path.relative_to(root)
        if path.is_file() and not is_ignored(rel):
            found.append((rel.as_posix(), path))
    return found


def _parts(path: Path) -> tuple[str, ...]:
    return path.parts


def read_tree(root: Path) -> dict[str, str]:
    """The generator-owned files under ``root`` (text)."""
    return {rel: path.read_text(encoding="utf-8", errors="replace") for rel, path in tree_paths(root)}


def write_tree(files: dict[str, str], root: Path, before: dict[str, str] | None = None) -> None:
    """Replace ``root`` with exactly ``files``; on any failure ``root`` is untouched.

    ``before`` is what ``read_tree`` found in ``root``: when only one file's text
    differs, that file alone is renamed over its old self, which is as atomic
    as swapping the tree and spares rewriting every other file (the common
    case of regenerating after a small edit).
    """
    root = root.resolve()
    root.parent.mkdir(parents=True, exist_ok=True)
    _recover(root)
    if before is not None and _replace_one(files, root, before):
        return
    import shutil  # here and below: a run that writes one file, the usual regeneration, needs neither
    import tempfile

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


def _replace_one(files: dict[str, str], root: Path, before: dict[str, str]) -> bool:
    """Write the one changed file beside itself and rename it into place; False when that is not the case."""
    if set(before) != set(files):
        return False
    changed = [path for path in files if before[path] != files[path]]
    if len(changed) != 1:
        return False
    target = root / changed[0]
    if target.is_symlink() or not target.is_file():
        return False
    temporary = target.with_name(f".{target.name}.{os.getpid()}.new")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the mode a fresh tree's files get
    except OSError:
        return False
    try:
        with open(fd, "w", encoding="utf-8") as handle:
            handle.write(files[changed[0]])
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def _swap(staging: Path, root: Path) -> None:
    import shutil

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
        import shutil

        shutil.rmtree(backup, ignore_errors=True)
