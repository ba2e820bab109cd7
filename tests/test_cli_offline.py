"""The CLI without a server: requests shown by --dry-run, settings precedence, errors, configure, completion."""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml

TP = ("token", "process")
SERVICE = ("-s", "715948317")


@dataclass
class Request:
    method: str
    url: str
    headers: dict[str, str]
    body: Any

    @property
    def query(self) -> dict[str, str]:
        return dict(parse_qsl(urlsplit(self.url).query, keep_blank_values=True))

    @property
    def path(self) -> str:
        return urlsplit(self.url).path


def parse_dry_run(err: str) -> Request:
    """The request printed by --dry-run: 'Dry run: METHOD URL', header lines, blank line, JSON body."""
    lines = err.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("Dry run: ")]
    assert len(starts) == 1, f"expected one 'Dry run:' line in stderr:\n{err}"
    start = starts[0]
    method, url = lines[start][len("Dry run: ") :].split(" ", 1)
    headers: dict[str, str] = {}
    index = start + 1
    while index < len(lines) and lines[index] != "":
        name, sep, value = lines[index].partition(": ")
        assert sep, f"not a header line: {lines[index]!r}"
        headers[name] = value
        index += 1
    text = "\n".join(lines[index + 1 :]).strip()
    body = json.loads(text) if text else None
    return Request(method, url, headers, body)


def dry(cli, *args: str, env: dict[str, str] | None = None, input: str | None = None) -> Request:
    r = cli(*args, "--dry-run", env=env, input=input)
    assert r.code == 0, f"exit {r.code}: {r.err}"
    assert r.out == "", "a dry run prints nothing on stdout"
    return parse_dry_run(r.err)


def assert_usage_error(r, *needles: str) -> str:
    """Exit 2, nothing on stdout, exactly one stderr line 'authlete: error: ...'."""
    assert r.code == 2, f"exit {r.code}\nstdout: {r.out}\nstderr: {r.err}"
    assert "Traceback" not in r.err and "Traceback" not in r.out
    assert r.out == ""
    lines = [line for line in r.err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one stderr line, got:\n{r.err}"
    assert lines[0].startswith("authlete: error:"), lines[0]
    for needle in needles:
        assert needle in lines[0], f"{needle!r} not in {lines[0]!r}"
    return lines[0]


def write_config(home: Path, **values: Any) -> Path:
    path = home / ".config" / "authlete" / "config.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(values), encoding="utf-8")
    path.chmod(0o600)  # as `configure` writes it; a wider mode draws a warning
    return path


# --------------------------------------------------------------------------- body from flags


def test_flags_map_to_camel_case_body_fields_with_types(cli):
    req = dry(
        cli,
        *TP,
        *SERVICE,
        "--parameters",
        "grant_type=client_credentials",
        "--client-id",
        "26478243745571",
        "--access-token-duration",
        "3600",
        "-r",
        "7200",
        "-j",
        '{"x":1}',
        "--client-certificate-path",
        "CERT-A",
        "--client-certificate-path",
        "CERT-B",
        "--cimd-options",
        '{"alwaysRetrieved": true, "httpPermitted": false}',
        "--dpop-nonce-required",
        "--oauth-client-attestation-pop",
        "pop",
        "--htm",
        "POST",
    )
    assert req.method == "POST"
    assert req.url == "https://us.authlete.com/api/715948317/auth/token"
    assert req.headers["Content-Type"] == "application/json"
    assert req.headers["Accept"] == "application/json"
    assert req.body == {
        "parameters": "grant_type=client_credentials",
        "clientId": "26478243745571",
        "accessTokenDuration": 3600,
        "refreshTokenDuration": 7200,
        "jwtAtClaims": '{"x":1}',
        "clientCertificatePath": ["CERT-A", "CERT-B"],
        "cimdOptions": {"alwaysRetrieved": True, "httpPermitted": False},
        "dpopNonceRequired": True,
        "oauthClientAttestationPop": "pop",
        "htm": "POST",
    }


def test_single_client_certificate_path_is_still_a_list(cli):
    req = dry(cli, *TP, *SERVICE, "--parameters", "a=b", "--client-certificate-path", "ONLY")
    assert req.body["clientCertificatePath"] == ["ONLY"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--dpop-nonce-required"], True),
        (["--dpop-nonce-required=true"], True),
        (["--dpop-nonce-required=false"], False),
        ([], None),
    ],
)
def test_optional_boolean_flag(cli, args, expected):
    req = dry(cli, *TP, *SERVICE, "--parameters", "a=b", *args)
    assert req.body.get("dpopNonceRequired") is expected
    assert ("dpopNonceRequired" in req.body) == (expected is not None)


