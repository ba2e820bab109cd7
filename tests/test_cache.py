"""The stage cache and the fast formatter: never a different byte than a cold run with black over every file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import black
import pytest
import yaml
from conftest import ROOT, SPEC

from generator import cache as cache_mod
from generator import fmt
from generator.cache import Cache, using
from generator.pipeline import produce
from generator.render import TEMPLATES

MINIMAL = ROOT / "tests" / "specs" / "minimal.yaml"
# models.py is cached as one unit per component schema (generator/model_units.py)
SCHEMAS = len(yaml.safe_load(SPEC.read_text(encoding="utf-8"))["components"]["schemas"])


@pytest.fixture(scope="module")
def cold() -> dict[str, str]:
    """Our spec's output with no cache at all."""
    with using(Cache(None)):
        return produce(SPEC)[0]


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> Path:
    """A cache filled by one run over our spec; tests copy it rather than fill their own."""
    root = tmp_path_factory.mktemp("warm")
    files, store = run(SPEC, root)
    assert store.misses["models"] and store.misses["validate"]
    assert not store.misses["black"]  # our spec's output is all written in black's layout: black never runs
    return root


def copy(warm: Path, tmp_path: Path) -> Path:
    shutil.copytree(warm, tmp_path / "cache")
    return tmp_path / "cache"


def run(spec: Path, root: Path, templates: Path = TEMPLATES) -> tuple[dict[str, str], Cache]:
    with using(Cache(root)) as store:
        files = produce(spec, templates=templates)[0]
    return files, store


def test_output_is_black_run_over_each_whole_file(cold):
    """Block-wise formatting and verbatim files give exactly what black gives for the whole file."""
    python = [path for path in cold if path.endswith(".py")]
    assert len(python) > 10
    for path in python:
        assert black.format_str(cold[path], mode=fmt.mode()) == cold[path], path


def test_blocks_rejoin_to_black_output_of_the_whole():
    text = (
        "import os\nx = 1\n# a comment\nclass A:\n  pass\n\n@dec\ndef f(): return 1\n"
        "class B(A):\n    y: int=2\nB.model_rebuild()\ndef g():\n  '''doc\nclass C: not a cut\n'''\n"
    )
    blocks = fmt.split_blocks(text)
    assert blocks[0].startswith("import os") and "# a comment\nclass A" in blocks[0]
    assert any(block.startswith("class B") and "B.model_rebuild()" in block for block in blocks)
    with using(Cache(None)):
        assert fmt.format_tree({"m.py": text})["m.py"] == black.format_str(text, mode=fmt.mode())


def test_a_block_cut_inside_a_string_falls_back_to_the_whole_file():
    text = 'x = """\nclass NotCode:\n"""\ndef f():\n  return x\n'
    with using(Cache(None)):
        assert fmt.format_tree({"m.py": text})["m.py"] == black.format_str(text, mode=fmt.mode())


def test_second_run_is_served_from_the_cache_and_identical(warm, tmp_path, cold):
    second, store = run(SPEC, copy(warm, tmp_path))
    assert second == cold
    assert not store.misses, store.misses
    assert store.hits["models"] == SCHEMAS and store.hits["validate"] == 1  # every unit of models.py


def test_a_changed_spec_gives_a_fresh_result(warm, tmp_path):
    spec = tmp_path / "spec.yaml"
    text = SPEC.read_text(encoding="utf-8")
    anchor = "A token request as received by your token endpoint"
    assert anchor in text
    root = copy(warm, tmp_path)
    spec.write_text(text.replace(anchor, "A changed description of the token request"), encoding="utf-8")
    files, store = run(spec, root)
    assert "A changed description of the token request" in files["authlete_cli/models.py"]
    assert not store.misses["black"]  # the new text is written in black's layout: nothing to format
    assert store.hits["models"] == SCHEMAS and store.hits["validate"] == 1  # prose only: see test_regen.py
    assert not store.misses["models"]
    with using(Cache(None)):
        assert files == produce(spec)[0]


