"""The run memo: `check` and `generate` served without the pipeline say exactly what the pipeline would.

Every scenario runs three times over the same output folder: without a cache
(the reference), with an empty cache (the pipeline runs and the memo is
written) and with that cache again (the memo is read). Standard output,
standard error, the exit code and, for `generate`, the tree afterwards must be
the same each time; the third run must skip the pipeline exactly when the
folder matches what the inputs produce.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, SPEC

from generator import background, memo, pipeline
from generator import cache as cache_mod
from generator.cache import Cache, using
from generator.cli import main
from generator.paths import TEMPLATES

COVER = ROOT / "tests" / "specs" / "cover"
MINIMAL = ROOT / "tests" / "specs" / "minimal.yaml"
WARNS = COVER / "data_not_schemas.yaml"  # an example its schema rejects: a warning
NOTES = COVER / "flag_collisions.yaml"  # renamed flags: notes only, so --strict passes
OVERLAY_HEAD = "overlay: 1.0.0\ninfo: {title: test, version: '1'}\nactions:\n"


@pytest.fixture(autouse=True)
def _inline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths shown as from the project root; the model generator in this process (imported once)."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv(background.ENV_SWITCH, "0")


@pytest.fixture
def pipeline_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pipeline entry points the CLI called, in order."""
    calls: list[str] = []
    for name in ("analyse", "produce"):
        real = getattr(pipeline, name)

        def counted(*args: object, _real: Callable[..., object] = real, _name: str = name, **kwargs: object) -> object:
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(pipeline, name, counted)
    return calls


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    tree: dict[str, bytes]


def snapshot(root: Path) -> dict[str, bytes]:
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def cli(capfd: pytest.CaptureFixture[str], *args: str, out: Path | None = None) -> Run:
    code = main(list(args))
    captured = capfd.readouterr()
    return Run(code, captured.out, captured.err, snapshot(out) if out else {})