def test_bare_boolean_flag_followed_by_another_option(cli):
    req = dry(cli, *TP, *SERVICE, "--dpop-nonce-required", "--parameters", "a=b")
    assert req.body == {"parameters": "a=b", "dpopNonceRequired": True}


def test_integer_and_repeatable_fields_of_other_commands(cli):
    req = dry(
        cli,
        "introspection",
        "process",
        *SERVICE,
        "--token",
        "TOKENvalue-0123456789",
        "--scopes",
        "a",
        "--scopes",
        "b",
        "--max-age",
        "60",
        "--request-body-contained=false",
        "--headers",
        '[{"key":"k","value":"v"}]',
    )
    assert req.url.endswith("/api/715948317/auth/introspection")
    assert req.body.pop("token").startswith("TOKE")  # shown masked
    assert req.body == {
        "scopes": ["a", "b"],
        "maxAge": 60,
        "requestBodyContained": False,
        "headers": [{"key": "k", "value": "v"}],
    }


def test_enum_flag_and_integer_client_id(cli):
    req = dry(
        cli,
        "token",
        "management",
        "create",
        *SERVICE,
        "--grant-type",
        "PASSWORD",
        "--client-id",
        "42",
        "--access-token-persistent",
    )
    assert req.body == {"grantType": "PASSWORD", "clientId": 42, "accessTokenPersistent": True}


# --------------------------------------------------------------------------- --body


def test_flag_overrides_body_field(cli):
    req = dry(cli, *TP, *SERVICE, "--body", '{"parameters":"a=b","clientId":"x"}', "--client-id", "y")
    assert req.body == {"parameters": "a=b", "clientId": "y"}


def test_body_alone_supplies_required_field(cli):
    req = dry(cli, *TP, *SERVICE, "--body", '{"parameters":"a=b","clientSecret":"s"}')
    assert req.body["parameters"] == "a=b"
    assert "clientSecret" in req.body


def test_body_from_stdin(cli):
    req = dry(cli, *TP, *SERVICE, "--body", "-", input='{"parameters": "grant_type=x", "htu": "https://as/token"}')
    assert req.body == {"parameters": "grant_type=x", "htu": "https://as/token"}


def test_body_from_file(cli, tmp_path):
    path = tmp_path / "body.json"
    path.write_text(json.dumps({"parameters": "grant_type=y", "accessTokenDuration": 5}), encoding="utf-8")
    req = dry(cli, *TP, *SERVICE, "--body", f"@{path}")
    assert req.body == {"parameters": "grant_type=y", "accessTokenDuration": 5}


def test_body_file_missing_is_usage_error(cli, tmp_path):
    r = cli(*TP, *SERVICE, "--body", f"@{tmp_path / 'nope.json'}", "--dry-run")
    assert_usage_error(r, "--body")


def test_array_body_for_create_batch(cli):
    batch = [{"grantType": "CLIENT_CREDENTIALS", "clientId": 1, "scopes": ["a"]}]
    req = dry(cli, "token", "management", "create-batch", *SERVICE, "--body", json.dumps(batch))
    assert req.body == batch
    assert req.path == "/api/715948317/auth/token/create/batch"