def test_a_changed_template_gives_a_fresh_result(warm, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    root = copy(warm, tmp_path)
    client = templates / "client.py.j2"
    client.write_text(client.read_text(encoding="utf-8").replace("one method per operation", "one per operation"))
    init = templates / "package_init.py.j2"
    init.write_text(init.read_text(encoding="utf-8").replace("Importing the package is cheap", "Imports are cheap"))
    files, store = run(SPEC, root, templates)
    assert "one per operation" in files["authlete_cli/client.py"]
    assert "one method per operation" not in files["authlete_cli/client.py"]
    assert "Imports are cheap" in files["authlete_cli/__init__.py"]


def test_a_new_generator_version_gives_a_fresh_result(warm, tmp_path, monkeypatch, cold):
    root = copy(warm, tmp_path)
    cache_mod.generator_version.cache_clear()
    monkeypatch.setattr("generator.__version__", "999.0.0")
    try:
        files, store = run(SPEC, root)
    finally:
        cache_mod.generator_version.cache_clear()
    assert files == cold
    assert store.misses["models"] == SCHEMAS and store.misses["validate"] == 1 and not store.hits["models"]
    assert store.misses["render"] and not store.hits["render"]
    assert store.misses["layout"] and not store.hits["layout"]


def test_an_edited_generator_source_is_a_new_version(tmp_path, monkeypatch):
    before = cache_mod.generator_version()
    source = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", source)
    (source / "naming.py").write_text((source / "naming.py").read_text(encoding="utf-8") + "\n# edited\n")
    monkeypatch.setattr(cache_mod, "_GENERATOR_DIR", source)
    cache_mod.generator_version.cache_clear()
    try:
        assert cache_mod.generator_version() != before
    finally:
        cache_mod.generator_version.cache_clear()


# A module black has to format itself: a statement layout.py does not vouch for, and a nested block.
NEEDS_BLACK = "x = (1)\nclass A(B):\n    y: int = f(a,)\n    def f(self): return 1\n"


def test_a_new_black_version_reformats_everything(tmp_path, monkeypatch):
    with using(Cache(tmp_path)) as store:
        first = fmt.format_tree({"m.py": NEEDS_BLACK})
    assert store.misses["black"] and first["m.py"] == black.format_str(NEEDS_BLACK, mode=fmt.mode())
    with using(Cache(tmp_path)) as store:
        assert fmt.format_tree({"m.py": NEEDS_BLACK}) == first
    assert store.hits["layout"] and not store.misses  # finished blocks: black is not even asked
    real = cache_mod.tool_version
    monkeypatch.setattr(cache_mod, "tool_version", lambda name: "99.1" if name == "black" else real(name))
    with using(Cache(tmp_path)) as store:
        assert fmt.format_tree({"m.py": NEEDS_BLACK}) == first
    assert store.misses["black"] and not store.hits["black"]
    assert store.misses["layout"] and not store.hits["layout"]


# Three class blocks of the model generator's shape, which layout.py lays out without black.
MODELS = (
    "from pydantic import BaseModel\n\n\n"
    "class A(BaseModel):\n    x: int | None = None\n\n\n"
    'class B(BaseModel):\n    """\n    First.\n    """\n\n    y: str\n\n\n'
    "class C(BaseModel):\n    z: list[str] | None = None\n"
)


def test_an_edited_block_is_the_only_one_laid_out_again(tmp_path):
    with using(Cache(tmp_path)) as store:
        first = fmt.format_tree({"m.py": MODELS})["m.py"]
    assert first == black.format_str(MODELS, mode=fmt.mode())
    assert store.misses["layout"] == 4 and not store.hits["layout"]
    edited = MODELS.replace("First.", "Second, longer.")
    with using(Cache(tmp_path)) as store:
        second = fmt.format_tree({"m.py": edited})["m.py"]
    assert second == black.format_str(edited, mode=fmt.mode()) and "Second, longer." in second
    assert store.misses["layout"] == 1 and store.hits["layout"] == 3


def test_laid_out_blocks_are_kept_per_generator_version(tmp_path, monkeypatch):
    with using(Cache(tmp_path)):
        first = fmt.format_tree({"m.py": MODELS})
    cache_mod.generator_version.cache_clear()
    monkeypatch.setattr("generator.__version__", "999.0.0")
    try:
        with using(Cache(tmp_path)) as store:
            assert fmt.format_tree({"m.py": MODELS}) == first
    finally:
        cache_mod.generator_version.cache_clear()
    assert store.misses["layout"] == 4 and not store.hits["layout"]


def test_a_first_block_is_kept_apart_from_the_same_text_further_down():
    """The opening block of a file is laid out by other rules (``layout.preamble``)."""
    block = "class A(BaseModel):\n    x: int\n"
    assert fmt._layout_key(block, True) != fmt._layout_key(block, False)


def test_a_new_datamodel_code_generator_version_regenerates_models(warm, tmp_path, monkeypatch):
    root = copy(warm, tmp_path)
    real = cache_mod.tool_version
    monkeypatch.setattr(
        cache_mod, "tool_version", lambda name: "0.0.1" if name == "datamodel-code-generator" else real(name)
    )
    _, store = run(SPEC, root)
    assert store.misses["models"] == SCHEMAS and not store.hits["models"]  # every unit made again


def test_a_corrupted_entry_is_never_used(warm, tmp_path, cold):
    root = copy(warm, tmp_path)
    entries = [p for p in root.rglob("*") if p.is_file() and p.name != ".gitignore"]
    assert entries
    for entry in entries:
        header, _, payload = entry.read_bytes().partition(b"\n")
        entry.write_bytes(header + b"\n" + payload.replace(b"class", b"klass").replace(b"def ", b"xyz ") + b"junk")
    files, store = run(SPEC, root)
    assert files == cold
    assert not store.hits, store.hits


def test_a_failed_spec_is_checked_again_every_time(tmp_path):
    bad = ROOT / "tests" / "specs" / "bad_dangling_ref.yaml"
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-m", "generator", "validate", "--spec", str(bad), "--cache-dir", str(tmp_path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 2
        assert "points to nothing" in proc.stderr


def test_no_cache_reads_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    cache_dir = tmp_path / "cache"
    args = ["generate", "--spec", str(MINIMAL), "--out", str(out), "--package", "mini"]
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *args, "--cache-dir", str(cache_dir), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert not cache_dir.exists()
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *args, "--cache-dir", str(cache_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert (cache_dir / ".gitignore").read_text() == "*\n"
    assert {p.name for p in cache_dir.iterdir()} >= {"models", "validate"}


def test_the_default_cache_folder_is_ignored_by_git():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert ".cache/" in ignored and ".bench/" in ignored


def test_an_edit_that_leaves_the_ir_as_it_was_renders_nothing_and_never_loads_jinja(warm, tmp_path):
    """A schema's description is only in models.py: every templated file comes from the cache."""
    spec = tmp_path / "spec.yaml"
    anchor = "A token request as received by your token endpoint"
    spec.write_text(SPEC.read_text(encoding="utf-8").replace(anchor, "Another description"), encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from generator.cache import Cache, using; "
        "from generator.pipeline import produce\n"
        f"with using(Cache(Path({str(copy(warm, tmp_path))!r}))) as store:\n"
        f"    files = produce(Path({str(spec)!r}))[0]\n"
        "assert 'Another description' in files['authlete_cli/models.py']\n"
        "print(store.hits['render'], store.misses['render'], 'jinja2' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    hits, misses, jinja = proc.stdout.split()
    assert int(hits) > 10 and misses == "0" and jinja == "False"


def test_an_operation_edit_renders_its_files_afresh(warm, tmp_path):
    spec = tmp_path / "spec.yaml"
    text = SPEC.read_text(encoding="utf-8")
    anchor = "summary: Process Token Request"
    assert anchor in text
    spec.write_text(text.replace(anchor, "summary: Process a Token Request now"), encoding="utf-8")
    files, store = run(spec, copy(warm, tmp_path))
    assert "Process a Token Request now" in files["authlete_cli/commands/token.py"]
    assert store.misses["render"]
    with using(Cache(None)):
        assert files == produce(spec)[0]


def test_request_checks_follow_the_models_when_the_ir_stays_the_same(warm, tmp_path, cold):
    """A constraint the IR does not hold changes models.py and the request checks, nothing else.

    (The checks do not model ``maxLength``: the model then goes to pydantic, and its check disappears.)
    """
    text = SPEC.read_text(encoding="utf-8")
    at = text.index("        parameters:\n          type: string\n", text.index("    token_request:"))
    at += len("        parameters:\n          type: string\n")
    spec = tmp_path / "spec.yaml"
    spec.write_text(text[:at] + "          maxLength: 4321\n" + text[at:], encoding="utf-8")
    files, store = run(spec, copy(warm, tmp_path))
    assert '"TokenRequest": {' in cold["authlete_cli/checks/token.py"]
    assert '"TokenRequest": {' not in files["authlete_cli/checks/token.py"]
    assert store.misses["render"] == 1  # that one file
    with using(Cache(None)):
        assert files == produce(spec)[0]


def test_a_new_jinja_version_renders_everything_again(warm, tmp_path, monkeypatch, cold):
    root = copy(warm, tmp_path)
    real = cache_mod.tool_version
    monkeypatch.setattr(cache_mod, "tool_version", lambda name: "0.0.1" if name == "jinja2" else real(name))
    files, store = run(SPEC, root)
    assert files == cold
    assert store.misses["render"] and not store.hits["render"]


def test_an_edited_template_renders_every_file_again(warm, tmp_path, cold):
    """One template may include another: any template's edit is a new key for all of them."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    readme = templates / "README.md.j2"
    readme.write_text(readme.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    files, store = run(SPEC, copy(warm, tmp_path), templates)
    assert store.misses["render"] and not store.hits["render"]
    assert {p: t for p, t in files.items() if p != "README.md"} == {p: t for p, t in cold.items() if p != "README.md"}


def test_the_render_key_sees_every_field_of_the_ir():
    """The render cache keys on ``repr(api)``: a field left out of the repr would be left out of the key.

    Every dataclass the IR is made of must keep the repr dataclasses write, with
    every field in it, so a change to any field is a change to the key.
    """
    import dataclasses
    import inspect

    from generator import ir, naming  # naming's ModelName is part of the IR too

    modules = (ir, naming)
    classes = [
        c
        for module in modules
        for _, c in inspect.getmembers(module, inspect.isclass)
        if dataclasses.is_dataclass(c) and c.__module__ == module.__name__
    ]
    assert ir.Api in classes and ir.Option in classes and naming.ModelName in classes
    for cls in classes:
        hidden = [f.name for f in dataclasses.fields(cls) if not f.repr]
        assert not hidden, f"{cls.__name__} hides {hidden} from its repr, and so from the render cache's key"
        assert cls.__dataclass_params__.repr, f"{cls.__name__} has no dataclass repr"
    for module in modules:
        assert "def __repr__" not in inspect.getsource(module), "a repr of its own may leave a field out of the key"
