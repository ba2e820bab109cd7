"""The x-http-response and x-cli-oauth spec extensions: validation, IR and emission."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SPEC

from generator.diagnostics import GeneratorError
from generator.ir import HeaderRule
from generator.pipeline import analyse, produce


def small_spec(extension: Any = None, oauth: Any = None, enum: tuple[str, ...] = ("OK", "BAD", "LATER")) -> dict:
    """A one-operation spec shaped like Authlete's: a form 'parameters' field and an answer with an action."""
    answer: dict[str, Any] = {
        "type": "object",
        "properties": {
            "action": {"type": "string", "enum": list(enum)},
            "responseContent": {"type": "string"},
            "dpopNonce": {"type": "string"},
        },
    }
    if extension is not None:
        answer["x-http-response"] = extension
    spec: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "Small", "version": "1.0"},
        "paths": {
            "/check": {
                "post": {
                    "operationId": "check_api",
                    "tags": ["Check"],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/ask"}},
                            "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/ask"}},
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The verdict.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/answer"}}},
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "ask": {"type": "object", "required": ["parameters"], "properties": {"parameters": {"type": "string"}}},
                "answer": answer,
            }
        },
    }
    if oauth is not None:
        spec["x-cli-oauth"] = oauth
    return spec


GOOD = {
    "selector": "action",
    "headers": {"Cache-Control": {"value": "no-store"}, "DPoP-Nonce": {"from": "dpopNonce"}},
    "actions": {
        "OK": {"status": 200, "body": "responseContent", "headers": {"Content-Type": {"value": "application/json"}}},
        "BAD": {"status": 401, "headers": {"WWW-Authenticate": {"from": "responseContent"}}},
        "LATER": {"decide": "Do it yourself."},
    },
}


def write(tmp_path: Path, spec: dict) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def errors_of(tmp_path: Path, spec: dict) -> list[str]:
    with pytest.raises(GeneratorError) as info:
        analyse(write(tmp_path, spec))
    return [str(d) for d in info.value.diagnostics]


def test_a_good_extension_is_carried_typed_in_the_ir(tmp_path: Path) -> None:
    _, api = analyse(write(tmp_path, small_spec(GOOD)))
    (mapping,) = api.http_mappings
    assert (mapping.schema, mapping.model, mapping.selector, mapping.unmapped) == ("answer", "Answer", "action", ())
    actions = {a.action: a for a in mapping.actions}
    ok = actions["OK"]
    assert (ok.status, ok.reason, ok.body) == (200, "OK", "responseContent")
    # the action's own headers first, then the shared ones
    assert ok.headers == (
        HeaderRule("Content-Type", "value", "application/json"),
        HeaderRule("Cache-Control", "value", "no-store"),
        HeaderRule("DPoP-Nonce", "field", "dpopNonce"),
    )
    assert actions["BAD"].reason == "Unauthorized" and actions["BAD"].body is None
    assert actions["LATER"].status is None and actions["LATER"].decide == "Do it yourself."
    assert api.notes == ()


def test_unmapped_values_are_a_located_warning_naming_them(tmp_path: Path) -> None:
    ext = {"selector": "action", "actions": {"OK": {"status": 200}}}
    _, api = analyse(write(tmp_path, small_spec(ext)))
    (note,) = [str(n) for n in api.notes]
    assert note.startswith(f"{tmp_path / 'spec.yaml'}:")
    assert "#/components/schemas/answer/x-http-response/actions: warning:" in note
    assert "no HTTP response for action values BAD, LATER" in note
    assert api.http_mappings[0].unmapped == ("BAD", "LATER")


def test_generator_prints_the_warning_and_still_generates(tmp_path: Path) -> None:
    ext = {"selector": "action", "actions": {"OK": {"status": 200}, "BAD": {"status": 400}}}
    spec = write(tmp_path, small_spec(ext))
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "warning: no HTTP response for action value LATER;" in proc.stderr
    emitted = (tmp_path / "out" / "authlete_cli" / "_outcomes.py").read_text()
    assert "'BAD'" in emitted or '"BAD"' in emitted