# --------------------------------------------------------------------------- --param


def test_param_builds_url_encoded_parameters(cli):
    req = dry(
        cli,
        *TP,
        *SERVICE,
        "--param",
        "grant_type=authorization_code",
        "--param",
        "state=abc",
        "--param",
        "redirect_uri=https://my client.example.com/cb?x=1&y=2",
    )
    parameters = req.body["parameters"]
    assert " " not in parameters and "://" not in parameters
    assert parameters.count("&") == 2  # the '&' inside the value is encoded
    assert parse_qsl(parameters, strict_parsing=True) == [
        ("grant_type", "authorization_code"),
        ("state", "abc"),
        ("redirect_uri", "https://my client.example.com/cb?x=1&y=2"),
    ]


def test_param_appends_to_parameters_flag(cli):
    req = dry(cli, *TP, *SERVICE, "--parameters", "grant_type=refresh_token", "--param", "scope=a b")
    parameters = req.body["parameters"]
    assert parameters.startswith("grant_type=refresh_token&")
    assert parse_qsl(parameters) == [("grant_type", "refresh_token"), ("scope", "a b")]


def test_param_appends_to_parameters_from_body(cli):
    req = dry(cli, *TP, *SERVICE, "--body", '{"parameters":"grant_type=password"}', "--param", "username=u")
    assert parse_qsl(req.body["parameters"]) == [("grant_type", "password"), ("username", "u")]


def test_param_value_may_contain_equals(cli):
    req = dry(cli, *TP, *SERVICE, "--param", "state=a=b")
    assert parse_qsl(req.body["parameters"]) == [("state", "a=b")]


# --------------------------------------------------------------------------- URL and server selection


@pytest.mark.parametrize(
    ("args", "base"),
    [
        ([], "https://us.authlete.com"),
        (["--server", "jp"], "https://jp.authlete.com"),
        (["--server", "2"], "https://eu.authlete.com"),
        (["--server", "0"], "https://us.authlete.com"),
        (["--server", "br"], "https://br.authlete.com"),
        (["--server-url", "http://x:1"], "http://x:1"),
        (["--server-url", "http://x:1/"], "http://x:1"),
        (["--server", "jp", "--server-url", "http://x:1"], "http://x:1"),
    ],
)
def test_server_selection(cli, args, base):
    req = dry(cli, *TP, *SERVICE, "--parameters", "a=b", *args)
    assert req.url == f"{base}/api/715948317/auth/token"


def test_server_url_from_env(cli):
    req = dry(cli, *TP, *SERVICE, "--parameters", "a=b", env={"AUTHLETE_SERVER_URL": "http://env.example:8080"})
    assert req.url == "http://env.example:8080/api/715948317/auth/token"


def test_config_file_supplies_server_service_and_bearer(cli, tmp_path):
    write_config(tmp_path, server_url="http://conf.example:1", service_id="555", bearer="CONFbearer-0123456789")
    req = dry(cli, *TP, "--parameters", "a=b")
    assert req.url == "http://conf.example:1/api/555/auth/token"
    assert req.headers["Authorization"].startswith("Bearer CONF")
    assert "CONFbearer-0123456789" not in req.headers["Authorization"]


def test_precedence_flag_env_config(cli, tmp_path):
    write_config(tmp_path, server_url="http://conf.example:1", service_id="111", bearer="CONFbearer-0123456789")
    env = {
        "AUTHLETE_SERVER_URL": "http://env.example:2",
        "AUTHLETE_SERVICE_ID": "222",
        "AUTHLETE_BEARER": "ENVVbearer-0123456789",
    }
    req = dry(cli, *TP, "--parameters", "a=b", env=env)
    assert req.url == "http://env.example:2/api/222/auth/token"
    assert req.headers["Authorization"].startswith("Bearer ENVV")
    req = dry(
        cli,
        *TP,
        "--parameters",
        "a=b",
        "--server-url",
        "http://flag.example:3",
        "-s",
        "333",
        "--bearer",
        "FLAGbearer-0123456789",
        env=env,
    )
    assert req.url == "http://flag.example:3/api/333/auth/token"
    assert req.headers["Authorization"].startswith("Bearer FLAG")
    # --server (a flag) also beats the environment and the config file
    req = dry(cli, *TP, "--parameters", "a=b", "--server", "jp", env=env)
    assert req.url == "https://jp.authlete.com/api/222/auth/token"


