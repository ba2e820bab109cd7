"""End to end: every generated command against Stoplight Prism serving specs/authlete.yaml.

Prism validates each request against the spec, so a request the CLI builds
wrongly comes back as 400 with an ``sl-violations`` header. Every test runs
the CLI as a user would (a fresh ``python -m authlete_cli`` process) and
checks the exit code, stdout and stderr.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from authlete_cli.runtime.redact import kind_of, mask  # noqa: E402
from authlete_cli.runtime.surface import all_commands  # noqa: E402  (plain data: cheap to import)
from conftest import SPEC

COMMANDS: dict[str, Any] = dict(all_commands())

SPEC_DOC: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
SID = "715948317"
BEARER = "sat-3f9c0b1d7e2a4c6b8d0e1f2a3b4c5d6e"  # long enough that a leak is unmistakable
ANSI = re.compile(r"\x1b\[[0-9;]*m")


# ---------------------------------------------------------------------------
# Spec look-ups
# ---------------------------------------------------------------------------


def operation(command: str) -> dict[str, Any]:
    entry = COMMANDS[command]
    return SPEC_DOC["paths"][entry["path"]][entry["method"].lower()]


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = SPEC_DOC
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def success_status(command: str) -> int:
    return min(int(code) for code in operation(command)["responses"] if code.startswith("2"))


def success_example(command: str) -> Any:
    """The example of the operation's 2xx answer, or None when it has no body."""
    response = resolve(operation(command)["responses"][str(success_status(command))])
    content = response.get("content")
    return content["application/json"]["example"] if content else None


def request_example(command: str) -> Any:
    return operation(command)["requestBody"]["content"]["application/json"]["example"]


def error_example(command: str, status: int) -> dict[str, Any]:
    response = resolve(operation(command)["responses"][str(status)])
    return response["content"]["application/json"]["example"]


def param_example(command: str, name: str) -> str:
    for param in operation(command).get("parameters", []):
        param = resolve(param)
        if param["name"] == name:
            return str(param["example"])
    raise KeyError(name)


# ---------------------------------------------------------------------------
# Reading --debug output
# ---------------------------------------------------------------------------


def debug_request(err: str) -> tuple[str, str, dict[str, str], Any, str]:
    """(method, url, headers, body, raw text of the request block) from --debug stderr."""
    lines = err.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("> ")), None)
    assert start is not None, f"no '> METHOD URL' request line in --debug output:\n{err}"
    method, url = lines[start][2:].split(" ", 1)
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("< ")), len(lines))
    block = lines[start:end]
    headers: dict[str, str] = {}
    index = 1
    while index < len(block) and block[index]:
        name, _, value = block[index].partition(": ")
        headers[name.lower()] = value
        index += 1
    body = json.loads("\n".join(block[index + 1 :])) if index < len(block) else None
    return method, url, headers, body, "\n".join(block)


def debug_response(err: str) -> tuple[str, list[tuple[str, str]]]:
    """(status line, headers) of the response as --debug shows them."""
    lines = [line[2:] for line in err.splitlines() if line.startswith("< ")]
    assert lines, f"no '< ' response lines in --debug output:\n{err}"
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(": ")
        headers.append((name.lower(), value))
    return lines[0], headers


def assert_no_violations(err: str) -> None:
    status, headers = debug_response(err)
    violations = [value for name, value in headers if name == "sl-violations"]
    assert not violations, f"Prism rejected the request ({status}): {violations}"


def assert_masked(value: str, text: str) -> None:
    assert value not in text, f"secret {value[:12]}… appears unmasked in:\n{text}"


# ---------------------------------------------------------------------------
# One realistic invocation per operation, values taken from the spec's examples
# ---------------------------------------------------------------------------

TOKEN_PROCESS = request_example("token process")
INTROSPECTION = request_example("introspection process")
STANDARD = request_example("introspection standard-process")
FAIL = request_example("token fail")
ISSUE = request_example("token issue")
REISSUE = request_example("token management reissue-id-token")
GM = request_example("grant-management process-request")
CREATE = request_example("token management create")
BATCH = request_example("token management create-batch")
UPDATE = request_example("token management update")
REVOKE = request_example("token management revoke")

