"""Secrets never reach the terminal in full: --dry-run and --debug show masked requests."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

REFUSED = "http://127.0.0.1:9"  # nothing listens there: --debug prints the request, then exit 4

BEARER = "BEARERsecret-9f8e7d6c5b4a3210zyxwv"
CLIENT_SECRET = "CLIENTsecret-gXz97ISgLs4HuXwOZWch8GEmgL4Y"
FORM_SECRETS = {
    "client_secret": "FORMclientsecret-a1b2c3d4e5f6g7h8",
    "password": "FORMpassword-hunter2hunter2hunter2",
    "client_assertion": "FORMassertion-eyJhbGciOiJSUzI1NiJ9.payload.sig",
    "refresh_token": "FORMrefresh-60k0cZ38sJcpTgdxvG9Sqa",
    "code": "FORMcode-Xv_su944auuBgc5mfUnxXayiiQU9",
}
INTROSPECTED = "INTROtoken-VFGsNK-5sXiqterdaR7b5QbRX9VTw"


def _parameters() -> str:
    pairs = [("grant_type", "password"), ("username", "john"), *FORM_SECRETS.items()]
    return "&".join(f"{k}={quote(v, safe='')}" for k, v in pairs)


def _modes():
    return [
        pytest.param(["--dry-run"], 0, id="dry-run"),
        pytest.param(["--debug", "--server-url", REFUSED], 4, id="debug"),
    ]


def _assert_hidden(r, *secrets: str) -> None:
    text = r.out + r.err
    assert "Traceback" not in text
    for secret in secrets:
        assert secret not in text, f"{secret!r} printed in full:\n{text}"
        # nor percent-encoded as sent in a form string
        assert quote(secret, safe="") not in text, f"{secret!r} printed (encoded):\n{text}"


def _assert_request_shown(r) -> None:
    assert re.search(r"^(Dry run: |> )POST http\S+/api/1/", r.err, re.M), f"the request was not shown:\n{r.err}"


@pytest.mark.parametrize(("mode", "code"), _modes())
def test_bearer_flag_masked(cli, mode, code):
    r = cli("token", "process", "-s", "1", "--parameters", "a=b", "--bearer", BEARER, *mode)
    assert r.code == code, r.err
    _assert_request_shown(r)
    _assert_hidden(r, BEARER)
    assert "Authorization: Bearer " in r.err
    assert "Bearer BEAR" in r.err  # a short prefix tells tokens apart


@pytest.mark.parametrize(("mode", "code"), _modes())
def test_bearer_from_env_masked(cli, mode, code):
    r = cli("token", "process", "-s", "1", "--parameters", "a=b", *mode, env={"AUTHLETE_BEARER": BEARER})
    assert r.code == code, r.err
    _assert_request_shown(r)
    _assert_hidden(r, BEARER)


@pytest.mark.parametrize(("mode", "code"), _modes())
def test_bearer_from_config_masked(cli, tmp_path, mode, code):
    path = tmp_path / ".config" / "authlete" / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(f"bearer: {BEARER}\n", encoding="utf-8")
    r = cli("token", "process", "-s", "1", "--parameters", "a=b", *mode)
    assert r.code == code, r.err
    _assert_request_shown(r)
    _assert_hidden(r, BEARER)


@pytest.mark.parametrize(("mode", "code"), _modes())
def test_client_secret_flag_masked(cli, mode, code):
    r = cli(
        "token",
        "process",
        "-s",
        "1",
        "--parameters",
        "a=b",
        "--bearer",
        BEARER,
        "--client-secret",
        CLIENT_SECRET,
        *mode,
    )
    assert r.code == code, r.err
    _assert_request_shown(r)
    _assert_hidden(r, CLIENT_SECRET, BEARER)
    assert '"clientSecret"' in r.err


@pytest.mark.parametrize(("mode", "code"), _modes())
def test_client_secret_in_body_masked(cli, mode, code):
    body = json.dumps({"parameters": "a=b", "clientSecret": CLIENT_SECRET})
    r = cli("token", "process", "-s", "1", "--body", body, "--bearer", BEARER, *mode)
    assert r.code == code, r.err
    _assert_request_shown(r)
    _assert_hidden(r, CLIENT_SECRET)


@pytest.mark.parametrize(("mode", "code"), _modes())
def test_secrets_inside_parameters_masked(cli, mode, code):
    r = cli("token", "process", "-s", "1", "--parameters", _parameters(), "--bearer", BEARER, *mode)
    assert r.code == code, r.err
    _assert_request_shown(r)
    _assert_hidden(r, BEARER, *FORM_SECRETS.values())
    assert "username=john" in r.err  # non-secret parameters stay readable
    assert "grant_type=password" in r.err


@pytest.mark.parametrize(("mode", "code"), _modes())
def test_secrets_given_with_param_masked(cli, mode, code):
    params = [arg for k, v in FORM_SECRETS.items() for arg in ("--param", f"{k}={v}")]
    r = cli("token", "process", "-s", "1", "--param", "grant_type=password", *params, "--bearer", BEARER, *mode)
    assert r.code == code, r.err
    _assert_request_shown(r)
    _assert_hidden(r, BEARER, *FORM_SECRETS.values())


@pytest.mark.parametrize(("mode", "code"), _modes())
def test_secrets_in_standard_introspection_parameters_masked(cli, mode, code):
    r = cli(
        "introspection", "standard-process", "-s", "1", "--param", f"token={INTROSPECTED}", "--bearer", BEARER, *mode
    )
    assert r.code == code, r.err
    _assert_request_shown(r)
    _assert_hidden(r, BEARER, INTROSPECTED)


@pytest.mark.parametrize(("mode", "code"), _modes())
def test_introspected_token_masked(cli, mode, code):
    r = cli("introspection", "process", "-s", "1", "--token", INTROSPECTED, "--bearer", BEARER, *mode)
    assert r.code == code, r.err
    _assert_request_shown(r)
    _assert_hidden(r, BEARER, INTROSPECTED)
    assert '"token": "INTR' in r.err


@pytest.mark.parametrize(("mode", "code"), _modes())
def test_other_token_fields_masked(cli, mode, code):
    access = "ACCESStoken-C4SrUTijIj2IxqE1xBASr3dxQWg"
    refresh = "REFRESHtoken-60k0cZ38sJcpTgdxvG9Sqa-3RG5"
    r = cli(
        "token",
        "management",
        "reissue-id-token",
        "-s",
        "1",
        "--access-token",
        access,
        "--refresh-token",
        refresh,
        "--bearer",
        BEARER,
        *mode,
    )
    assert r.code == code, r.err
    _assert_request_shown(r)
    _assert_hidden(r, BEARER, access, refresh)


@pytest.mark.parametrize(("mode", "code"), _modes())
def test_secret_custom_headers_masked(cli, mode, code):
    api_key = "APIKEYsecret-0123456789abcdef"
    r = cli(
        "token",
        "process",
        "-s",
        "1",
        "--parameters",
        "a=b",
        "--bearer",
        BEARER,
        "-H",
        f"X-Api-Key: {api_key}",
        "-H",
        "X-Trace: visible-1",
        *mode,
    )
    assert r.code == code, r.err
    _assert_request_shown(r)
    _assert_hidden(r, BEARER, api_key)
    assert "X-Trace: visible-1" in r.err


def test_header_overriding_authorization_masked(cli):
    other = "OTHERbearer-zyxwvutsrq0987654321"
    r = cli(
        "token",
        "process",
        "-s",
        "1",
        "--parameters",
        "a=b",
        "--bearer",
        BEARER,
        "-H",
        f"Authorization: Bearer {other}",
        "--dry-run",
    )
    assert r.code == 0, r.err
    _assert_hidden(r, BEARER, other)


def test_configure_show_masks_token(cli):
    assert cli("configure", "--bearer", BEARER, "--service-id", "1").code == 0
    r = cli("configure", "--show")
    assert r.code == 0, r.err
    _assert_hidden(r, BEARER)
    assert "BEAR" in r.out


def test_debug_connection_error_does_not_leak(cli):
    r = cli(
        "token",
        "process",
        "-s",
        "1",
        "--parameters",
        _parameters(),
        "--bearer",
        BEARER,
        "--debug",
        "--server-url",
        REFUSED,
        "--agent-mode",
    )
    assert r.code == 4, r.err
    _assert_hidden(r, BEARER, *FORM_SECRETS.values())