def test_service_id_from_env(cli):
    req = dry(cli, *TP, "--parameters", "a=b", env={"AUTHLETE_SERVICE_ID": "9876"})
    assert req.path == "/api/9876/auth/token"


def test_no_bearer_means_no_authorization_header(cli):
    req = dry(cli, *TP, *SERVICE, "--parameters", "a=b")
    assert "Authorization" not in req.headers


def test_user_agent_header(cli):
    req = dry(cli, *TP, *SERVICE, "--parameters", "a=b")
    assert re.fullmatch(r"authlete/\S+", req.headers["User-Agent"])


# --------------------------------------------------------------------------- global options anywhere


def test_global_options_before_command_words(cli):
    r = cli("--dry-run", "--server", "jp", *TP, *SERVICE, "--parameters", "a=b")
    assert r.code == 0, r.err
    assert parse_dry_run(r.err).url == "https://jp.authlete.com/api/715948317/auth/token"


def test_global_options_after_command_words(cli):
    r = cli(*TP, *SERVICE, "--parameters", "a=b", "--dry-run", "-o", "json")
    assert r.code == 0, r.err
    assert parse_dry_run(r.err).body == {"parameters": "a=b"}


def test_global_options_between_group_words(cli):
    r = cli("token", "--dry-run", "process", *SERVICE, "--parameters", "a=b")
    assert r.code == 0, r.err
    assert parse_dry_run(r.err).body == {"parameters": "a=b"}


def test_bare_agent_mode_before_command_words(cli):
    """--agent-mode alone is a boolean flag (as in the seed): it must not swallow the command word."""
    r = cli("--agent-mode", *TP, *SERVICE, "--parameters", "a=b", "--dry-run")
    assert r.code == 0, r.err
    assert parse_dry_run(r.err).body == {"parameters": "a=b"}


def test_custom_headers_appear_in_request(cli):
    req = dry(cli, *TP, *SERVICE, "--parameters", "a=b", "-H", "X-Trace: 1", "--header", "X-Other:two")
    assert req.headers["X-Trace"] == "1"
    assert req.headers["X-Other"] == "two"


# --------------------------------------------------------------------------- query and path parameters


def test_list_query_params_in_url(cli):
    req = dry(cli, "token", "management", "list", *SERVICE, "--start", "0", "--end", "5", "--subject", "john")
    assert req.method == "GET"
    assert req.path == "/api/715948317/auth/token/get/list"
    assert req.query == {"start": "0", "end": "5", "subject": "john"}
    assert req.body is None
    assert "Content-Type" not in req.headers


def test_list_query_value_is_encoded(cli):
    req = dry(cli, "token", "management", "list", *SERVICE, "--client-identifier", "a b&c=d")
    assert req.query == {"clientIdentifier": "a b&c=d"}


def test_create_batch_dry_run_query(cli):
    req = dry(cli, "token", "management", "create-batch", *SERVICE, "--body", "[]", "--batch-dry-run")
    assert req.query == {"dryRun": "true"}
    req = dry(cli, "token", "management", "create-batch", *SERVICE, "--body", "[]", "--batch-dry-run=false")
    assert req.query == {"dryRun": "false"}
    req = dry(cli, "token", "management", "create-batch", *SERVICE, "--body", "[]")
    assert req.query == {}


