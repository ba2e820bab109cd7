"""Warnings and notes: located, generation goes on, and --strict turns warnings into errors.

The three specs under tests/specs/cover/upstream_* reproduce, in our own words, the three
shapes of Authlete's published spec that used to stop generation.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from generator.diagnostics import Diagnostic, strict, summary

COVER = ROOT / "tests" / "specs" / "cover"
NO_ID = COVER / "upstream_no_operation_id.yaml"
UNDECLARED = COVER / "upstream_required_undeclared.yaml"
SAME_NAME = COVER / "upstream_path_body_same_name.yaml"


def generator(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def cli(out: Path, package: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(out), "NO_COLOR": "1", "HOME": str(out)}
    return subprocess.run(
        [sys.executable, "-m", package, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_missing_operation_id_is_a_note_and_the_name_comes_from_method_and_path(tmp_path: Path) -> None:
    result = generator("generate", "--spec", rel(NO_ID), "--out", str(tmp_path / "out"), "--package", "health")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"{rel(NO_ID)}:10:5 #/paths/~1api~1lifecycle~1healthcheck/get: note: operation has no operationId; "
        "named 'get_api_lifecycle_healthcheck' after its method and path\n"
    )
    help_ = cli(tmp_path / "out", "health", "lifecycle", "--help")
    assert help_.returncode == 0, help_.stderr
    assert "get-api-lifecycle-healthcheck" in help_.stdout
    # a note is not a warning: --strict still generates
    assert generator("validate", "--strict", "--spec", rel(NO_ID)).returncode == 0


def test_required_but_undeclared_is_a_warning_and_stays_required(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = generator("generate", "--spec", rel(UNDECLARED), "--out", str(out), "--package", "grants")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{rel(UNDECLARED)}:36:11 #/components/schemas/grant_request/required/0: warning: required property "
        "'token' is not among the properties of this schema; it stays required, with any value",
        "1 warning; generation went on (--strict makes warnings errors)",
    ]
    # the model and the CLI both insist on it, so the request the server expects is what gets sent
    probe = "from grants.models import GrantRequest as G; print(G.model_fields['token'].is_required())"
    check = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(out)}
    )
    assert check.stdout == "True\n", check.stderr
    missing = cli(out, "grants", "grants", "grant-query", "--dry-run", "--grant-id", "g1")
    assert missing.returncode == 2
    assert "missing option '--token'" in missing.stderr
    sent = cli(out, "grants", "grants", "grant-query", "--dry-run", "--grant-id", "g1", "--token", '"t"')
    assert sent.returncode == 0, sent.stderr
    assert '"token": ' in sent.stdout + sent.stderr  # sent (its value is masked as a secret)


def test_strict_turns_the_warning_into_an_error_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = generator("generate", "--strict", "--spec", rel(UNDECLARED), "--out", str(out))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{rel(UNDECLARED)}:36:11 #/components/schemas/grant_request/required/0: required property "
        "'token' is not among the properties of this schema; it stays required, with any value [--strict]",
        "1 error; nothing was written",
    ]
    assert not out.exists()
    for command in ("validate", "describe", "check"):
        args = [command, "--strict", "--spec", rel(UNDECLARED)] + (["--out", str(out)] if command == "check" else [])
        assert generator(*args).returncode == 2, command


def test_path_parameter_and_body_field_of_one_name(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = generator("generate", "--spec", rel(SAME_NAME), "--out", str(out), "--package", "clients")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"{rel(SAME_NAME)}:38:9 #/components/schemas/client/properties/clientId: note: body field 'clientId' "
        "would have the flag --client-id of path 'clientId' in client_update; generated as --body-client-id\n"
    )
    sent = cli(out, "clients", "clients", "client-update", "--dry-run", "--client-id", "7", "--body-client-id", "8")
    assert sent.returncode == 0, sent.stderr
    shown = sent.stdout + sent.stderr
    assert "/clients/7" in shown
    assert '"clientId": 8' in shown


def test_data_is_not_checked_as_schemas(tmp_path: Path) -> None:
    """Examples, defaults and x- extension values may look like schemas; they are data."""
    spec = tmp_path / "data.yaml"
    spec.write_text(
        NO_ID.read_text(encoding="utf-8").replace(
            "      summary: Check that the service is alive.\n",
            "      summary: Check that the service is alive.\n"
            "      x-amazon-apigateway-integration:\n"
            "        type: aws_proxy\n"
            "        required: 5\n",
        )
        + "              x-shape:\n"
        + "                status: {type: strin, properties: 3}\n"
    )
    result = generator("validate", "--strict", "--spec", str(spec))
    assert result.returncode == 0, result.stderr


def test_strict_and_summary_helpers() -> None:
    warning = Diagnostic("s.yaml", 3, 4, "/a", "odd", "warning")
    note = Diagnostic("s.yaml", 1, 1, "/b", "fyi", "note")
    assert str(warning) == "s.yaml:3:4 #/a: warning: odd"
    assert summary([warning, note, note]) == "1 warning, 2 notes"
    assert [d.severity for d in strict([warning, note])] == ["error", "note"]


def test_examples_and_defaults_that_break_their_schema_are_located_warnings(tmp_path: Path) -> None:
    spec = tmp_path / "values.yaml"
    spec.write_text("""openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: a
      parameters:
        - {name: n, in: query, schema: {type: integer}, example: ten}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/A'}
              example: {count: x}
components:
  schemas:
    A:
      type: object
      properties:
        count: {type: integer, default: five, nullable: true}
        when: {type: string, format: date-time, example: '2024-01-01T00:00:00Z'}
