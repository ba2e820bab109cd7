"""The committed tree is what the generator produces, and generation is deterministic and isolated."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import GENERATED, ROOT, SPEC


def load_toml(text: str) -> dict[str, Any]:
    """pyproject.toml as data (tomllib is 3.11+; the project supports 3.10, so fall back to the two keys used)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        deps = re.search(r"^dependencies = \[(.*?)^\]", text, re.MULTILINE | re.DOTALL)
        script = re.search(r'^authlete = "([^"]+)"', text, re.MULTILINE)
        return {
            "project": {
                "dependencies": re.findall(r'"([^"]+)"', deps.group(1)) if deps else [],
                "scripts": {"authlete": script.group(1)} if script else {},
            }
        }
    return tomllib.loads(text)


def generator_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    env.update(extra)
    return env


def start(args: list[str], cwd: Path = ROOT, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=generator_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(proc: subprocess.Popen[str], timeout: float = 300) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def generator(*args: str, cwd: Path = ROOT, **env: str) -> tuple[int, str, str]:
    return finish(start(list(args), cwd=cwd, **env))


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes (nothing is ignored)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def owned(tree: dict[str, bytes]) -> dict[str, bytes]:
    """The generator's own files: no caches, no egg-info."""
    return {k: v for k, v in tree.items() if "__pycache__" not in k and ".egg-info" not in k}


_REFERENCE: dict[str, Any] = {}


def start_reference(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Start generating the session's reference tree (the real spec, PYTHONHASHSEED=0), once."""
    if "proc" not in _REFERENCE:
        path = tmp_path_factory.mktemp("reference") / "out"
        _REFERENCE.update(path=path, proc=start(["generate", "--out", str(path)], PYTHONHASHSEED="0"))


def reference_result(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, str]:
    start_reference(tmp_path_factory)
    if "result" not in _REFERENCE:
        _REFERENCE["result"] = finish(_REFERENCE["proc"])
    return _REFERENCE["result"]


def reference_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tree generated from specs/authlete.yaml, shared by the test modules: copy it, never change it."""
    code, _, err = reference_result(tmp_path_factory)
    assert code == 0, err
    return _REFERENCE["path"]


class Trees:
    """Output folders produced once for the module, by separate processes started together."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        base = tmp_path_factory.mktemp("golden")
        self.base = base
        start_reference(tmp_path_factory)
        self.seed0 = self.default = _REFERENCE["path"]  # the reference tree, PYTHONHASHSEED=0
        # PYTHONHASHSEED=12345, from a copy of the spec in another folder, run from that folder
        self.seed12345 = base / "seed12345"
        self.other = base / "x"  # --package other
        elsewhere = base / "elsewhere"
        elsewhere.mkdir()
        shutil.copy(SPEC, elsewhere / "authlete.yaml")
        jobs = {
            "seed12345": start(
                ["generate", "--spec", "authlete.yaml", "--out", str(self.seed12345)],
                cwd=elsewhere,
                PYTHONHASHSEED="12345",
            ),
            "other": start(["generate", "--out", str(self.other), "--package", "other"]),
            "check": start(["check"]),
        }
        self.results = {name: finish(proc) for name, proc in jobs.items()}
        self.results["seed0"] = reference_result(tmp_path_factory)
        self.check = self.results.pop("check")

        # Second round, from a finished tree: regenerate a copy untouched, and a copy with a
        # stale file, a hand edit and an egg-info folder.
        self.again = base / "again" / "out"
        shutil.copytree(self.default, self.again)
        self.again_before = snapshot(self.again)
        self.copy = base / "stale" / "generated-copy"
        shutil.copytree(self.default, self.copy)
        self.stale = self.copy / "authlete_cli" / "commands" / "stale.py"
        self.stale.write_text('"""A command group the spec no longer produces."""\n', encoding="utf-8")
        self.egg = self.copy / "authlete_cli.egg-info"
        self.egg.mkdir()
        (self.egg / "PKG-INFO").write_text("Metadata-Version: 2.1\nName: authlete-cli\n", encoding="utf-8")
        (self.egg / "top_level.txt").write_text("authlete_cli\n", encoding="utf-8")
        edited = self.copy / "authlete_cli" / "client.py"
        edited.write_text(edited.read_text(encoding="utf-8") + "# hand edit\n", encoding="utf-8")
        second = {
            "again": start(["generate", "--out", str(self.again)]),
            "stale": start(["generate", "--out", str(self.copy)]),
        }
        self.second = {name: finish(proc) for name, proc in second.items()}


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> Trees:
    return Trees(tmp_path_factory)


def test_every_generation_succeeded(trees: Trees) -> None:
    for name, (code, out, err) in trees.results.items():
        assert code == 0, f"{name}: {err}"
        assert err == "", name
        assert re.fullmatch(r".+: \d+ files, \d+ changed\n", out), out


def test_committed_tree_is_up_to_date(trees: Trees) -> None:
    code, out, err = trees.check
    assert code == 0, out[:4000] + err
    assert out == "generated is up to date with specs/authlete.yaml\n"
    assert err == ""


def test_generated_tree_matches_committed_tree(trees: Trees) -> None:
    assert owned(snapshot(trees.default)) == owned(snapshot(GENERATED))


def test_hash_seed_spec_location_and_working_folder_do_not_change_the_output(trees: Trees) -> None:
    seed0 = snapshot(trees.seed0)
    assert len(seed0) > 10
    assert snapshot(trees.seed12345) == seed0


def test_generated_layout(trees: Trees) -> None:
    files = set(snapshot(trees.default))
    assert {
        "pyproject.toml",
        "README.md",
        "authlete_cli/__init__.py",
        "authlete_cli/__main__.py",
        "authlete_cli/_table.py",
        "authlete_cli/client.py",
        "authlete_cli/models.py",
        "authlete_cli/commands/__init__.py",
        "authlete_cli/commands/token.py",
        "authlete_cli/commands/token_management.py",
        "authlete_cli/commands/introspection.py",
        "authlete_cli/commands/grant_management.py",
    } <= files
    assert not any("__pycache__" in f or f.endswith(".pyc") for f in files)


def test_regenerating_in_place_changes_nothing(trees: Trees) -> None:
    code, stdout, err = trees.second["again"]
    assert code == 0, err
    assert stdout == f"{trees.again}: {len(trees.again_before)} files, 0 changed\n"
    assert snapshot(trees.again) == trees.again_before


def test_regenerating_removes_stale_files_and_keeps_egg_info(trees: Trees) -> None:
    code, stdout, err = trees.second["stale"]
    assert code == 0, err
    assert stdout.endswith(" 2 changed\n"), stdout  # the stale file and the hand edit
    assert not trees.stale.exists()
    assert (trees.egg / "PKG-INFO").read_text(encoding="utf-8") == "Metadata-Version: 2.1\nName: authlete-cli\n"
    assert (trees.egg / "top_level.txt").read_text(encoding="utf-8") == "authlete_cli\n"
    assert owned(snapshot(trees.copy)) == snapshot(trees.default)
    # the swap leaves nothing behind next to the output folder
    assert sorted(p.name for p in trees.copy.parent.iterdir()) == ["generated-copy"]


def test_other_package_name_runs(trees: Trees, cli) -> None:
    env = {"PYTHONPATH": str(trees.other)}
    files = snapshot(trees.other)
    assert "other/__main__.py" in files and not any(k.startswith("authlete_cli/") for k in files)
    for name, text in files.items():
        assert b"authlete_cli" not in text, name
    pyproject = load_toml(files["pyproject.toml"].decode())
    assert pyproject["project"]["scripts"]["authlete"] == "other.runtime.app:run"

    result = cli("--help", package="other", env=env)
    assert result.code == 0, result.err
    assert "token" in result.out and "introspection" in result.out and "grant-management" in result.out
    result = cli("token", "process", "--help", package="other", env=env)
    assert result.code == 0, result.err
    assert "--service-id" in result.out
    assert "--parameters" in result.out


def test_no_timestamps_or_machine_paths_in_generated_files(trees: Trees) -> None:
    date = re.compile(rb"\b20\d\d-[01]\d-[0-3]\d\b|\b\d\d:\d\d:\d\d\b|timestamp:", re.IGNORECASE)
    for name, text in snapshot(trees.default).items():
        assert not date.search(text), (name, date.search(text))
        assert str(trees.base).encode() not in text, name
        assert str(trees.seed0.parent).encode() not in text, name
        assert str(ROOT).encode() not in text, name
        assert os.path.expanduser("~").encode() + b"/" not in text or os.path.expanduser("~") == "/", name


@pytest.mark.parametrize("root", ["committed", "fresh"])
def test_generated_package_does_not_depend_on_generator_tools(trees: Trees, root: str) -> None:
    folder = GENERATED if root == "committed" else trees.default
    pyproject = load_toml((folder / "pyproject.toml").read_text(encoding="utf-8"))
    dependencies = pyproject["project"]["dependencies"]
    names = {re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower().replace("_", "-") for d in dependencies}
    assert names.isdisjoint({"jinja2", "black", "datamodel-code-generator", "isort", "openapi-spec-validator"}), names
    assert {"click", "pydantic", "httpx"} <= names
    assert "typer" not in names  # the CLI is built on click directly from the command tables


def test_generated_code_imports_no_generator_tools(trees: Trees) -> None:
    pattern = re.compile(
        rb"^\s*(?:import|from)\s+(jinja2|black|datamodel_code_generator|isort|generator)\b", re.MULTILINE
    )
    for name, text in snapshot(trees.default).items():
        if name.endswith(".py"):
            assert not pattern.search(text), name


def test_spec_without_component_schemas_generates(tmp_path: Path) -> None:
    """A valid spec whose operations use only inline schemas (no components) must generate a package."""
    spec = tmp_path / "inline.yaml"
    spec.write_text(
        """\
openapi: 3.0.3
info:
  title: Ping
  version: '1'
paths:
  /ping:
    get:
      operationId: ping_api
      tags: [Health]
      responses:
        '200':
          description: Pong.
""",
        encoding="utf-8",
    )
    code, out, err = generator("validate", "--spec", str(spec))
    assert code == 0, err
    code, out, err = generator("generate", "--spec", str(spec), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert "internal error" not in err
    assert (tmp_path / "out" / "authlete_cli" / "models.py").is_file()