def test_delete_path_param_percent_encoded(cli):
    # the identifier is a token: --dry-run masks it (what the server sees is in test_hostile.py)
    req = dry(cli, "token", "management", "delete", *SERVICE, "--access-token-identifier", "a/b c?d#e%-and-more")
    assert req.method == "DELETE"
    assert urlsplit(req.url).path.startswith("/api/715948317/auth/token/delete/a%2F")
    assert "c%3Fd" not in req.url and "and-more" not in req.url
    assert urlsplit(req.url).query == "" and urlsplit(req.url).fragment == ""


def test_service_id_percent_encoded(cli):
    req = dry(cli, *TP, "-s", "a/b", "--parameters", "a=b")
    assert req.path == "/api/a%2Fb/auth/token"


# --------------------------------------------------------------------------- errors: exit 2, one line


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ([*SERVICE, "--body", "{bad"], "--body"),
        ([*SERVICE, "--parameters", "a=b", "--cimd-options", "{bad"], "--cimd-options"),
        ([*SERVICE, "--parameters", "a=b", "--cimd-options", "[1]"], "--cimd-options"),
        ([*SERVICE, "--parameters", "a=b", "--access-token-duration", "abc"], "--access-token-duration"),
        (["--parameters", "a=b"], "--service-id"),
        ([*SERVICE], "--parameters"),
        ([*SERVICE, "--body", '{"clientId":"x"}'], "--parameters"),
        ([*SERVICE, "--parameters", "a=b", "-o", "xml"], "xml"),
        ([*SERVICE, "--parameters", "a=b", "--timeout", "abc"], "--timeout"),
        ([*SERVICE, "--parameters", "a=b", "-H", "nocolon"], "--header"),
        ([*SERVICE, "--parameters", "a=b", "--server", "zz"], "--server"),
        ([*SERVICE, "--parameters", "a=b", "--server", "9"], "--server"),
        ([*SERVICE, "--parameters", "a=b", "--server-url", "ftp://x"], "--server-url"),
        ([*SERVICE, "--parameters", "a=b", "-q", ".["], "--jq"),
        ([*SERVICE, "--body", "[1]"], "--body"),
        ([*SERVICE, "--parameters", "a=b", "--param", "noequals"], "--param"),
        ([*SERVICE, "--parameters", "a=b", "--nope"], "--nope"),
        ([*SERVICE, "--parameters", "a=b", "--dpop-nonce-required=maybe"], "--dpop-nonce-required"),
        ([*SERVICE, "--parameters", "a=b", "-H", "X-A: a\r\nEvil: b"], "--header"),
        ([*SERVICE, "--param", "=v"], "--param"),
        ([*SERVICE, "--parameters", "a=b", "--timeout", "0"], "--timeout"),
    ],
)
def test_token_process_usage_errors(cli, args, needle):
    r = cli(*TP, *args, "--dry-run")
    assert_usage_error(r, needle)


def test_unknown_enum_value(cli):
    r = cli("token", "fail", *SERVICE, "--ticket", "t", "--reason", "NOPE", "--dry-run")
    assert_usage_error(r, "--reason", "NOPE")


def test_unknown_command(cli):
    assert_usage_error(cli("tokn", "process"), "tokn")


@pytest.mark.parametrize(
    "args",
    [
        ("token", "process", "-s", "", "--parameters", "a=b"),
        ("token", "management", "delete", *SERVICE, "--access-token-identifier", ""),
        ("token", "management", "batch-status", "-s", "", "--token-batch-request-id", "r1"),
    ],
)
def test_empty_path_parameter_is_usage_error(cli, args):
    """An empty path segment would silently address another URL (/api//auth/token)."""
    assert_usage_error(cli(*args, "--dry-run"))


def test_missing_service_id_message_names_env_var(cli):
    line = assert_usage_error(cli(*TP, "--parameters", "a=b", "--dry-run"))
    assert "-s" in line and "AUTHLETE_SERVICE_ID" in line