""")
    result = generator("validate", "--spec", str(spec))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{spec}:8:57 #/paths/~1a/get/parameters/0/example: warning: example does not match its schema: "
        "'ten' is not of type 'integer'",
        f"{spec}:15:15 #/paths/~1a/get/responses/200/content/application~1json/example: warning: example does not "
        "match its schema: count: 'x' is not of type 'integer'",
        f"{spec}:21:32 #/components/schemas/A/properties/count/default: warning: default does not match its schema: "
        "'five' is not of type 'integer'",
        "3 warnings; generation went on (--strict makes warnings errors)",
    ]
    assert generator("validate", "--strict", "--spec", str(spec)).returncode == 2


TWO_PROBLEMS = """openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Strategy:
      oneOf:
        - {type: string, enum: [auto], default: [auto]}
        - {type: object}
    Include: {type: string, enum: [logprobs], default: []}
"""


def test_a_value_with_two_problems_is_one_located_warning(tmp_path: Path) -> None:
    # OpenAI's spec: a list where a string with an enum belongs breaks both `type` and `enum`;
    # openapi-spec-validator reports both, and the second once came out unlocated ("1:1 #").
    spec = tmp_path / "values.yaml"
    spec.write_text(TWO_PROBLEMS)
    result = generator("validate", "--spec", str(spec))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{spec}:8:40 #/components/schemas/Strategy/oneOf/0/default: warning: default does not match its schema: "
        "['auto'] is not of type 'string'",
        f"{spec}:10:47 #/components/schemas/Include/default: warning: default does not match its schema: "
        "[] is not of type 'string'",
        "2 warnings; generation went on (--strict makes warnings errors)",
    ]


def test_the_validators_complaint_about_a_value_is_placed_where_the_value_is(tmp_path: Path) -> None:
    from generator import validate
    from generator.load import load

    spec = tmp_path / "values.yaml"
    spec.write_text(TWO_PROBLEMS)
    doc = load(spec)
    found = [str(d) for d in validate._located(doc, validate._upstream_errors(doc.data), [])]
    assert found == [
        f"{spec}:8:40 #/components/schemas/Strategy/oneOf/0/default: warning: a default or example does not match "
        "its schema: ['auto'] is not of type 'string'",
        f"{spec}:8:40 #/components/schemas/Strategy/oneOf/0/default: warning: a default or example does not match "
        "its schema: ['auto'] is not one of ['auto']",
        f"{spec}:10:47 #/components/schemas/Include/default: warning: a default or example does not match "
        "its schema: [] is not of type 'string'",
        f"{spec}:10:47 #/components/schemas/Include/default: warning: a default or example does not match "
        "its schema: [] is not one of ['logprobs']",
    ]


ALL_OF = """openapi: 3.0.3
info:
  title: Messages
  version: '1.0'
paths:
  /messages:
    post:
      operationId: send_message
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/function_message'
      responses:
        '204':
          description: Sent.
components:
  schemas:
    message:
      type: object
      properties:
        role:
          type: string
    function_message:
      allOf:
        - $ref: '#/components/schemas/message'
        - type: object
          properties:
            content:
              type: string
          required: [role]
      required: [role, content, call_id]
"""


def test_required_but_declared_by_no_all_of_member_is_located(tmp_path: Path) -> None:
    """``role`` comes from a $ref member and ``content`` from an inline one; ``call_id`` from none.

    A member may require what a member beside it declares (``required: [role]``): no warning there.

    The OpenAPI validator says so without saying where; ours names the very entry of ``required``
    (it used to come out unlocated and called a default or example that did not match).
    """
    spec = tmp_path / "all_of.yaml"
    spec.write_text(ALL_OF, encoding="utf-8")
    result = generator("generate", "--spec", str(spec), "--out", str(tmp_path / "out"), "--package", "messages")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{spec}:33:33 #/components/schemas/function_message/required/2: warning: required property "
        "'call_id' is not among the properties of this schema; it stays required, with any value",
        "1 warning; generation went on (--strict makes warnings errors)",
    ]


TYPO = """openapi: VERSION
info: {title: t, version: '1'}
paths:
  /a:
    get:
      summery: typo
      operationId: a
      responses: {'200': {description: ok}}
extra: 1
"""


def test_a_key_openapi_does_not_allow_is_shown_at_the_key(tmp_path: Path) -> None:
    """A typo (``summery``) was reported at its object, the operation's first line, or at 1:1 for the top level."""
    spec = tmp_path / "typo.yaml"
    spec.write_text(TYPO.replace("VERSION", "3.0.3"))
    result = generator("validate", "--spec", str(spec))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{spec}:6:7 #/paths/~1a/get/summery: not valid OpenAPI 3.0.3: 'summery' does not match any of the regexes: "
        "'^x-'",
        f"{spec}:9:1 #/extra: not valid OpenAPI 3.0.3: 'extra' does not match any of the regexes: '^x-'",
        "2 errors; nothing was written",
    ]
    spec.write_text(TYPO.replace("VERSION", "3.1.0"))
    result = generator("validate", "--spec", str(spec))
    assert result.stderr.splitlines()[:2] == [
        f"{spec}:6:7 #/paths/~1a/get/summery: not valid OpenAPI 3.1.0: Unevaluated properties are not allowed "
        "('summery' was unexpected)",
        f"{spec}:9:1 #/extra: not valid OpenAPI 3.1.0: Unevaluated properties are not allowed ('extra' was unexpected)",
    ]
