"""Start-up cost: help and dry runs import only what they need (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import clean_env

HEAVY = (
    "httpx",
    "httpcore",
    "pydantic",
    "authlete_cli.models",
    "authlete_cli.client",
    "rich",
    "yaml",
    "jq",
    "toon_format",
    "keyring",
)

GROUP_MODULES = ("token", "token_management", "introspection", "grant_management")

PROBE = textwrap.dedent("""
    import io, json, sys, contextlib
    from authlete_cli.runtime.app import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(json.loads(sys.argv[1]))
    sys.__stdout__.write(json.dumps({"code": code, "out": out.getvalue(), "err": err.getvalue(), "modules": sorted(sys.modules)}))
    """)


def imported(tmp_path: Path, *args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        env=clean_env(tmp_path),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["code"] == 0, result["err"]
    return result


def command_modules(modules: list[str]) -> set[str]:
    return {m for m in modules if m.startswith("authlete_cli.commands.")}


def heavy(modules: list[str]) -> set[str]:
    return {m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)}


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (("token", "process", "--help"), "authlete_cli.commands.token"),
        (("introspection", "--help"), "authlete_cli.commands.introspection"),
        (("introspection", "process", "--help"), "authlete_cli.commands.introspection"),
        (("token", "management", "list", "--help"), "authlete_cli.commands.token_management"),
        (("grant-management", "process-request", "--help"), "authlete_cli.commands.grant_management"),
    ],
)
def test_help_imports_only_its_command_module(tmp_path, args, module):
    result = imported(tmp_path, *args)
    assert "Usage:" in result["out"]
    modules = result["modules"]
    assert module in modules
    assert command_modules(modules) == {module}
    assert heavy(modules) == set()


def test_root_help_imports_no_command_module(tmp_path):
    result = imported(tmp_path, "--help")
    assert "Usage:" in result["out"]
    modules = result["modules"]
    assert command_modules(modules) == set()
    assert heavy(modules) == set()


def test_token_group_help_imports_no_other_group(tmp_path):
    modules = imported(tmp_path, "token", "--help")["modules"]
    assert command_modules(modules) <= {"authlete_cli.commands.token"}
    assert heavy(modules) == set()


def test_version_imports_no_command_table(tmp_path):
    modules = imported(tmp_path, "--version")["modules"]
    assert command_modules(modules) == set()
    assert heavy(modules) == set()


def test_usage_reads_every_table_and_nothing_heavy(tmp_path):
    """--usage describes the whole CLI, so it reads each group's table: data only, no click commands built."""
    modules = imported(tmp_path, "--usage")["modules"]
    assert command_modules(modules) == {f"authlete_cli.commands.{m}" for m in GROUP_MODULES}
    assert heavy(modules) == set()


def test_dry_run_imports_no_http_library(tmp_path):
    result = imported(tmp_path, "token", "process", "-s", "1", "--parameters", "a=b", "--dry-run")
    assert "Dry run: POST" in result["err"]
    modules = result["modules"]
    assert not {m for m in modules if m.split(".")[0] in ("httpx", "httpcore", "h11", "anyio")}
    assert "authlete_cli.client" not in modules
    assert "authlete_cli.runtime.transport" not in modules
    assert command_modules(modules) == {"authlete_cli.commands.token"}
    assert not {m for m in modules if m.split(".")[0] in ("rich", "jq", "yaml", "toon_format")}


@pytest.mark.parametrize(
    ("args", "group"),
    [
        (("token", "process", "-s", "1", "--parameters", "a=b", "--dry-run"), "token"),
        (
            ("token", "process", "-s", "1", "--body", '{"parameters": "a=b", "accessTokenDuration": 5.0}', "--dry-run"),
            "token",
        ),
        (
            (
                "token",
                "management",
                "create",
                "-s",
                "1",
                "--grant-type",
                "CLIENT_CREDENTIALS",
                "--client-id",
                "7",
                "--dry-run",
            ),
            "token_management",
        ),
        (
            ("grant-management", "process-request", "-s", "1", "--gm-action", "QUERY", "--grant-id", "g")
            + ("--access-token", "t", "--dry-run"),
            "grant_management",
        ),
    ],
)
def test_dry_run_checks_the_body_without_pydantic(tmp_path, args, group):
    """A body the compiled check vouches for needs neither pydantic, the models nor the signing code."""
    result = imported(tmp_path, *args)
    assert "Dry run:" in result["err"]
    modules = result["modules"]
    assert heavy(modules) == set()
    assert "authlete_cli.runtime.request_check" in modules
    assert {m for m in modules if m.startswith("authlete_cli.checks.")} == {f"authlete_cli.checks.{group}"}
    for module in ("authlete_cli.runtime.oauth", "authlete_cli.runtime.http_outcome", "authlete_cli.runtime.surface"):
        assert module not in modules
    assert "joserfc" not in {m.split(".")[0] for m in modules}


def test_help_reads_no_request_check(tmp_path):
    modules = imported(tmp_path, "token", "process", "--help")["modules"]
    assert not {m for m in modules if m.startswith("authlete_cli.checks.") or m.endswith(".request_check")}


def test_dry_run_of_a_body_the_check_cannot_vouch_for_asks_pydantic(tmp_path):
    """A value only pydantic's coercions accept (an integer as text) still goes out as the model dumps it."""
    result = imported(
        tmp_path,
        "token",
        "process",
        "-s",
        "1",
        "--body",
        '{"parameters": "a=b", "accessTokenDuration": "60"}',
        "--dry-run",
    )
    assert '"accessTokenDuration": 60' in result["out"] + result["err"]
    assert "pydantic" in result["modules"]


def test_importing_the_package_is_cheap(tmp_path):
    code = "import sys, json, authlete_cli; print(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=clean_env(tmp_path), timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    modules = json.loads(proc.stdout)
    assert heavy(modules) == set()
    assert not {m for m in modules if m.split(".")[0] in ("click", "typer")}