# command -> (extra args, expected request body as the spec's example has it,
#             raw secret values that --debug must mask in the request it prints)
# fmt: off
CASES: dict[str, tuple[list[str], Any, list[str]]] = {
    "token process": (
        [
            "--parameters", TOKEN_PROCESS["parameters"],
            "--client-id", TOKEN_PROCESS["clientId"],
            "--client-secret", TOKEN_PROCESS["clientSecret"],
        ],
        TOKEN_PROCESS,
        [
            TOKEN_PROCESS["clientSecret"],
            "Xv_su944auuBgc5mfUnxXayiiQU9Z4-T_Yae_UfExmo",  # code=
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",  # code_verifier=
        ],
    ),
    "token fail": (
        ["--ticket", FAIL["ticket"], "--reason", FAIL["reason"]],
        FAIL,
        [],
    ),
    "token issue": (
        ["--ticket", ISSUE["ticket"], "--subject", ISSUE["subject"]],
        ISSUE,
        [],
    ),
    "introspection process": (
        [
            "--token", INTROSPECTION["token"],
            "--scopes", INTROSPECTION["scopes"][0],
            "--subject", INTROSPECTION["subject"],
        ],
        INTROSPECTION,
        [INTROSPECTION["token"]],
    ),
    "introspection standard-process": (
        [
            "--parameters", STANDARD["parameters"],
            "--with-hidden-properties=false",
        ],
        STANDARD,
        ["VFGsNK-5sXiqterdaR7b5QbRX9VTwVCQB87jgiGSXA4"],  # token= inside the form string
    ),
    "token management reissue-id-token": (
        [
            "--access-token", REISSUE["accessToken"],
            "--refresh-token", REISSUE["refreshToken"],
            "--sub", REISSUE["sub"],
            "--claims", REISSUE["claims"],
        ],
        REISSUE,
        [REISSUE["accessToken"], REISSUE["refreshToken"]],
    ),
    "grant-management process-request": (
        [
            "--access-token", GM["accessToken"],
            "--gm-action", GM["gmAction"],
            "--grant-id", GM["grantId"],
        ],
        GM,
        [GM["accessToken"]],
    ),
    "token management list": ([], None, []),
    "token management create": (
        [
            "--grant-type", CREATE["grantType"],
            "--client-id", str(CREATE["clientId"]),
            "--subject", CREATE["subject"],
            "--scopes", CREATE["scopes"][0],
            "--scopes", CREATE["scopes"][1],
            "--access-token-duration", str(CREATE["accessTokenDuration"]),
            "--refresh-token-duration", str(CREATE["refreshTokenDuration"]),
        ],
        CREATE,
        [],
    ),
    "token management create-batch": (["--body", json.dumps(BATCH)], BATCH, []),
    "token management batch-status": (
        [
            "--token-batch-request-id",
            param_example("token management batch-status", "tokenBatchRequestId"),
        ],
        None,
        [],
    ),
    "token management update": (
        [
            "--access-token", UPDATE["accessToken"],
            "--access-token-expires-at", str(UPDATE["accessTokenExpiresAt"]),
            "--scopes", UPDATE["scopes"][0],
            "--properties", json.dumps(UPDATE["properties"]),
        ],
        UPDATE,
        [UPDATE["accessToken"]],
    ),
    "token management delete": (
        [
            "--access-token-identifier",
            param_example("token management delete", "accessTokenIdentifier"),
        ],
        None,
        [],
    ),
    "token management revoke": (
        ["--client-identifier", REVOKE["clientIdentifier"], "--subject", REVOKE["subject"]],
        REVOKE,
        [],
    ),
}
# fmt: on

# Values masked by --debug are compared by presence only.
MASKED_WIRE = {"accessToken", "refreshToken", "clientSecret", "token", "parameters", "ticket"}


def expected_path(command: str, args: list[str]) -> str:
    entry = COMMANDS[command]
    path = entry["path"].replace("{serviceId}", SID)
    for option in entry["options"]:
        if option["in"] == "path" and option["wire"] != "serviceId":
            value = args[args.index(option["flag"]) + 1]
            if kind_of(option["wire"]):  # a token in the path is masked like any other
                value = mask(value, kind_of(option["wire"]) or "token")
            path = path.replace("{" + option["wire"] + "}", value)
    return path


@pytest.fixture
def api(cli, prism):
    """Run a command against the session's Prism with a bearer token."""

    def run(*args: str, **kwargs: Any):
        return cli(*args, "--server-url", prism.url, "--bearer", BEARER, **kwargs)

    return run


