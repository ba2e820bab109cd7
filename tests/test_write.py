"""Writing the output tree: all old or all new, and only as much writing as the change needs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import write
from generator.write import read_tree, write_tree

TREE = {"pkg/__init__.py": "x = 1\n", "pkg/models.py": "class A:\n    pass\n", "README.md": "# pkg\n"}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    root = tmp_path / "out"
    write_tree(TREE, root)
    (root / "pkg.egg-info").mkdir()
    (root / "pkg.egg-info" / "PKG-INFO").write_text("kept\n", encoding="utf-8")
    return root


def inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def test_one_changed_file_is_renamed_over_the_old_one_and_nothing_else_is_written(out: Path) -> None:
    before = inodes(out)
    files = {**TREE, "pkg/models.py": "class A:\n    x: int\n"}
    write_tree(files, out, read_tree(out))
    after = inodes(out)
    assert read_tree(out) == files
    assert (out / "pkg" / "models.py").read_text(encoding="utf-8") == files["pkg/models.py"]
    assert after["pkg/models.py"] != before["pkg/models.py"]
    assert {p: i for p, i in after.items() if p != "pkg/models.py"} == {
        p: i for p, i in before.items() if p != "pkg/models.py"
    }
    assert not [p for p in out.rglob("*") if p.name.endswith(".new")]


def test_the_replaced_file_gets_the_mode_a_fresh_tree_gives(out: Path, tmp_path: Path) -> None:
    write_tree({**TREE, "README.md": "# changed\n"}, out, read_tree(out))
    fresh = tmp_path / "fresh"
    write_tree(TREE, fresh)
    assert (out / "README.md").stat().st_mode == (fresh / "README.md").stat().st_mode


@pytest.mark.parametrize(
    "files",
    [
        {**TREE, "pkg/models.py": "y = 2\n", "README.md": "# two changed\n"},
        {**TREE, "pkg/extra.py": "z = 3\n"},
        {k: v for k, v in TREE.items() if k != "README.md"},
    ],
    ids=["two changed", "one added", "one removed"],
)
def test_anything_more_swaps_the_whole_tree(out: Path, files: dict[str, str]) -> None:
    write_tree(files, out, read_tree(out))
    assert {k: v for k, v in read_tree(out).items() if not k.startswith("pkg.egg-info")} == files
    assert (out / "pkg.egg-info" / "PKG-INFO").read_text(encoding="utf-8") == "kept\n"


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(write.os, "replace", refuse)
    with pytest.raises(OSError):
        write_tree({**TREE, "pkg/models.py": "broken = True\n"}, out, read_tree(out))
    assert (out / "pkg" / "models.py").read_text(encoding="utf-8") == TREE["pkg/models.py"]
    assert not [p for p in out.rglob("*") if p.name.endswith(".new")]


def test_a_file_the_generator_did_not_write_makes_it_swap_the_tree(out: Path) -> None:
    stray = out / "pkg" / f".models.py.{os.getpid()}.new"  # a killed run's leftover, or anything else
    stray.write_text("stale\n", encoding="utf-8")
    write_tree({**TREE, "pkg/models.py": "fresh = 1\n"}, out, read_tree(out))
    assert (out / "pkg" / "models.py").read_text(encoding="utf-8") == "fresh = 1\n"
    assert not stray.exists()


def test_an_unwritable_temporary_falls_back_to_the_swap(out: Path) -> None:
    """The temporary's name is taken (a folder, here): the whole tree is swapped instead."""
    (out / "pkg" / f".models.py.{os.getpid()}.new").mkdir()
    before = {k: v for k, v in read_tree(out).items()}
    write_tree({**TREE, "pkg/models.py": "fresh = 2\n"}, out, before)
    assert (out / "pkg" / "models.py").read_text(encoding="utf-8") == "fresh = 2\n"
