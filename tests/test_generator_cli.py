"""`python -m generator validate|describe` and option handling, run as a user would."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SPEC
from test_build import COMMANDS, TOKEN_PROCESS_FLAGS


def generator(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def described() -> dict:
    proc = generator("describe", "--spec", str(SPEC), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)


def test_validate_good_spec() -> None:
    proc = generator("validate", "--spec", str(SPEC))
    assert proc.returncode == 0, proc.stderr
    # paths inside the working folder are shown relative to it
    assert proc.stdout == "specs/authlete.yaml: valid; 14 operations\n"
    assert proc.stderr == ""


def test_validate_defaults_to_the_project_spec(tmp_path: Path) -> None:
    proc = generator("validate", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.endswith("specs/authlete.yaml: valid; 14 operations\n")


def test_validate_reports_a_bad_spec(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SPEC.read_text(encoding="utf-8").replace("openapi: 3.0.3", "openapi: 2.0.0"), encoding="utf-8")
    proc = generator("validate", "--spec", str(bad))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert (
        proc.stderr
        == f"{bad}:1:1 #/openapi: only OpenAPI 3.x is supported; found '2.0.0'\n1 error; nothing was written\n"
    )


def test_describe_json_shape(described: dict) -> None:
    assert set(described) == {"commands"}
    commands = described["commands"]
    assert len(commands) == 14
    assert {c["command"] for c in commands} == COMMANDS
    assert [c["command"] for c in commands] == sorted(c["command"] for c in commands)
    for command in commands:
        assert {"command", "method", "path", "flags"} <= set(command)
        assert command["method"] in {"GET", "POST", "DELETE", "PUT", "PATCH"}
        assert command["path"].startswith("/api/{serviceId}/")
        assert all(isinstance(f, str) and f.startswith("--") for f in command["flags"])
        assert len(command["flags"]) == len(set(command["flags"]))
        assert "--service-id" in command["flags"]


def test_describe_json_token_process(described: dict) -> None:
    [process] = [c for c in described["commands"] if c["command"] == "token process"]
    assert process["method"] == "POST"
    assert process["path"] == "/api/{serviceId}/auth/token"
    assert process["operation_id"] == "auth_token_api"
    assert "--service-id" in process["flags"]
    assert "--body" in process["flags"]
    assert set(TOKEN_PROCESS_FLAGS) <= set(process["flags"])


def test_describe_json_lists_every_flag_the_generated_command_accepts(described: dict) -> None:
    """token process and introspection standard-process have a form-encoded `parameters` field, so the
    generated commands also accept `--param KEY=VALUE` (see `authlete token process --help`); describe
    is the generator's account of the CLI it produces and must not leave that flag out."""
    flags = {c["command"]: c["flags"] for c in described["commands"]}
    assert "--param" in flags["token process"]
    assert "--param" in flags["introspection standard-process"]
    assert "--param" not in flags["token fail"]


def test_describe_json_array_body_and_query_flags(described: dict) -> None:
    flags = {c["command"]: c["flags"] for c in described["commands"]}
    assert set(flags["token management create-batch"]) == {"--batch-dry-run", "--service-id", "--body"}
    assert set(flags["token management list"]) == {
        "--client-identifier",
        "--end",
        "--service-id",
        "--start",
        "--subject",
        "--all",
        "--max-pages",
    }
    assert "--body" not in flags["token management delete"]


def test_describe_text() -> None:
    proc = generator("describe", "--spec", str(SPEC))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    headers = [line for line in lines if not line.startswith(" ")]
    assert len(headers) == 14
    assert "authlete token process  (POST /api/{serviceId}/auth/token)" in headers
    assert (
        "authlete token management delete  (DELETE /api/{serviceId}/auth/token/delete/{accessTokenIdentifier})"
        in headers
    )
    start = lines.index("authlete token process  (POST /api/{serviceId}/auth/token)")
    block = []
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        block.append(line.strip())
    assert "-s, --service-id string (required)" in block
    assert "--parameters string (required)" in block
    assert "-j, --jwt-at-claims string" in block
    assert "-r, --refresh-token-duration int" in block
    assert "--client-certificate-path stringArray" in block
    assert "--cimd-options JSON" in block
    assert "--dpop-nonce-required bool" in block
    assert "--body JSON" in block
    flags = [re.search(r"(--[a-z0-9-]+)", line).group(1) for line in block]
    assert set(TOKEN_PROCESS_FLAGS) <= set(flags)


