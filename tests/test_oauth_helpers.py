"""`authlete oauth ...` and `token process --client-assertion-key`, checked with joserfc's own verification."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from conftest import ROOT
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from joserfc import jwk, jwt
from joserfc.errors import BadSignatureError
from joserfc.jws import JWSRegistry
from test_http_output import FakeAuthlete

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
TOKEN_URL = "https://as.example.com/as/token"


def pem(private, fmt=serialization.PrivateFormat.PKCS8, password: bytes | None = None) -> bytes:
    encryption = serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption()
    return private.private_bytes(serialization.Encoding.PEM, fmt, encryption)


@pytest.fixture(scope="module")
def keys(tmp_path_factory) -> dict[str, tuple[Path, object]]:
    """Private keys on disk, by name, with their cryptography objects."""
    folder = tmp_path_factory.mktemp("keys")
    made = {
        "rsa": (rsa.generate_private_key(public_exponent=65537, key_size=2048), serialization.PrivateFormat.PKCS8),
        "rsa1": (
            rsa.generate_private_key(public_exponent=65537, key_size=2048),
            serialization.PrivateFormat.TraditionalOpenSSL,
        ),
        "p256": (ec.generate_private_key(ec.SECP256R1()), serialization.PrivateFormat.TraditionalOpenSSL),
        "p384": (ec.generate_private_key(ec.SECP384R1()), serialization.PrivateFormat.PKCS8),
        "ed25519": (ed25519.Ed25519PrivateKey.generate(), serialization.PrivateFormat.PKCS8),
    }
    out = {}
    for name, (private, fmt) in made.items():
        path = folder / f"{name}.pem"
        path.write_bytes(pem(private, fmt))
        out[name] = (path, private)
    rsa_key = made["rsa"][0]
    encrypted = folder / "encrypted.pem"
    encrypted.write_bytes(pem(rsa_key, password=b"secret-pass"))
    public = folder / "public.pem"
    public.write_bytes(
        rsa_key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    as_jwk = folder / "p256.jwk"
    as_jwk.write_text(json.dumps(jwk.ECKey.import_key(made["p256"][0]).as_dict(private=True)))
    garbage = folder / "garbage.pem"
    garbage.write_text("-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n")
    out.update({"encrypted": (encrypted, rsa_key), "public": (public, rsa_key), "jwk": (as_jwk, made["p256"][0])})
    out["garbage"] = (garbage, None)
    return out


def public_of(private) -> object:
    if isinstance(private, rsa.RSAPrivateKey):
        return jwk.RSAKey.import_key(private.public_key())
    return jwk.ECKey.import_key(private.public_key())


def b64url_sha256(text: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()


def verify_assertion(token: str, private, alg: str, client_id: str = "c-1", audience: str = TOKEN_URL):
    decoded = jwt.decode(token, public_of(private), algorithms=[alg])
    jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": client_id},
        sub={"essential": True, "value": client_id},
        aud={"essential": True, "value": audience},
        exp={"essential": True},
        iat={"essential": True},
        jti={"essential": True},
    ).validate(decoded.claims)
    assert decoded.header["alg"] == alg
    return decoded


@pytest.mark.parametrize(
    ("name", "alg"), [("rsa", "RS256"), ("rsa1", "RS256"), ("p256", "ES256"), ("p384", "ES384"), ("jwk", "ES256")]
)
def test_client_assertion_default_algorithm_and_claims(cli, keys, name, alg) -> None:
    path, private = keys[name]
    before = int(time.time())
    result = cli("oauth", "client-assertion", "--key", str(path), "--client-id", "c-1", "--audience", TOKEN_URL)
    assert result.code == 0, result.err
    token = result.out.strip()
    assert result.out == token + "\n" and token.count(".") == 2
    decoded = verify_assertion(token, private, alg)
    assert before <= decoded.claims["iat"] <= int(time.time())
    assert decoded.claims["exp"] - decoded.claims["iat"] == 300
    assert "jwk" not in decoded.header  # the key is registered with the client, not sent


def test_client_assertion_options_and_unique_jti(cli, keys) -> None:
    path, private = keys["rsa"]
    args = ("oauth", "client-assertion", "--key", str(path), "--client-id", "c-1", "--audience", TOKEN_URL)
    first = cli(*args, "--alg", "PS256", "--lifetime", "2m", "--kid", "key-7")
    second = cli(*args)
    one = verify_assertion(first.out.strip(), private, "PS256")
    two = verify_assertion(second.out.strip(), private, "RS256")
    assert one.claims["exp"] - one.claims["iat"] == 120
    assert one.header["kid"] == "key-7"
    assert one.claims["jti"] != two.claims["jti"] and len(one.claims["jti"]) >= 22
    # a different key does not verify it: the signature is real
    with pytest.raises(BadSignatureError):
        jwt.decode(first.out.strip(), public_of(keys["rsa1"][1]), algorithms=["PS256"])


def test_the_longest_lifetime_is_a_day(cli, keys) -> None:
    path, private = keys["rsa"]
    args = ("oauth", "client-assertion", "--key", str(path), "--client-id", "c-1", "--audience", TOKEN_URL)
    result = cli(*args, "--lifetime", "24h")
    assert result.code == 0, result.err
    claims = verify_assertion(result.out.strip(), private, "RS256").claims
    assert claims["exp"] - claims["iat"] == 86400


def test_dpop_proof_header_and_claims(cli, keys) -> None:
    path, private = keys["p256"]
    result = cli(
        "oauth",
        "dpop-proof",
        "--key",
        str(path),
        "--htm",
        "POST",
        "--htu",
        "https://rs.example.com/api/x?q=1#frag",
        "--nonce",
        "srv-nonce",
        "--ath",
        "at-123",
    )
    assert result.code == 0, result.err
    token = result.out.strip()
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["typ"] == "dpop+jwt" and header["alg"] == "ES256"
    assert set(header["jwk"]) == {"kty", "crv", "x", "y"}  # public members only
    # verified with the key the header carries, which must be the signer's public key
    decoded = jwt.decode(token, jwk.import_key(header["jwk"], "EC"), algorithms=["ES256"])
    assert header["jwk"] == public_of(private).as_dict(private=False)
    claims = decoded.claims
    assert claims["htm"] == "POST"
    assert claims["htu"] == "https://rs.example.com/api/x"
    assert claims["nonce"] == "srv-nonce"
    assert claims["ath"] == b64url_sha256("at-123")
    assert abs(claims["iat"] - time.time()) < 60 and claims["jti"]


def test_dpop_proof_rsa_without_optional_claims(cli, keys) -> None:
    path, private = keys["rsa"]
    result = cli("oauth", "dpop-proof", "--key", str(path), "--htm", "GET", "--htu", "http://localhost:8080/token")
    token = result.out.strip()
    registry = JWSRegistry(algorithms=["RS256"])
    registry.max_header_length = 2048  # joserfc's default 512 is below an RSA-2048 JWK in the header
    decoded = jwt.decode(token, public_of(private), algorithms=["RS256"], registry=registry)
    assert set(decoded.header["jwk"]) == {"kty", "n", "e"}
    assert "nonce" not in decoded.claims and "ath" not in decoded.claims
    assert decoded.claims["htu"] == "http://localhost:8080/token"


def test_pkce(cli) -> None:
    result = cli("oauth", "pkce")
    assert result.code == 0, result.err
    pair = result.json()
    assert set(pair) == {"code_verifier", "code_challenge", "code_challenge_method"}
    assert pair["code_challenge_method"] == "S256"
    assert 43 <= len(pair["code_verifier"]) <= 128
    assert pair["code_challenge"] == b64url_sha256(pair["code_verifier"])
    assert cli("oauth", "pkce").json()["code_verifier"] != pair["code_verifier"]
    # RFC 7636 appendix B
    known = cli("oauth", "pkce", "--verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").json()
    assert known["code_challenge"] == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("client-assertion", "--key", "{missing}", "--client-id", "c", "--audience", "https://as.example.com"),
            "cannot read the key file: No such file",
        ),
        (
            ("client-assertion", "--key", "{folder}", "--client-id", "c", "--audience", "https://as.example.com"),
            "cannot read the key file",
        ),
        (
            ("client-assertion", "--key", "{garbage}", "--client-id", "c", "--audience", "https://as.example.com"),
            "not a PEM or JWK private key",
        ),
        (
            ("client-assertion", "--key", "{public}", "--client-id", "c", "--audience", "https://as.example.com"),
            "holds a public key",
        ),
        (
            ("client-assertion", "--key", "{encrypted}", "--client-id", "c", "--audience", "https://as.example.com"),
            "encrypted",
        ),
        (
            ("client-assertion", "--key", "{ed25519}", "--client-id", "c", "--audience", "https://as.example.com"),
            "Ed25519 keys are not supported",
        ),
        (
            (
                "client-assertion",
                "--key",
                "{rsa}",
                "--client-id",
                "c",
                "--audience",
                "https://as.example.com",
                "--alg",
                "ES256",
            ),
            "--alg ES256",
        ),
        (
            (
                "client-assertion",
                "--key",
                "{rsa}",
                "--client-id",
                "c",
                "--audience",
                "https://as.example.com",
                "--lifetime",
                "soon",
            ),
            "--lifetime",
        ),
        (
            ("dpop-proof", "--key", "{p256}", "--htm", "POST", "--htu", "not a url"),
            "--htu: 'not a url' is not an absolute",
        ),
        (("dpop-proof", "--key", "{p256}", "--htm", "POST", "--htu", "ftp://x/y"), "not an absolute http(s) URL"),
        (("dpop-proof", "--key", "{p256}", "--htm", "PO ST", "--htu", "https://x/y"), "--htm"),
        (("pkce", "--verifier", "short"), "--verifier"),
        *(
            (
                ("client-assertion", "--key", "{rsa}", "--client-id", "c", "--audience", "https://as.example.com",
                 "--lifetime", lifetime),
                f"--lifetime: '{lifetime}' is longer than the maximum of 24h",
            )  # fmt: skip
            for lifetime in ("25h", "86401", "1441m", "9" * 40 + "h")
        ),
        (("client-assertion", "--key", "{rsa}", "--client-id", "c", "--audience", "as.example.com"), "--audience: 'as"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli, keys, tmp_path, args, message) -> None:
    paths = {name: str(path) for name, (path, _) in keys.items()}
    paths.update(missing=str(tmp_path / "nope.pem"), folder=str(tmp_path))
    result = cli("oauth", *(a.format(**paths) for a in args))
    assert result.code == 2, result.err
    assert result.out == ""
    assert result.err.count("\n") == 1 and message in result.err, result.err
    assert "Traceback" not in result.err and "BEGIN" not in result.err


def form_of(fake: FakeAuthlete) -> dict[str, list[str]]:
    return parse_qs(json.loads(fake.bodies[-1])["parameters"])


@pytest.fixture
def fake():
    with FakeAuthlete() as server:
        server.answer = {"action": "OK", "responseContent": "{}"}
        yield server


def test_token_process_reproduces_seed_004_in_one_command(cli, keys, fake) -> None:
    path, private = keys["rsa"]
    result = cli(
        "token",
        "process",
        "-s",
        "1",
        "--server-url",
        fake.url,
        "--bearer",
        "b",
        "--param",
        "grant_type=authorization_code",
        "--param",
        "code=abc",
        "--param",
        "redirect_uri=https://www.google.com",
        "--param",
        "client_id=c-1",
        "--client-assertion-key",
        str(path),
        "--client-assertion-audience",
        TOKEN_URL,
    )
    assert result.code == 0, result.err
    form = form_of(fake)
    assert set(form) == {"grant_type", "code", "redirect_uri", "client_id", "client_assertion", "client_assertion_type"}
    assert form["client_assertion_type"] == [ASSERTION_TYPE]
    verify_assertion(form["client_assertion"][0], private, "RS256")


def test_token_process_takes_client_id_and_audience_from_the_request(cli, keys, fake) -> None:
    path, private = keys["p256"]
    result = cli(
        "token",
        "process",
        "-s",
        "1",
        "--server-url",
        fake.url,
        "--bearer",
        "b",
        "--parameters",
        "grant_type=client_credentials",
        "--client-id",
        "c-9",
        "--htu",
        TOKEN_URL,
        "--client-assertion-key",
        str(path),
    )
    assert result.code == 0, result.err
    verify_assertion(form_of(fake)["client_assertion"][0], private, "ES256", client_id="c-9")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--param", "grant_type=client_credentials", "--htu", TOKEN_URL), "no client ID"),
        (("--param", "client_id=c", "--param", "grant_type=client_credentials"), "no audience"),
        (("--param", "client_id=c", "--htu", "nope"), "--htu: 'nope' is not an absolute"),
        (("--param", "client_id=c", "--param", "client_assertion=x", "--htu", TOKEN_URL), "already hold"),
    ],
)
def test_token_process_client_assertion_errors(cli, keys, extra, message) -> None:
    result = cli(
        "token",
        "process",
        "-s",
        "1",
        "--server-url",
        "http://127.0.0.1:9",
        "--bearer",
        "b",
        "--client-assertion-key",
        str(keys["rsa"][0]),
        *extra,
    )
    assert result.code == 2 and message in result.err, result.err
    assert result.err.count("\n") == 1


def test_key_material_and_assertion_never_shown_by_debug_or_dry_run(cli, keys, fake) -> None:
    path, _ = keys["rsa"]
    key_lines = [line for line in path.read_text().splitlines() if "-----" not in line]
    for flag in ("--debug", "--dry-run"):
        result = cli(
            "token",
            "process",
            "-s",
            "1",
            "--server-url",
            fake.url,
            "--bearer",
            "b",
            flag,
            "--param",
            "client_id=c-1",
            "--param",
            "grant_type=client_credentials",
            "--htu",
            TOKEN_URL,
            "--client-assertion-key",
            str(path),
        )
        assert result.code == 0, result.err
        assert "client_assertion=" in result.err
        assert not any(line in result.err + result.out for line in key_lines)
        sent = result.err.split("client_assertion=", 1)[1].split("&", 1)[0]
        assert "chars)" in sent and sent.count(".") == 0  # masked: no JWT in the clear


def test_help_lists_the_oauth_commands_and_the_option(cli) -> None:
    root = cli("--help")
    assert "oauth" in root.out
    group = cli("oauth", "--help")
    assert {"client-assertion", "dpop-proof", "pkce"} <= set(group.out.split())
    assert "--client-assertion-key" in cli("token", "process", "--help").out
    assert "--client-assertion-key" not in cli("token", "issue", "--help").out


def test_no_oauth_commands_without_the_root_extension(tmp_path) -> None:
    from test_outcome_extension import small_spec, write

    spec = write(tmp_path, small_spec())
    out = tmp_path / "out"
    gen = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out), "--package", "small"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert gen.returncode == 0, gen.stderr
    env = {"PYTHONPATH": str(out), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-m", "small", "oauth", "pkce"], capture_output=True, text=True, env=env, timeout=60
    )
    assert run.returncode == 2 and "No such command 'oauth'" in run.stderr
    assert "joserfc" not in (out / "pyproject.toml").read_text()


def test_oauth_debug_shows_what_is_signed_but_never_the_key(cli, keys) -> None:
    path, _ = keys["p256"]
    result = cli("oauth", "dpop-proof", "--key", str(path), "--htm", "POST", "--htu", TOKEN_URL, "--debug")
    assert result.code == 0, result.err
    shown = json.loads(result.err)
    assert shown["header"]["typ"] == "dpop+jwt" and shown["claims"]["htu"] == TOKEN_URL
    assert "d" not in shown["header"]["jwk"]
    key_lines = [line for line in path.read_text().splitlines() if "-----" not in line]
    assert not any(line in result.err for line in key_lines)
    private_d = json.loads(keys["jwk"][0].read_text())["d"]
    jwk_run = cli(
        "oauth",
        "client-assertion",
        "--key",
        str(keys["jwk"][0]),
        "--client-id",
        "c",
        "--audience",
        "https://as.example.com",
        "-d",
    )
    assert jwk_run.code == 0 and private_d not in jwk_run.err + jwk_run.out