def test_every_command_has_a_case():
    assert set(CASES) == set(COMMANDS), "add a realistic invocation for every command"
    for command, (args, _, _) in CASES.items():
        for option in COMMANDS[command]["options"]:
            if option["required"] and option["wire"] != "serviceId":
                assert option["flag"] in args or "--body" in args, f"{command}: {option['flag']} missing"


@pytest.mark.parametrize("command", sorted(CASES))
def test_command_against_prism(api, command):
    args, expected_body, secrets = CASES[command]
    entry = COMMANDS[command]
    result = api(*command.split(), "-s", SID, *args, "-o", "json", "-d")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err

    # The output is the spec's example for the success status, unchanged.
    example = success_example(command)
    if example is None:
        assert result.out == ""
    else:
        assert json.loads(result.out) == example

    # Prism found nothing wrong with the request.
    status, _ = debug_response(result.err)
    assert status.startswith(f"HTTP/1.1 {success_status(command)} "), status
    assert_no_violations(result.err)

    # The request the CLI says it sent: method, path, bearer masked, body.
    method, url, headers, body, block = debug_request(result.err)
    assert method == entry["method"]
    assert urlsplit(url).path == expected_path(command, args)
    assert headers["authorization"].startswith("Bearer ")
    assert BEARER not in result.err
    assert headers.get("accept") == "application/json"
    if expected_body is None:
        assert body is None
        assert "content-type" not in headers
    else:
        assert headers["content-type"] == "application/json"
        assert isinstance(body, type(expected_body))
        if isinstance(expected_body, dict):
            assert set(body) == set(expected_body)
            for key, value in expected_body.items():
                if key not in MASKED_WIRE:
                    assert body[key] == value, key
        else:
            assert body == expected_body
    for secret in secrets:
        assert_masked(secret, block)


def test_without_debug_stderr_is_quiet(api):
    args, _, _ = CASES["token management create"]
    result = api("token", "management", "create", "-s", SID, *args, "-o", "json")
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out) == success_example("token management create")


def test_settings_from_environment(cli, prism):
    """AUTHLETE_SERVER_URL, AUTHLETE_BEARER and AUTHLETE_SERVICE_ID stand in for the flags."""
    env = {"AUTHLETE_SERVER_URL": prism.url, "AUTHLETE_BEARER": BEARER, "AUTHLETE_SERVICE_ID": SID}
    result = cli("token", "management", "list", "-o", "json", "-d", env=env)
    assert result.code == 0, result.err
    assert json.loads(result.out) == success_example("token management list")
    assert_no_violations(result.err)
    _, url, _, _, _ = debug_request(result.err)
    assert url.startswith(f"{prism.url}/api/{SID}/")


def test_debug_masks_response_secrets(api):
    """--debug must not leak the issued tokens, not even inside responseContent."""
    args, _, _ = CASES["token process"]
    result = api("token", "process", "-s", SID, *args, "-o", "json", "-d")
    assert result.code == 0, result.err
    example = success_example("token process")
    assert json.loads(result.out)["accessToken"] == example["accessToken"]  # stdout is the data
    response_part = result.err[result.err.index("\n< ") :]
    assert_masked(example["accessToken"], response_part)
    assert_masked(example["refreshToken"], response_part)


# ---------------------------------------------------------------------------
# Optional flags, validated by Prism
# ---------------------------------------------------------------------------