def test_bad_server_url_from_env_and_config(cli, tmp_path):
    r = cli(*TP, *SERVICE, "--parameters", "a=b", "--dry-run", env={"AUTHLETE_SERVER_URL": "ftp://x"})
    assert_usage_error(r, "AUTHLETE_SERVER_URL")
    write_config(tmp_path, server_url="not a url")
    assert_usage_error(cli(*TP, *SERVICE, "--parameters", "a=b", "--dry-run"), "server_url")


def test_broken_config_file(cli, tmp_path):
    path = tmp_path / ".config" / "authlete" / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("bearer: [unclosed\n", encoding="utf-8")
    path.chmod(0o600)
    assert_usage_error(cli(*TP, *SERVICE, "--parameters", "a=b", "--dry-run"), "config")


def test_array_body_rejects_object(cli):
    r = cli("token", "management", "create-batch", *SERVICE, "--body", "{}", "--dry-run")
    assert_usage_error(r, "--body")


def test_model_validation_names_the_flag(cli):
    r = cli(
        "token",
        "management",
        "create",
        *SERVICE,
        "--grant-type",
        "PASSWORD",
        "--client-id",
        "1",
        "--properties",
        '{"a":1}',
        "--dry-run",
    )
    assert_usage_error(r, "--properties")


def test_missing_bearer_without_dry_run(cli):
    r = cli(*TP, *SERVICE, "--parameters", "a=b", "--server-url", "http://127.0.0.1:9")
    line = assert_usage_error(r)
    assert "AUTHLETE_BEARER" in line and "configure" in line


# --------------------------------------------------------------------------- agent mode


def _agent_error(r) -> dict[str, Any]:
    assert r.code == 2, r.err
    assert "Traceback" not in r.err
    assert r.out == ""
    lines = [line for line in r.err.splitlines() if line.strip()]
    assert len(lines) == 1, r.err
    payload = json.loads(lines[0])
    assert isinstance(payload, dict)
    # the fields may sit at the top level or inside one "error" envelope
    error = payload["error"] if set(payload) == {"error"} else payload
    assert {"code", "message", "hint", "exit_code"} <= set(error), error
    assert error["exit_code"] == 2
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["code"], str) and error["code"]
    return error


def test_agent_mode_flag_gives_json_error(cli):
    error = _agent_error(cli(*TP, *SERVICE, "--body", "{bad", "--dry-run", "--agent-mode"))
    assert "--body" in error["message"]


def test_agent_mode_from_env(cli):
    error = _agent_error(cli(*TP, *SERVICE, "--body", "{bad", "--dry-run", env={"CLAUDECODE": "1"}))
    assert "--body" in error["message"]


def test_agent_mode_for_click_usage_errors(cli):
    error = _agent_error(cli(*TP, *SERVICE, "--parameters", "a=b", "--access-token-duration", "x", "--agent-mode"))
    assert "--access-token-duration" in error["message"]


def test_agent_mode_false_turns_it_off(cli):
    r = cli(*TP, *SERVICE, "--body", "{bad", "--dry-run", "--agent-mode=false", env={"CLAUDECODE": "1"})
    assert_usage_error(r, "--body")


# --------------------------------------------------------------------------- version, configure, completion


def test_version(cli):
    r = cli("--version")
    assert r.code == 0, r.err
    assert r.out.startswith("authlete ")
    from authlete_cli import _table

    assert _table.CLI_VERSION in r.out