@pytest.mark.parametrize(
    ("extension", "pointer", "message"),
    [
        ("yes", "/x-http-response", "must be a mapping"),
        ({"selector": "nope", "actions": {"OK": {"status": 200}}}, "/x-http-response/selector", "must name a property"),
        (
            {"selector": "responseContent", "actions": {"OK": {"status": 200}}},
            "/x-http-response/selector",
            "string enum",
        ),
        ({"selector": "action", "actions": {}}, "/x-http-response/actions", "must map each value"),
        ({"selector": "action", "actions": {"OK": {"status": 700}}}, "/x-http-response/actions/OK/status", "100-599"),
        ({"selector": "action", "actions": {"OK": {"status": "200"}}}, "/x-http-response/actions/OK/status", "'200'"),
        ({"selector": "action", "actions": {"NEW": {"status": 200}}}, "/x-http-response/actions/NEW", "not a value"),
        (
            {"selector": "action", "actions": {"OK": {"status": 200, "body": "missing"}}},
            "/x-http-response/actions/OK/body",
            "must name a property",
        ),
        (
            {"selector": "action", "actions": {"OK": {"status": 200, "headers": {"X": {"from": "nothing"}}}}},
            "/x-http-response/actions/OK/headers/X/from",
            "must name a property",
        ),
        (
            {"selector": "action", "actions": {"OK": {"status": 200, "headers": {"X": "plain"}}}},
            "/x-http-response/actions/OK/headers/X",
            "exactly one of",
        ),
        (
            {"selector": "action", "actions": {"OK": {"status": 200, "headers": {"Bad Name": {"value": "v"}}}}},
            "/x-http-response/actions/OK/headers/Bad Name",
            "not an HTTP header name",
        ),
        (
            {"selector": "action", "actions": {"OK": {"decide": "x", "status": 200}}},
            "/x-http-response/actions/OK",
            "no status, headers or body",
        ),
        ({"selector": "action", "actions": {"OK": {"decide": " "}}}, "/x-http-response/actions/OK/decide", "text"),
        (
            {"selector": "action", "actions": {"OK": {"status": 200, "code": 1}}},
            "/x-http-response/actions/OK/code",
            "unknown key",
        ),
        ({"selector": "action", "actions": {"OK": {"status": 200}}, "extra": 1}, "/x-http-response/extra", "unknown"),
    ],
)
def test_a_malformed_extension_is_a_located_error(tmp_path: Path, extension: Any, pointer: str, message: str) -> None:
    found = errors_of(tmp_path, small_spec(extension))
    wanted = f"#/components/schemas/answer{pointer}: "
    assert any(wanted in line and message in line for line in found), found
    assert all(line.startswith(f"{tmp_path / 'spec.yaml'}:") for line in found)


def test_a_spec_without_the_extensions_works_as_before(tmp_path: Path) -> None:
    files, api = produce(write(tmp_path, small_spec()))
    assert api.http_mappings == () and api.oauth is None
    outcomes = files["authlete_cli/_outcomes.py"]
    assert "MAPPINGS: dict[str, MappingSpec] = {}" in outcomes
    assert "OAUTH_HELPERS = False" in outcomes
    assert "HttpOutcomeModel" not in files["authlete_cli/models.py"]


def test_oauth_extension_names_commands_that_take_a_form(tmp_path: Path) -> None:
    _, api = analyse(write(tmp_path, small_spec(oauth={"client-assertion": ["check_api"]})))
    assert api.oauth is not None and api.oauth.commands == ("check check",)


@pytest.mark.parametrize(
    ("oauth", "pointer", "message"),
    [
        ([1], "#/x-cli-oauth: ", "must be a mapping"),
        ({"client-assertion": ["nope_api"]}, "#/x-cli-oauth/client-assertion/0: ", "no generated operation"),
        ({"client-assertion": "check_api"}, "#/x-cli-oauth/client-assertion: ", "list of operationIds"),
        ({"assertion": []}, "#/x-cli-oauth/assertion: ", "unknown key"),
    ],
)
def test_a_malformed_oauth_extension_is_a_located_error(tmp_path: Path, oauth: Any, pointer: str, message: str) -> None:
    found = errors_of(tmp_path, small_spec(oauth=oauth))
    assert any(pointer in line and message in line for line in found), found


def test_our_spec_maps_every_action_of_the_six_apis() -> None:
    _, api = analyse(SPEC)
    mapped = {m.schema: {a.action for a in m.actions} for m in api.http_mappings}
    doc = yaml.safe_load(SPEC.read_text())
    schemas = doc["components"]["schemas"]
    for name in (
        "token_response",
        "token_issue_response",
        "token_fail_response",
        "introspection_response",
        "standard_introspection_response",
        "g_m_response",
    ):
        assert mapped[name] == set(schemas[name]["properties"]["action"]["enum"]), name
    assert not [n for n in api.notes if "x-http-response" in n.pointer]
    assert api.oauth is not None and api.oauth.commands == ("token process",)