def test_describe_text_and_json_agree(described: dict) -> None:
    proc = generator("describe", "--spec", str(SPEC), "--format", "text")
    assert proc.returncode == 0, proc.stderr
    text_commands = [
        line.split("  (")[0].removeprefix("authlete ") for line in proc.stdout.splitlines() if not line.startswith(" ")
    ]
    assert text_commands == [c["command"] for c in described["commands"]]


@pytest.mark.parametrize("command", ["generate", "check", "describe"])
def test_bad_package_name_is_one_line_and_exit_2(tmp_path: Path, command: str) -> None:
    out = tmp_path / "out"
    args = [command, "--package", "bad-name"]
    if command != "describe":
        args += ["--out", str(out)]
    proc = generator(*args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert not out.exists()
    if command == "describe":
        # describe has no --package option: argparse usage error
        assert "unrecognized arguments: --package bad-name" in proc.stderr
    else:
        assert proc.stdout == ""
        assert proc.stderr == "error: --package 'bad-name' is not a valid Python package name\n"


@pytest.mark.parametrize("package", ["1abc", "a.b", "", "with space", "class", "None"])
def test_other_invalid_package_names(tmp_path: Path, package: str) -> None:
    proc = generator("generate", "--package", package, "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert "is not a valid Python package name" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_command_and_format_are_usage_errors() -> None:
    for args in (("frobnicate",), ("describe", "--format", "xml"), ()):
        proc = generator(*args)
        assert proc.returncode == 2, args
        assert "usage: python -m generator" in proc.stderr
        assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("package", ["os", "json", "typing"])
def test_a_standard_library_name_is_refused(tmp_path: Path, package: str) -> None:
    """A package named like a stdlib module could never be imported: Python's own comes first."""
    proc = generator("generate", "--package", package, "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert proc.stderr == f"error: --package '{package}' is a module of Python's standard library; pick another name\n"
    assert not (tmp_path / "out").exists()


def _writing_to(stdout: int, args: tuple[str, ...], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The generator run locally with ``args`` (CACHE: a folder of the test's) and standard output on ``stdout``."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *(a.replace("CACHE", str(tmp_path / "cache")) for a in args)],
        cwd=ROOT,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "AUTHLETE_CODEGEN_DAEMON": "0"},
    )


@pytest.mark.parametrize(
    "args",
    [
        ("describe", "--format", "json", "--no-daemon"),
        ("daemon", "status", "--cache-dir", "CACHE"),
        ("validate", "--no-daemon"),
    ],
)
def test_a_reader_that_left_ends_the_run_quietly(tmp_path: Path, args: tuple[str, ...]) -> None:
    """`... | head` that has exited: no 'internal error', no interpreter complaint, the status SIGPIPE gives."""
    read, write = os.pipe()
    os.close(read)
    try:
        proc = _writing_to(write, args, tmp_path)
    finally:
        os.close(write)
    assert proc.returncode == 141, proc.stderr
    assert "error" not in proc.stderr.lower() and "Exception" not in proc.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full (a device that is always full)")
@pytest.mark.parametrize(
    "args",
    [
        ("describe", "--format", "json", "--no-daemon"),
        ("check", "--no-daemon"),
        ("daemon", "status", "--cache-dir", "CACHE"),
        ("validate", "--no-daemon"),
    ],
)
def test_a_full_standard_output_is_one_line_and_exit_5(tmp_path: Path, args: tuple[str, ...]) -> None:
    """Output to a full disk is the machine's problem: said in one line, never 'internal error'."""
    with open("/dev/full", "w") as full:
        proc = _writing_to(full.fileno(), args, tmp_path)
    assert proc.returncode == 5, proc.stderr
    assert proc.stderr == "error: cannot write standard output: No space left on device\n"


def test_an_output_folder_that_cannot_be_made_is_one_line_and_exit_5(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    proc = generator("generate", "--no-cache", "--out", str(blocker / "out"))
    assert proc.returncode == 5, proc.stderr
    assert proc.stderr.splitlines() == [
        f"error: cannot write {blocker / 'out'}: {blocker} is not a folder; nothing was written"
    ]
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"
