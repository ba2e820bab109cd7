"""`generate --out` never destroys what the generator did not write.

Writing swaps the whole output folder, so before this guard `--out .` deleted a project, and
`--out some/file` turned the file into a folder of generated code.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from generator.write import MARKER

SPEC = "openapi: 3.0.3\ninfo: {title: Tiny, version: '1'}\npaths: {}\n"


def generate(spec: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out)]
        + ["--package", "tiny", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def refused(proc: subprocess.CompletedProcess[str], out: Path) -> str:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    first, last = proc.stderr.splitlines()
    assert first.startswith(f"{out}:0:0: --out: "), first
    assert last == "1 error; nothing was written"
    return first


def test_a_folder_of_other_files_is_left_alone(tmp_path: Path, spec: Path) -> None:
    out = tmp_path / "project"
    (out / "src").mkdir(parents=True)
    (out / "notes.txt").write_text("precious\n", encoding="utf-8")
    (out / "src" / "main.py").write_text("print(1)\n", encoding="utf-8")
    before = snapshot(out)
    line = refused(generate(spec, out), out)
    assert "holds files the generator did not write (notes.txt, src/main.py)" in line
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "tiny.yaml"]


def test_a_file_is_not_turned_into_a_folder(tmp_path: Path, spec: Path) -> None:
    out = tmp_path / "somefile"
    out.write_text("keep me\n", encoding="utf-8")
    assert "not a folder" in refused(generate(spec, out), out)
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["somefile", "tiny.yaml"]


def test_new_empty_and_generated_folders_are_written(tmp_path: Path, spec: Path) -> None:
    empty = tmp_path / "empty"
    (empty / "__pycache__").mkdir(parents=True)  # what tools leave behind is not in the way
    for out in (tmp_path / "new" / "deeper", empty):
        proc = generate(spec, out)
        assert proc.returncode == 0, proc.stderr
        assert (out / "pyproject.toml").read_text(encoding="utf-8").startswith(MARKER)
    # a generated tree, even with a stale file in it, is ours
    (empty / "tiny" / "stale.py").write_text("x = 1\n", encoding="utf-8")
    again = generate(spec, empty)
    assert again.returncode == 0, again.stderr
    assert not (empty / "tiny" / "stale.py").exists()


def test_the_written_folder_is_readable_as_the_umask_allows(tmp_path: Path, spec: Path) -> None:
    """Not mkdtemp's private 0700: a package to ship must be readable by whoever installs it."""
    out = tmp_path / "pkg"
    old = os.umask(0o022)
    try:
        proc = generate(spec, out)
    finally:
        os.umask(old)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o755


def test_the_marker_is_what_the_template_writes() -> None:
    template = (ROOT / "templates" / "pyproject.toml.j2").read_text(encoding="utf-8")
    assert template.splitlines()[0].startswith(MARKER)