@pytest.fixture(scope="module")
def overlays(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two overlays for MINIMAL, the second with a target that matches nothing (a warning)."""
    folder = tmp_path_factory.mktemp("overlays")
    first, second = folder / "first.yaml", folder / "second.yaml"
    first.write_text(OVERLAY_HEAD + "  - target: $.paths.*.get\n    update: {x-cli-command: item show}\n")
    second.write_text(OVERLAY_HEAD + "  - target: $.paths['/nope'].get\n    update: {summary: x}\n")
    return first, second


class Trees:
    """Output folders generated once per set of options (without any cache), copied by each scenario."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.made: dict[tuple[str, ...], Path] = {}

    def get(self, args: tuple[str, ...], capfd: pytest.CaptureFixture[str]) -> Path:
        if args not in self.made:
            out = self.base / str(len(self.made))
            assert main(["generate", "--no-cache", "--out", str(out), *args]) == 0, capfd.readouterr().err
            capfd.readouterr()
            self.made[args] = out
        return self.made[args]


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> Trees:
    return Trees(tmp_path_factory.mktemp("trees"))


def add_file(root: Path) -> None:
    (root / "authlete_cli" / "stray.py").write_text("x = 1\n")


def remove_file(root: Path) -> None:
    (root / "authlete_cli" / "runtime" / "redact.py").unlink()


def edit_file(root: Path) -> None:
    path = root / "authlete_cli" / "commands" / "token.py"
    path.write_text(path.read_text().replace("--client-id", "--client-ident", 1))


def not_utf8(root: Path) -> None:
    path = root / "authlete_cli" / "models.py"
    path.write_bytes(path.read_bytes().replace(b"class ", b"class \xff", 1))


def crlf(root: Path) -> None:
    """Same text once read with universal newlines, other bytes: the memo cannot vouch for it, check can."""
    path = root / "README.md"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def remove_tree(root: Path) -> None:
    shutil.rmtree(root)


def keep(root: Path) -> None:
    pass


@dataclass(frozen=True)
class Scenario:
    name: str
    spec: Path
    options: tuple[str, ...] = ()  # shape the output: the base tree is generated with them
    extra: tuple[str, ...] = ()  # only for the run under test (--strict, --format)
    change: Callable[[Path], None] = keep
    clean: bool = True  # whether the memo alone can answer


SCENARIOS = [
    Scenario("our spec", SPEC),
    Scenario("json report", SPEC, extra=("--format", "json")),
    Scenario("github report", SPEC, extra=("--format", "github")),
    Scenario("an extra file", SPEC, change=add_file, clean=False),
    Scenario("a missing file", SPEC, change=remove_file, clean=False),
    Scenario("an edited file", SPEC, change=edit_file, clean=False),
    Scenario("an edited file, json report", SPEC, extra=("--format", "json"), change=edit_file, clean=False),
    Scenario("a file that is not UTF-8", SPEC, change=not_utf8, clean=False),
    Scenario("CRLF line ends", SPEC, change=crlf, clean=False),
    Scenario("no output folder", SPEC, change=remove_tree, clean=False),
    Scenario("--skip", SPEC, options=("--skip", "auth_token_issue_api", "--skip", "auth_token_fail_api")),
    Scenario("warnings", WARNS, options=("--package", "warns")),
    Scenario("warnings under --strict", WARNS, options=("--package", "warns"), extra=("--strict",), clean=False),
    Scenario("notes under --strict", NOTES, options=("--package", "notes"), extra=("--strict",)),
    Scenario("overlays", MINIMAL, options=("--package", "mini", "--overlay", "FIRST", "--overlay", "SECOND")),
    Scenario("overlays under --strict", MINIMAL, ("--package", "mini", "--overlay", "FIRST"), ("--strict",)),
]


def resolved(args: tuple[str, ...], overlays: tuple[Path, Path]) -> tuple[str, ...]:
    names = {"FIRST": str(overlays[0]), "SECOND": str(overlays[1])}
    return tuple(names.get(a, a) for a in args)


def three_runs(
    command: str,
    scenario: Scenario,
    tmp_path: Path,
    trees: Trees,
    overlays: tuple[Path, Path],
    capfd: pytest.CaptureFixture[str],
    pipeline_runs: list[str],
) -> Iterator[tuple[str, Run, int]]:
    """(mode, what the run gave, how many pipeline calls it made) without a cache, cold, then warm."""
    options = ("--spec", str(scenario.spec), *resolved(scenario.options, overlays))
    base = trees.get(options, capfd)
    out, store = tmp_path / "out", tmp_path / "cache"
    cached = ("--cache-dir", str(store))
    for mode, caching in (("reference", ("--no-cache",)), ("cold", cached), ("warm", cached)):
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(base, out)
        scenario.change(out)
        before = len(pipeline_runs)
        args = (command, *options, *scenario.extra, "--out", str(out), *caching)
        yield mode, cli(capfd, *args, out=out), len(pipeline_runs) - before


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_check_says_the_same_with_and_without_the_memo(scenario, tmp_path, trees, overlays, capfd, pipeline_runs):
    runs = {
        mode: (run, calls)
        for mode, run, calls in three_runs("check", scenario, tmp_path, trees, overlays, capfd, pipeline_runs)
    }
    reference = runs["reference"][0]
    assert runs["cold"][0] == reference
    assert runs["warm"][0] == reference
    assert runs["cold"][1] == 1
    assert runs["warm"][1] == (0 if scenario.clean else 1)
    if scenario.clean:
        assert reference.code == 0


def test_with_the_stages_in_processes_of_their_own(tmp_path, trees, overlays, capfd, pipeline_runs, monkeypatch):
    """What the background stages print (their fds are ours) must be in the memo's account too."""
    monkeypatch.setenv(background.ENV_SWITCH, "1")
    scenario = next(s for s in SCENARIOS if s.name == "warnings")
    runs = [
        (run, calls) for _, run, calls in three_runs("check", scenario, tmp_path, trees, overlays, capfd, pipeline_runs)
    ]
    assert runs[1][0] == runs[0][0] and runs[2][0] == runs[0][0]
    assert "warning: example does not match its schema" in runs[0][0].err
    assert [calls for _, calls in runs] == [1, 1, 0]


GENERATE = [s for s in SCENARIOS if "--format" not in s.extra]


@pytest.mark.parametrize("scenario", GENERATE, ids=lambda s: s.name)
def test_generate_says_and_writes_the_same_with_and_without_the_memo(
    scenario, tmp_path, trees, overlays, capfd, pipeline_runs
):
    runs = {
        mode: (run, calls)
        for mode, run, calls in three_runs("generate", scenario, tmp_path, trees, overlays, capfd, pipeline_runs)
    }
    reference = runs["reference"][0]
    assert runs["cold"][0] == reference
    assert runs["warm"][0] == reference
    assert runs["warm"][1] == (0 if scenario.clean else 1)


def test_a_hit_writes_nothing(tmp_path, capfd, pipeline_runs):
    out, store = tmp_path / "out", tmp_path / "cache"
    args = ("generate", "--spec", str(NOTES), "--package", "notes", "--out", str(out), "--cache-dir", str(store))
    assert cli(capfd, *args).code == 0
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    inode = out.stat().st_ino
    calls = len(pipeline_runs)
    again = cli(capfd, *args)
    assert again.code == 0 and again.out.endswith(" 0 changed\n")
    assert len(pipeline_runs) == calls  # served by the memo
    assert out.stat().st_ino == inode
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == stamps


def test_a_hit_never_imports_the_pipeline(tmp_path):
    """The point of the memo: no stage, no spec parser, no template engine on the way to the answer."""
    store, out = tmp_path / "cache", tmp_path / "out"
    args = ["--spec", str(NOTES), "--package", "notes", "--out", str(out), "--cache-dir", str(store)]
    first = subprocess.run([sys.executable, "-m", "generator", "generate", *args], cwd=ROOT, capture_output=True)
    assert first.returncode == 0, first.stderr
    probe = (
        "import sys\nfrom generator.cli import main\n"
        f"code = main({['check', *args]!r})\n"
        "heavy = sorted(m for m in ('generator.pipeline', 'generator.diagnostics', 'yaml', 'jinja2') if m in sys.modules)\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert proc.stdout.endswith(" is up to date with tests/specs/cover/flag_collisions.yaml\n"), proc.stderr
    assert proc.stderr.splitlines()[-1] == "0 []", proc.stderr


def test_only_a_successful_run_is_remembered(tmp_path, capfd):
    store = tmp_path / "cache"
    bad = cli(capfd, "check", "--spec", str(WARNS), "--strict", "--out", str(tmp_path / "o"), "--cache-dir", str(store))
    assert bad.code == 2
    assert not (store / memo.STAGE).exists()
    broken = ROOT / "tests" / "specs" / "bad_dangling_ref.yaml"
    assert cli(capfd, "generate", "--spec", str(broken), "--out", str(tmp_path / "o"), "--cache-dir", str(store)).code
    assert not (store / memo.STAGE).exists()


def test_no_cache_neither_reads_nor_writes_a_memo(tmp_path, capfd, monkeypatch):
    default = tmp_path / "default-cache"
    monkeypatch.setattr(cache_mod, "DEFAULT_DIR", default)
    args = ("generate", "--spec", str(NOTES), "--out", str(tmp_path / "out"))
    assert cli(capfd, *args, "--no-cache").code == 0
    assert not default.exists()
    assert cli(capfd, *args).code == 0
    assert list((default / memo.STAGE).glob("*/*"))  # without --no-cache, the default folder holds it
    with using(Cache(None)):
        assert memo.key(options(NOTES)) is None


# The key: every input changes it; nothing else does.


def options(spec: Path, *overlays: Path, package: str = "p", skip: frozenset[str] = frozenset(), strict: bool = False):
    return memo.Options(spec, overlays, package, skip, strict)


@pytest.fixture
def inputs(tmp_path: Path, overlays: tuple[Path, Path]) -> Iterator[tuple[memo.Options, Path]]:
    """Copies of a spec, two overlays and the templates, under a cache of their own."""
    spec = tmp_path / "spec.yaml"
    shutil.copy(MINIMAL, spec)
    first, second = (Path(shutil.copy(o, tmp_path / o.name)) for o in overlays)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates, ignore=shutil.ignore_patterns("__pycache__"))
    with using(Cache(tmp_path / "cache")):
        yield options(spec, first, second), templates


def edit(path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"\n")


@pytest.mark.parametrize(
    "change",
    [
        "spec",
        "first overlay",
        "second overlay",
        "template",
        "runtime file",
        "new template file",
        "removed runtime file",
    ],
)
def test_each_input_file_is_part_of_the_key(inputs, change):
    opts, templates = inputs
    before = memo.key(opts, templates)
    assert before is not None and memo.key(opts, templates) == before  # the same inputs, the same key
    target = {
        "spec": opts.spec,
        "first overlay": opts.overlays[0],
        "second overlay": opts.overlays[1],
        "template": templates / "commands.py.j2",
        "runtime file": templates / "runtime" / "redact.py",
    }.get(change)
    if target is not None:
        edit(target)
    elif change == "new template file":
        (templates / "runtime" / "extra.py").write_text("")
    else:
        (templates / "runtime" / "wire.py").unlink()
    assert memo.key(opts, templates) != before


def test_bytecode_beside_the_templates_is_not_an_input(inputs):
    opts, templates = inputs
    before = memo.key(opts, templates)
    (templates / "runtime" / "__pycache__").mkdir()
    (templates / "runtime" / "__pycache__" / "redact.cpython-311.pyc").write_bytes(b"\0")
    assert memo.key(opts, templates) == before


@pytest.mark.parametrize(
    "changed",
    [
        lambda o: o._replace(package="q"),
        lambda o: o._replace(skip=frozenset({"get_item_api"})),
        lambda o: o._replace(strict=True),
        lambda o: o._replace(overlays=o.overlays[::-1]),
        lambda o: o._replace(overlays=o.overlays[:1]),
        lambda o: o._replace(spec=Path(os.path.relpath(o.spec))),  # the same file, shown otherwise
    ],
    ids=["package", "skip", "strict", "overlay order", "overlay dropped", "spec path as shown"],
)
def test_each_option_is_part_of_the_key(inputs, changed):
    opts, templates = inputs
    assert memo.key(changed(opts), templates) != memo.key(opts, templates)


def test_skip_order_and_repeats_are_not(inputs):
    opts, templates = inputs
    one = memo.key(opts._replace(skip=frozenset({"a", "b"})), templates)
    assert one == memo.key(opts._replace(skip=frozenset(["b", "a", "b"])), templates)


def test_the_generator_version_is_part_of_the_key(inputs, monkeypatch):
    opts, templates = inputs
    before = memo.key(opts, templates)
    monkeypatch.setattr(cache_mod, "generator_version", lambda: "edited")
    assert memo.key(opts, templates) != before


def test_an_edited_generator_source_changes_the_key(inputs, tmp_path, monkeypatch):
    opts, templates = inputs
    source = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", source, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_mod, "_GENERATOR_DIR", source)
    cache_mod.generator_version.cache_clear()
    try:
        before = memo.key(opts, templates)
        edit(source / "render.py")
        cache_mod.generator_version.cache_clear()
        assert memo.key(opts, templates) != before
    finally:
        monkeypatch.undo()
        cache_mod.generator_version.cache_clear()


@pytest.mark.parametrize("tool", memo.TOOLS)
def test_each_tool_version_is_part_of_the_key(inputs, monkeypatch, tool):
    opts, templates = inputs
    before = memo.key(opts, templates)
    real = cache_mod.tool_version
    monkeypatch.setattr(cache_mod, "tool_version", lambda name: "99.0" if name == tool else real(name))
    assert memo.key(opts, templates) != before


def test_the_python_version_and_the_installed_distributions_are_part_of_the_key(inputs, tmp_path, monkeypatch):
    opts, templates = inputs
    before = memo.key(opts, templates)
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert memo.key(opts, templates) != before
    monkeypatch.undo()
    assert memo.key(opts, templates) == before
    site = tmp_path / "site"
    (site / "inflect-9.9.dist-info").mkdir(parents=True)  # a dependency of a tool, upgraded
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    assert memo.key(opts, templates) != before


def test_an_unreadable_input_gives_no_key(inputs):
    opts, templates = inputs
    assert memo.key(opts._replace(spec=opts.spec.with_name("missing.yaml")), templates) is None
    assert memo.key(opts, templates / "nothing-here") is None


# What is stored, and when it is trusted.


def test_an_outcome_is_remembered_only_if_its_inputs_held_still(inputs):
    opts, _ = inputs
    before = memo.key(opts)
    edit(opts.spec)  # the spec changed while the run was reading it
    memo.remember(before, opts, {"a.py": "x = 1\n"}, [])
    assert memo.recall(before) is None
    now = memo.key(opts)
    memo.remember(now, opts, {"a.py": "x = 1\n"}, ["note"])
    assert memo.recall(now) == memo.Outcome({"a.py": memo._sha(b"x = 1\n")}, ("note",))


def test_output_with_a_carriage_return_is_never_remembered(inputs):
    opts, _ = inputs
    memo.remember(memo.key(opts), opts, {"a.py": "x = '\r'\n"}, [])
    assert memo.recall(memo.key(opts)) is None


def entry(store: Path, key: str) -> Path:
    return store / memo.STAGE / key[:2] / key[2:]


def sealed(payload: bytes) -> bytes:
    """An entry whose stored digest matches its payload, as the cache writes it."""
    import hashlib

    return hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


@pytest.mark.parametrize(
    "tamper",
    [
        lambda raw, other: raw.replace(b'"stderr"', b'"stdErr"'),  # payload no longer matches its digest
        lambda raw, other: raw[: len(raw) // 2],  # torn
        lambda raw, other: sealed(b"{not json"),
        lambda raw, other: sealed(b"\xff\xfe"),
        lambda raw, other: sealed(json.dumps({"key": other, "files": {}, "stderr": []}).encode()),
        lambda raw, other: sealed(raw.partition(b"\n")[2].replace(b'"stderr": [', b'"stderr": [1, ')),
        lambda raw, other: sealed(b'{"files": {}, "stderr": []}'),
        lambda raw, other: sealed(b"[]"),
    ],
    ids=["edited", "torn", "not JSON", "not UTF-8", "another key's entry", "wrong types", "no key", "not a map"],
)
def test_a_tampered_entry_is_ignored(tmp_path, capfd, pipeline_runs, tamper):
    store, out = tmp_path / "cache", tmp_path / "out"
    args = ("check", "--spec", str(NOTES), "--package", "notes", "--out", str(out), "--cache-dir", str(store))
    assert cli(capfd, "generate", *args[1:]).code == 0
    (path,) = (store / memo.STAGE).glob("*/*")
    reference = cli(capfd, *args)
    path.write_bytes(tamper(path.read_bytes(), "0" * 64))
    calls = len(pipeline_runs)
    assert cli(capfd, *args) == reference
    assert len(pipeline_runs) == calls + 1  # the pipeline ran: the entry was not believed
    assert cli(capfd, *args) == reference  # and the entry it wrote serves again
    assert len(pipeline_runs) == calls + 1


def test_a_manifest_is_compared_with_the_tree_not_believed(tmp_path, capfd, pipeline_runs):
    """An entry whose manifest is not what the folder holds sends check down the full path, which says why."""
    store, out = tmp_path / "cache", tmp_path / "out"
    args = ("check", "--spec", str(NOTES), "--package", "notes", "--out", str(out), "--cache-dir", str(store))
    assert cli(capfd, "generate", *args[1:]).code == 0
    with using(Cache(store)):
        opts = memo.Options(NOTES.relative_to(ROOT), (), "notes", frozenset(), False)
        key = memo.key(opts)
        assert key is not None and memo.recall(key) is not None
        files = {rel: path.read_text() for rel, path in memo.tree_paths(out)}
        files["notes/models.py"] += "# not what the folder holds\n"
        memo.remember(key, opts, files, [])
    calls = len(pipeline_runs)
    result = cli(capfd, *args)
    assert len(pipeline_runs) == calls + 1
    assert result.code == 0 and result.out.endswith("is up to date with tests/specs/cover/flag_collisions.yaml\n")
    assert "note:" in result.err  # printed by the pipeline, not by the doctored entry (which had none)