def test_token_process_every_seed_option(api):
    parameters = TOKEN_PROCESS["parameters"]
    result = api(
        "token", "process", "-s", SID,
        "--parameters", parameters,
        "--client-id", "26478243745571",
        "--client-secret", "gXz97ISgLs4HuXwOZWch8GEmgL4YMvUJwu3er",
        "--client-certificate", "-----BEGIN CERTIFICATE-----\nMIIBleaf\n-----END CERTIFICATE-----",
        "--client-certificate-path", "-----BEGIN CERTIFICATE-----\nMIIBint1\n-----END CERTIFICATE-----",
        "--client-certificate-path", "-----BEGIN CERTIFICATE-----\nMIIBint2\n-----END CERTIFICATE-----",
        "--cimd-options", '{"alwaysRetrieved": true, "httpPermitted": false, "queryPermitted": true}',
        "--dpop", "eyJ0eXAiOiJkcG9wK2p3dCJ9.eyJodG0iOiJQT1NUIn0.c2ln",
        "--dpop-nonce-required",
        "--htm", "POST",
        "--htu", "https://as.example.com/token",
        "--access-token", "custom-access-token-value-0123456789",
        "--access-token-duration", "3600",
        "-r", "86400",
        "-j", '{"department":"sales"}',
        "--properties", '[{"key":"department","value":"sales","hidden":false}]',
        "--oauth-client-attestation", "eyJhbGciOiJFUzI1NiJ9.att.sig",
        "--oauth-client-attestation-pop", "eyJhbGciOiJFUzI1NiJ9.pop.sig",
        "-o", "json", "-d",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert_no_violations(result.err)
    assert json.loads(result.out) == success_example("token process")
    _, _, _, body, block = debug_request(result.err)
    expected = {
        "clientId": "26478243745571",
        "clientCertificate": "-----BEGIN CERTIFICATE-----\nMIIBleaf\n-----END CERTIFICATE-----",
        "clientCertificatePath": [
            "-----BEGIN CERTIFICATE-----\nMIIBint1\n-----END CERTIFICATE-----",
            "-----BEGIN CERTIFICATE-----\nMIIBint2\n-----END CERTIFICATE-----",
        ],
        "cimdOptions": {"alwaysRetrieved": True, "httpPermitted": False, "queryPermitted": True},
        "dpop": "eyJ0eXAiOiJkcG9wK2p3dCJ9.eyJodG0iOiJQT1NUIn0.c2ln",
        "dpopNonceRequired": True,
        "htm": "POST",
        "htu": "https://as.example.com/token",
        "accessTokenDuration": 3600,
        "refreshTokenDuration": 86400,
        "jwtAtClaims": '{"department":"sales"}',
        "properties": '[{"key":"department","value":"sales","hidden":false}]',
        "oauthClientAttestation": "eyJhbGciOiJFUzI1NiJ9.att.sig",
        "oauthClientAttestationPop": "eyJhbGciOiJFUzI1NiJ9.pop.sig",
    }
    assert set(body) == {*expected, "parameters", "clientSecret", "accessToken"}
    for key, value in expected.items():
        assert body[key] == value, key
    assert_masked("gXz97ISgLs4HuXwOZWch8GEmgL4YMvUJwu3er", block)
    assert_masked("custom-access-token-value-0123456789", block)


def test_introspection_process_repeated_and_json_options(api):
    headers = [
        {"key": "Signature", "value": "sig1=:MEUCIQDx:"},
        {"key": "Signature-Input", "value": 'sig1=("@method" "@target-uri");created=1640166542'},
    ]
    result = api(
        "introspection", "process", "-s", SID,
        "--token", INTROSPECTION["token"],
        "--scopes", "history.read", "--scopes", "timeline.read",
        "--resources", "https://rs.example.com/history", "--resources", "https://rs.example.com/timeline",
        "--acr-values", "urn:mace:incommon:iap:silver", "--acr-values", "urn:mace:incommon:iap:bronze",
        "--required-components", "@method", "--required-components", "@target-uri",
        "--headers", json.dumps(headers),
        "--subject", "john",
        "--max-age", "3600",
        "--htm", "GET", "--htu", "https://rs.example.com/history",
        "--uri", "https://rs.example.com/history?page=1",
        "--target-uri", "https://rs.example.com/history",
        "--message", "",
        "--request-body-contained=false",
        "--dpop-nonce-required=true",
        "-o", "json", "-d",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert_no_violations(result.err)
    assert json.loads(result.out) == success_example("introspection process")
    _, _, _, body, _ = debug_request(result.err)
    assert body["scopes"] == ["history.read", "timeline.read"]
    assert body["resources"] == ["https://rs.example.com/history", "https://rs.example.com/timeline"]
    assert body["acrValues"] == ["urn:mace:incommon:iap:silver", "urn:mace:incommon:iap:bronze"]
    assert body["requiredComponents"] == ["@method", "@target-uri"]
    assert body["headers"] == headers
    assert body["maxAge"] == 3600
    assert body["requestBodyContained"] is False
    assert body["dpopNonceRequired"] is True
    assert body["message"] == ""
    assert body["targetUri"] == "https://rs.example.com/history"


def test_token_management_list_query_options(api):
    result = api(
        "token", "management", "list", "-s", SID,
        "--start", "0", "--end", "5", "--subject", "john",
        "--client-identifier", "my-client alias",
        "-o", "json", "-d",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert_no_violations(result.err)
    assert json.loads(result.out) == success_example("token management list")
    method, url, _, body, _ = debug_request(result.err)
    assert (method, body) == ("GET", None)
    parts = urlsplit(url)
    assert parts.path == f"/api/{SID}/auth/token/get/list"
    assert parse_qs(parts.query) == {
        "start": ["0"],
        "end": ["5"],
        "subject": ["john"],
        "clientIdentifier": ["my-client alias"],
    }


def test_create_batch_from_file_and_stdin_with_dry_run(api, tmp_path):
    body_file = tmp_path / "batch.json"
    body_file.write_text(json.dumps(BATCH), encoding="utf-8")
    expected = success_example("token management create-batch")

    from_file = api("token", "management", "create-batch", "-s", SID, "--body", f"@{body_file}",
                    "--batch-dry-run", "-o", "json", "-d")  # fmt: skip
    assert from_file.code == 0, from_file.err
    assert_no_violations(from_file.err)
    assert json.loads(from_file.out) == expected
    _, url, _, body, _ = debug_request(from_file.err)
    assert parse_qs(urlsplit(url).query) == {"dryRun": ["true"]}
    assert body == BATCH

    from_stdin = api("token", "management", "create-batch", "-s", SID, "--body", "-",
                     "--batch-dry-run=false", "-o", "json", "-d", input=json.dumps(BATCH))  # fmt: skip
    assert from_stdin.code == 0, from_stdin.err
    assert_no_violations(from_stdin.err)
    assert json.loads(from_stdin.out) == expected
    _, url, _, body, _ = debug_request(from_stdin.err)
    assert parse_qs(urlsplit(url).query) == {"dryRun": ["false"]}
    assert body == BATCH


def test_create_with_optional_fields(api):
    details = {
        "elements": [
            {"type": "payment_initiation", "actions": ["initiate"], "locations": ["https://bank.example.com/payments"]}
        ]
    }
    properties = [{"key": "department", "value": "sales", "hidden": True}]
    result = api(
        "token", "management", "create", "-s", SID,
        "--grant-type", "CLIENT_CREDENTIALS", "--client-id", "26478243745571",
        "--scopes", "timeline.read",
        "--resources", "https://rs.example.com/timeline",
        "--properties", json.dumps(properties),
        "--authorization-details", json.dumps(details),
        "--access-token-persistent=false",
        "--client-id-alias-used",
        "--acr", "urn:mace:incommon:iap:silver",
        "--auth-time", "1640166542",
        "--session-id", "session-1",
        "--jwt-at-claims", '{"x":1}',
        "-o", "json", "-d",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert_no_violations(result.err)
    _, _, _, body, _ = debug_request(result.err)
    assert body == {
        "grantType": "CLIENT_CREDENTIALS",
        "clientId": 26478243745571,
        "scopes": ["timeline.read"],
        "resources": ["https://rs.example.com/timeline"],
        "properties": properties,
        "authorizationDetails": details,
        "accessTokenPersistent": False,
        "clientIdAliasUsed": True,
        "acr": "urn:mace:incommon:iap:silver",
        "authTime": 1640166542,
        "sessionId": "session-1",
        "jwtAtClaims": '{"x":1}',
    }


def test_update_with_optional_fields(api):
    details = {"elements": [{"type": "account_information", "actions": ["read"]}]}
    result = api(
        "token", "management", "update", "-s", SID,
        "--access-token", UPDATE["accessToken"],
        "--scopes", "history.read", "--scopes", "timeline.read",
        "--properties", json.dumps(UPDATE["properties"]),
        "--authorization-details", json.dumps(details),
        "--access-token-expires-at", "1640259742736",
        "--refresh-token-expires-at", "1640845742736",
        "--access-token-expires-at-updated-on-scope-update=false",
        "--access-token-persistent=false",
        "--access-token-value-updated",
        "--certificate-thumbprint", "x5t-thumb",
        "--dpop-key-thumbprint", "jkt-thumb",
        "--token-id", "2Gj9FNeJhV7JLMDqdYZ2y7fMg0eoUqcWB1a4pnNSbgE",
        "-o", "json", "-d",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert_no_violations(result.err)
    assert json.loads(result.out) == success_example("token management update")
    _, _, _, body, _ = debug_request(result.err)
    assert body["scopes"] == ["history.read", "timeline.read"]
    assert body["properties"] == UPDATE["properties"]
    assert body["authorizationDetails"] == details
    assert body["accessTokenExpiresAt"] == 1640259742736
    assert body["refreshTokenExpiresAt"] == 1640845742736
    assert body["accessTokenExpiresAtUpdatedOnScopeUpdate"] is False
    assert body["accessTokenPersistent"] is False
    assert body["accessTokenValueUpdated"] is True
    assert body["tokenId"] == "2Gj9FNeJhV7JLMDqdYZ2y7fMg0eoUqcWB1a4pnNSbgE"


@pytest.mark.parametrize(
    "args, wire",
    [
        (["--access-token-identifier", "Z5a40U6dWvw2gMoCOAFbZcM85q4HC0Z--0YKD9-Nf6Q"], {"accessTokenIdentifier"}),
        (["--refresh-token-identifier", "6ieVdMm2drcDnwJqC8EUTGNj7NPVcbpMoY6p8LnpqsU"], {"refreshTokenIdentifier"}),
        (["--client-identifier", "26478243745571"], {"clientIdentifier"}),
    ],
    ids=["access-token", "refresh-token", "client"],
)
def test_revoke_variants(api, args, wire):
    result = api("token", "management", "revoke", "-s", SID, *args, "-o", "json", "-d")
    assert result.code == 0, result.err
    assert_no_violations(result.err)
    assert json.loads(result.out) == success_example("token management revoke")
    _, _, _, body, _ = debug_request(result.err)
    assert set(body) == wire
    name = next(iter(wire))
    assert body[name] == (mask(args[1]) if kind_of(name) else args[1])  # token identifiers are masked
    if kind_of(name):
        assert args[1] not in result.err


def test_grant_management_every_option(api):
    result = api(
        "grant-management", "process-request", "-s", SID,
        "--access-token", GM["accessToken"], "--gm-action", "REVOKE", "--grant-id", GM["grantId"],
        "--client-certificate", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
        "--dpop", "a.b.c", "--dpop-nonce-required=false", "--htm", "DELETE",
        "--htu", f"https://as.example.com/grants/{GM['grantId']}",
        "-o", "json", "-d",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert_no_violations(result.err)
    assert json.loads(result.out) == success_example("grant-management process-request")
    _, _, _, body, _ = debug_request(result.err)
    assert body["gmAction"] == "REVOKE"
    assert body["dpopNonceRequired"] is False
    assert body["htm"] == "DELETE"


# ---------------------------------------------------------------------------
# Output formats
# ---------------------------------------------------------------------------

PROCESS = ["token", "process", "-s", SID, *CASES["token process"][0]]


def test_output_json_yaml_toon(api):
    example = success_example("token management list")
    base = ["token", "management", "list", "-s", SID]
    as_json = api(*base, "-o", "json")
    assert as_json.code == 0, as_json.err
    data = json.loads(as_json.out)
    assert data == example

    as_yaml = api(*base, "-o", "yaml")
    assert as_yaml.code == 0, as_yaml.err
    assert yaml.safe_load(as_yaml.out) == data

    as_toon = api(*base, "-o", "toon")
    assert as_toon.code == 0, as_toon.err
    assert as_toon.out.strip()
    assert as_toon.out.strip() != as_json.out.strip()
    toon_format = pytest.importorskip("toon_format")
    assert toon_format.decode(as_toon.out) == data


def test_output_table(api):
    result = api("token", "management", "list", "-s", SID, "-o", "table")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "\x1b[" not in result.out
    for field in ("start", "totalCount", "client", "subject", "accessTokens"):
        assert any(re.search(rf"\b{field}\b", line) for line in lines), field
    client_line = next(line for line in lines if re.search(r"\|\s*client\s*\|", line))
    assert '{"number":1140735077' in client_line  # nested object folded onto its row
    tokens_line = next(line for line in lines if re.search(r"\|\s*accessTokens\s*\|", line))
    assert '[{"accessTokenHash":"KTqzjf0J' in tokens_line

    flat = api(*PROCESS, "-o", "table")
    assert flat.code == 0, flat.err
    token_row = next(line for line in flat.out.splitlines() if re.search(r"\|\s*accessToken\s*\|", line))
    assert success_example("token process")["accessToken"] in token_row
    scopes_row = next(line for line in flat.out.splitlines() if re.search(r"\|\s*scopes\s*\|", line))
    assert '["history.read"]' in scopes_row


def test_pretty_piped_is_plain_json(api):
    result = api(*PROCESS)  # pretty is the default
    assert result.code == 0, result.err
    assert "\x1b[" not in result.out
    assert json.loads(result.out) == success_example("token process")
    explicit = api(*PROCESS, "-o", "pretty", "--color", "auto")
    assert explicit.out == result.out


def test_colour_switches(api):
    example = success_example("token process")
    always = api(*PROCESS, "--color", "always")
    assert always.code == 0, always.err
    assert "\x1b[" in always.out
    assert json.loads(ANSI.sub("", always.out)) == example

    no_color = api(*PROCESS, "--color", "auto", env={"NO_COLOR": "1"})
    assert no_color.code == 0, no_color.err
    assert "\x1b[" not in no_color.out
    assert json.loads(no_color.out) == example

    forced = api(*PROCESS, env={"FORCE_COLOR": "1"})
    assert forced.code == 0, forced.err
    assert "\x1b[" in forced.out
    assert json.loads(ANSI.sub("", forced.out)) == example

    never = api(*PROCESS, "--color", "never", env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in never.out
    assert json.loads(never.out) == example

    flag_beats_env = api(*PROCESS, "--color", "always", env={"NO_COLOR": "1"})
    assert "\x1b[" in flag_beats_env.out


def test_jq_filters(api):
    example = success_example("token process")
    token = api(*PROCESS, "-q", ".accessToken")
    assert (token.code, token.out, token.err) == (0, example["accessToken"] + "\n", "")

    as_json = api(*PROCESS, "--jq", ".accessToken", "-o", "json")
    assert json.loads(as_json.out) == example["accessToken"]

    created = api("token", "management", "create", "-s", SID, *CASES["token management create"][0],
                  "-q", ".scopes[]")  # fmt: skip
    assert created.code == 0, created.err
    assert created.out == "".join(f"{s}\n" for s in success_example("token management create")["scopes"])

    picked = api(*PROCESS, "-q", "{token: .accessToken, n: (.scopes | length)}", "-o", "json")
    assert json.loads(picked.out) == {"token": example["accessToken"], "n": len(example["scopes"])}


def test_include_headers(api):
    result = api(*PROCESS, "--include-headers", "-o", "json")
    assert result.code == 0, result.err
    head, sep, body = result.out.partition("\n\n")
    assert sep, result.out
    lines = head.splitlines()
    assert lines[0] == "HTTP/1.1 200 OK"
    assert any(line.lower().startswith("content-type: application/json") for line in lines[1:])
    assert all(": " in line for line in lines[1:])
    assert json.loads(body) == success_example("token process")

    deleted = api("token", "management", "delete", "-s", SID, *CASES["token management delete"][0],
                  "--include-headers")  # fmt: skip
    assert deleted.code == 0, deleted.err
    assert deleted.out.startswith("HTTP/1.1 204 No Content\n")


@pytest.mark.parametrize("status", [400, 401, 403, 500])
def test_prism_error_statuses(api, status):
    example = error_example("token process", status)
    result = api(*PROCESS, "-H", f"Prefer: code={status}")
    assert result.code == 3, result.err
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("authlete: error: HTTP ")
    assert f"HTTP {status} " in lines[0]
    assert f"resultCode {example['resultCode']}: {example['resultMessage']}" in lines[0]
    assert "Traceback" not in result.err


def test_prism_404_on_revoke(api):
    example = error_example("token management revoke", 404)
    result = api("token", "management", "revoke", "-s", SID, "--subject", "nobody", "-H", "Prefer: code=404")
    assert result.code == 3
    assert result.err == (
        f"authlete: error: HTTP 404 Not Found: resultCode {example['resultCode']}: {example['resultMessage']}\n"
    )


def test_prism_rejects_wrong_auth_scheme(api):
    """Prism answers 401 when the Authorization header is not a bearer token."""
    result = api(*PROCESS, "-H", "Authorization: Basic dXNlcjpwYXNz")
    assert result.code == 3
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("authlete: error: HTTP 401 Unauthorized: resultCode A001202")
