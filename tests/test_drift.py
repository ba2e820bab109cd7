"""`check` after spec edits: exit codes, the user-facing change report and the unified diff."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SPEC
from test_golden import reference_tree

Spec = dict[str, Any]


def start(*args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=300)
    return proc.returncode, out, err


def token_request(spec: Spec) -> Spec:
    return spec["components"]["schemas"]["token_request"]["properties"]


def add_field(spec: Spec) -> None:
    token_request(spec)["exampleNewField"] = {"type": "string", "description": "An example field added to the spec."}


def remove_htu(spec: Spec) -> None:
    del token_request(spec)["htu"]


def retype_duration(spec: Spec) -> None:
    token_request(spec)["accessTokenDuration"] = {"type": "string", "description": "Access token lifetime, as text."}


def add_and_remove_operations(spec: Spec) -> None:
    del spec["paths"]["/api/{serviceId}/gm"]
    spec["paths"]["/api/{serviceId}/health"] = {
        "get": {
            "operationId": "health_check_api",
            "tags": ["Token Operations"],
            "summary": "Check Health",
            "x-cli-command": "health check",
            "parameters": [{"$ref": "#/components/parameters/serviceId"}],
            "responses": {"200": {"description": "Healthy."}},
        }
    }


EDITS: dict[str, Callable[[Spec], None]] = {
    "add_field": add_field,
    "remove_htu": remove_htu,
    "retype": retype_duration,
    "operations": add_and_remove_operations,
}


class Drift:
    """One generated tree from a copy of the spec, and `check` of each edited copy against it."""

    def __init__(self, base: Path, reference: Path) -> None:
        self.base = base
        self.spec = base / "authlete.yaml"
        shutil.copy(SPEC, self.spec)
        self.out = base / "out"
        # what generating from the copy gives (test_golden checks the output ignores the spec's location)
        shutil.copytree(reference, self.out)
        original = yaml.safe_load(self.spec.read_text(encoding="utf-8"))
        self.specs: dict[str, Path] = {}
        for name, edit in EDITS.items():
            data = copy.deepcopy(original)
            edit(data)
            path = base / f"{name}.yaml"
            path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
            self.specs[name] = path
        jobs = {name: start("check", "--spec", str(path), "--out", str(self.out)) for name, path in self.specs.items()}
        self.checks = {name: finish(proc) for name, proc in jobs.items()}

    def surface(self, name: str) -> list[str]:
        """The 'What changes for users:' lines of one check."""
        out = self.checks[name][1].splitlines()
        assert "What changes for users:" in out, self.checks[name][1][:3000]
        start = out.index("What changes for users:") + 1
        lines = []
        for line in out[start:]:
            if not line.startswith("  "):
                break
            lines.append(line.strip())
        return lines


@pytest.fixture(scope="module")
def drift(tmp_path_factory: pytest.TempPathFactory) -> Drift:
    return Drift(tmp_path_factory.mktemp("drift"), reference_tree(tmp_path_factory))


def test_added_field(drift: Drift) -> None:
    code, out, err = drift.checks["add_field"]
    assert code == 1, err
    assert err == ""
    lines = drift.surface("add_field")
    # nothing else changes for users: the new field is on token_request only, and it is optional
    assert lines == [
        "+ flag authlete token process --example-new-field: new optional string option",
        "+ field models.TokenRequest.example_new_field: new optional field (str)",
        "2 changes to the surface, 0 breaking (bump: minor)",
    ]


def test_check_names_changed_files_and_prints_a_unified_diff(drift: Drift) -> None:
    code, out, _ = drift.checks["add_field"]
    assert code == 1
    lines = out.splitlines()
    assert (
        lines[0]
        == f"{drift.out} differs from what {drift.specs['add_field']} and templates/ produce; run `make regenerate`."
    )
    changed = sorted(line.split(": ", 1)[1] for line in lines if line.startswith("  changed: "))
    assert {"authlete_cli/models.py", "authlete_cli/commands/token.py"} <= set(changed)
    assert "authlete_cli/_table.py" not in changed  # a new field touches its group's table, not the index
    assert not any(line.startswith(("  added: ", "  removed: ")) for line in lines)
    for path in changed:
        assert f"--- a/{path}" in lines
        assert f"+++ b/{path}" in lines
    assert re.search(r"^@@ -\d+(,\d+)? \+\d+(,\d+)? @@", out, re.MULTILINE)
    added = [line for line in lines if line.startswith("+") and not line.startswith("+++")]
    assert any("example_new_field" in line for line in added)
    assert any("--example-new-field" in line for line in added)
    assert not any(line.startswith("-") and not line.startswith("---") and "example" in line.lower() for line in lines)


def test_removed_field(drift: Drift) -> None:
    code, _, err = drift.checks["remove_htu"]
    assert code == 4, err  # drift that breaks users
    lines = drift.surface("remove_htu")
    assert "- flag authlete token process --htu: string option removed  [breaking]" in lines
    assert "- field models.TokenRequest.htu: field removed (str)  [breaking]" in lines
    # other commands keep their own --htu
    assert not any("--htu" in line and "token process" not in line for line in lines)


def test_retyped_field(drift: Drift) -> None:
    code, _, err = drift.checks["retype"]
    assert code == 4, err
    lines = drift.surface("retype")
    assert lines == [
        "~ flag authlete token process --access-token-duration: type int -> string  [breaking]",
        "~ field models.TokenRequest.access_token_duration: type int -> str  [breaking]",
        "2 changes to the surface, 2 breaking (bump: major)",
    ]


def test_added_and_removed_operations(drift: Drift) -> None:
    code, out, err = drift.checks["operations"]
    assert code == 4, err
    lines = drift.surface("operations")
    assert "+ command authlete health check: new command (GET /api/{serviceId}/health)" in lines
    assert (
        "- command authlete grant-management process-request: command removed; scripts that run it fail  [breaking]"
        in lines
    )
    assert (
        "- method AuthleteClient.grant_management_process_request: method removed; code calling it fail"
        "s  [breaking]" in lines
    )
    out_lines = out.splitlines()
    assert "  added: authlete_cli/commands/health.py" in out_lines
    assert "  removed: authlete_cli/commands/grant_management.py" in out_lines
    assert out_lines.index("--- /dev/null") + 1 == out_lines.index("+++ b/authlete_cli/commands/health.py")
    assert out_lines[out_lines.index("--- a/authlete_cli/commands/grant_management.py") + 1] == "+++ /dev/null"
    assert "  removed: authlete_cli/checks/grant_management.py" in out_lines  # its request check goes with it


@pytest.fixture(scope="module")
def regenerated(drift: Drift) -> tuple[Path, Path, tuple[int, str, str]]:
    """The tree regenerated from the spec with the added field, and `check` run on it."""
    out = drift.base / "out-added"
    shutil.copytree(drift.out, out)
    spec = drift.specs["add_field"]
    code, stdout, err = finish(start("generate", "--spec", str(spec), "--out", str(out)))
    assert code == 0, err
    assert re.fullmatch(rf"{re.escape(str(out))}: \d+ files, [1-9]\d* changed\n", stdout), stdout
    return out, spec, finish(start("check", "--spec", str(spec), "--out", str(out)))


def test_check_is_clean_after_generate(regenerated: tuple[Path, Path, tuple[int, str, str]]) -> None:
    out, spec, (code, stdout, err) = regenerated
    assert code == 0, stdout[:3000] + err
    assert stdout == f"{out} is up to date with {spec}\n"


def test_new_flag_reaches_the_request(regenerated: tuple[Path, Path, tuple[int, str, str]], cli) -> None:
    out = regenerated[0]
    result = cli(
        "token",
        "process",
        "-s",
        "1",
        "--parameters",
        "a=b",
        "--example-new-field",
        "v",
        "--dry-run",
        env={"PYTHONPATH": str(out)},
    )
    assert result.code == 0, result.err
    assert '"exampleNewField": "v"' in result.err
    assert '"parameters": "a=b"' in result.err
    assert "POST https://us.authlete.com/api/1/auth/token" in result.err


def test_new_flag_is_in_help(regenerated: tuple[Path, Path, tuple[int, str, str]], cli) -> None:
    result = cli("token", "process", "--help", env={"PYTHONPATH": str(regenerated[0])})
    assert result.code == 0, result.err
    assert "--example-new-field" in result.out
    assert "An example field added to the spec." in " ".join(result.out.split())


def test_new_flag_in_body_json_and_flag_agree(regenerated: tuple[Path, Path, tuple[int, str, str]], cli) -> None:
    out = regenerated[0]
    body = json.dumps({"parameters": "a=b", "exampleNewField": "from-body"})
    result = cli(
        "token",
        "process",
        "-s",
        "1",
        "--body",
        body,
        "--example-new-field",
        "from-flag",
        "--dry-run",
        env={"PYTHONPATH": str(out)},
    )
    assert result.code == 0, result.err
    assert '"exampleNewField": "from-flag"' in result.err  # flags override the body's fields


def test_check_reports_in_json_and_github_forms(drift: Drift) -> None:
    spec = drift.specs["retype"]
    code, out, err = finish(start("check", "--spec", str(spec), "--out", str(drift.out), "--format", "json"))
    assert code == 4, err
    report = json.loads(out)
    assert (report["breaking"], report["bump"]) == (True, "major")
    assert {(c["kind"], c["where"]) for c in report["changes"]} == {
        ("flag", "authlete token process --access-token-duration"),
        ("field", "models.TokenRequest.access_token_duration"),
    }
    code, out, err = finish(start("check", "--spec", str(spec), "--out", str(drift.out), "--format", "github"))
    assert code == 4, err
    text = spec.read_text().splitlines()
    for annotation in [line for line in out.splitlines() if line.startswith("::")]:
        match = re.match(r"::error file=([^,]+),line=(\d+),", annotation)
        assert match, annotation
        assert match.group(1) == str(spec)
        assert text[int(match.group(2)) - 1].strip() == "accessTokenDuration:", annotation