def test_configure_writes_private_file_and_is_used(cli, tmp_path):
    token = "CFGtoken-abcdefghijklmnop"
    r = cli("configure", "--bearer", token, "--server-url", "http://h:1", "--service-id", "9")
    assert r.code == 0, r.err
    path = tmp_path / ".config" / "authlete" / "config.yaml"
    assert path.is_file()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["bearer"] == token
    assert data["server_url"] == "http://h:1"
    assert str(data["service_id"]) == "9"
    assert token not in r.out + r.err

    shown = cli("configure", "--show")
    assert shown.code == 0, shown.err
    assert token not in shown.out + shown.err
    assert "CFGt" in shown.out  # a short prefix identifies it
    assert "http://h:1" in shown.out
    assert re.search(r"^service_id: '?9'?$", shown.out, re.M)

    req = dry(cli, *TP, "--parameters", "a=b")
    assert req.url == "http://h:1/api/9/auth/token"
    assert req.headers["Authorization"].startswith("Bearer CFGt")


def test_configure_updates_keep_other_keys(cli, tmp_path):
    assert cli("configure", "--bearer", "FIRSTtoken-0123456789").code == 0
    assert cli("configure", "--service-id", "77").code == 0
    data = yaml.safe_load((tmp_path / ".config" / "authlete" / "config.yaml").read_text())
    assert data["bearer"] == "FIRSTtoken-0123456789"
    assert str(data["service_id"]) == "77"


def test_configure_prints_no_warnings(cli):
    r = cli("configure", "--bearer", "WARNtoken-0123456789", "--server-url", "http://h:1", "--service-id", "9")
    assert r.code == 0, r.err
    assert r.err == "", f"configure wrote to stderr:\n{r.err}"


def test_configure_rejects_bad_url(cli, tmp_path):
    assert_usage_error(cli("configure", "--server-url", "ftp://x"), "--server-url")
    assert not (tmp_path / ".config" / "authlete" / "config.yaml").exists()


def test_configure_nothing_to_save(cli):
    assert_usage_error(cli("configure", "--no-interactive"))


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(cli, shell):
    r = cli("completion", shell)
    assert r.code == 0, r.err
    assert r.out.strip()
    assert "_AUTHLETE_COMPLETE" in r.out


def test_completion_unknown_shell(cli):
    assert_usage_error(cli("completion", "tcsh"))


def _instruction(script: str) -> str:
    match = re.search(r"_AUTHLETE_COMPLETE=(\w+)", script)
    assert match, script
    return match.group(1)


def test_bash_completion_completes_command_words(cli):
    env = {"_AUTHLETE_COMPLETE": "bash_complete", "COMP_WORDS": "authlete tok", "COMP_CWORD": "1"}
    r = cli(env=env)
    assert r.code == 0, r.err
    assert "plain,token" in r.out.splitlines()


@pytest.mark.parametrize(
    ("shell", "words", "cword", "expected"),
    [
        ("bash", "authlete tok", "1", "token"),
        ("bash", "authlete token pro", "2", "process"),
        ("bash", "authlete token process --ser", "3", "--service-id"),
        ("zsh", "authlete intro", "1", "introspection"),
        ("fish", "authlete token man", "man", "management"),
    ],
)
def test_completion_protocol_of_the_printed_script(cli, shell, words, cword, expected):
    """Drive the CLI exactly as its own printed script does."""
    instruction = _instruction(cli("completion", shell).out)
    r = cli(env={"_AUTHLETE_COMPLETE": instruction, "COMP_WORDS": words, "COMP_CWORD": cword})
    assert r.code == 0, r.err
    values = re.split(r"[\n,\t]", r.out)
    assert expected in values, r.out


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["token", "process", "--service-id"], "authlete token process"),
        (["token", "management", "list", "-s"], "authlete token management list"),
        (["token", "process", "-s", "1", "--parameters", "x", "--timeout"], "authlete token process"),
        (["token", "--timeout"], "authlete token"),
        (["--timeout"], "authlete"),
        (["configure", "--bearer"], "authlete configure"),
        (["auth", "login", "--bearer"], "authlete auth login"),
    ],
)
def test_an_option_missing_its_value_points_at_the_help_of_its_command(cli, args, where):
    line = assert_usage_error(cli(*args), "requires an argument")
    assert line.endswith(f"(see '{where} --help')"), line
