"""The command surface is described once, as typed data, in black's own layout; models build lazily."""

from __future__ import annotations

import inspect
import subprocess
import sys

import black
import pytest
from conftest import GENERATED, ROOT, clean_env
from pydantic import BaseModel

from generator.fmt import mode
from generator.literal import literal

AWKWARD = [
    "plain",
    "it's",
    'say "hi"',
    "both ' and \"",
    "back\\slash",
    "new\nline\r\ttab",
    "ünïcødé ✓ 日本語",
    "\x00\x1f\x7f\u2028",
    "x" * 300,
    'a\\"b',
    "a\\'b",
    "",
    "'",
    '"',
    "\\",
    "'\"'\"",
]


@pytest.mark.parametrize("value", AWKWARD)
def test_string_literals_are_black_stable_and_exact(value):
    text = f"X = {literal(value)}\n"
    assert black.format_str(text, mode=mode()) == text
    namespace: dict[str, object] = {}
    exec(text, namespace)
    assert namespace["X"] == value


def test_nested_literals_are_black_stable_and_exact():
    data = {
        "strings": AWKWARD,
        "nested": {"empty_list": [], "empty_dict": {}, "numbers": [1, -2, 2.5], "flags": [True, False, None]},
        "long key " * 20: "v" * 200,
        "": "",
        "one": ["single"],
    }
    text = f"DATA: dict[str, object] = {literal(data)}\n"
    assert black.format_str(text, mode=mode()) == text
    namespace: dict[str, object] = {}
    exec(text, namespace)
    assert namespace["DATA"] == data


def test_literals_refuse_what_they_cannot_write():
    with pytest.raises(TypeError):
        literal({"x": object()})


def test_no_private_click_attributes_in_the_runtime():
    runtime = GENERATED / "authlete_cli" / "runtime"
    for source in runtime.glob("*.py"):
        assert "_flag_needs_value" not in source.read_text(encoding="utf-8"), source.name


def test_command_modules_are_data_only():
    """No typer declarations: a command's flags are written once, in its table entry."""
    for source in (GENERATED / "authlete_cli" / "commands").glob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "import typer" not in text and "def " not in text, source.name


def test_every_generated_model_defers_building():
    from authlete_cli import models

    classes = [c for _, c in inspect.getmembers(models, inspect.isclass) if c.__module__ == models.__name__]
    base_models = [c for c in classes if issubclass(c, BaseModel) and not c.__name__.startswith("RootModel")]
    assert base_models
    for cls in base_models:
        if "root" in cls.model_fields and len(cls.model_fields) == 1:
            continue  # a RootModel
        assert cls.model_config.get("defer_build") is True, cls.__name__


@pytest.mark.parametrize(
    ("body", "pydantic"),
    [
        ('{"parameters": "a=b", "accessTokenDuration": 60}', False),  # the compiled check vouches for it
        ('{"parameters": "a=b", "accessTokenDuration": "60"}', True),  # only pydantic's coercion takes text
    ],
)
def test_a_dry_run_imports_the_models_only_when_pydantic_must_decide(tmp_path, body, pydantic):
    probe = (
        "import sys\n"
        "from authlete_cli.runtime.app import main\n"
        f"code = main(['token', 'process', '-s', '1', '--body', {body!r}, '--dry-run'])\n"
        "print(code, 'authlete_cli.models' in sys.modules, 'pydantic' in sys.modules)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=clean_env(tmp_path), timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[-2] == f"0 {pydantic} {pydantic}"
    assert '"accessTokenDuration": 60' in proc.stdout + proc.stderr


def test_runtime_files_ship_byte_identical_to_their_sources():
    """templates/runtime/ is kept in black's style, so the generator copies it and formats nothing."""
    sources = sorted((ROOT / "templates" / "runtime").glob("*.py"))
    assert len(sources) > 10
    shipped = GENERATED / "authlete_cli" / "runtime"
    for source in sources:
        assert (shipped / source.name).read_bytes() == source.read_bytes(), source.name
        text = source.read_text(encoding="utf-8")
        assert black.format_str(text, mode=mode()) == text, f"{source.name}: run make lint's black on it"
