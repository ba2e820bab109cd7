"""OAuth helper commands (``oauth client-assertion``, ``oauth dpop-proof``, ``oauth pkce``) and
``--client-assertion-key`` for the commands the spec's ``x-cli-oauth`` names.

They are not operations of the API: they make what a client would send to your
authorization server (RFC 7523 client assertions, RFC 9449 DPoP proofs, RFC 7636
PKCE pairs), so ``token process`` can be fed real requests. Signing is joserfc's,
imported only when a key is used. Key material never reaches the output: errors
name the file, never its content.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import time
import warnings
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import click

from .errors import EXIT_USAGE, CliError
from .oauth_options import META_KEY

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
# Signing algorithms by key type; the first is the default (EC: by curve).
_RSA_ALGS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
_EC_ALGS = {"P-256": "ES256", "P-384": "ES384", "P-521": "ES512"}
_DURATION = re.compile(r"^\s*(\d+)\s*(s|m|h)?\s*$")
_METHOD = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
_VERIFIER = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")
_ACCESS_TOKEN = re.compile(r"^[A-Za-z0-9\-._~+/]+=*$")  # RFC 6750's b64token, as DPoP presents it
_MAX_KEY_FILE = 1 << 20
_NONCE = re.compile(r"^[\x21\x23-\x5B\x5D-\x7E]+$")  # RFC 9449's 1*NQCHAR
_MIN_RSA_BITS = 2048
MAX_LIFETIME = 24 * 3600  # seconds a client assertion may live: see parse_lifetime


@dataclass(frozen=True)
class SigningKey:
    """A private key ready for joserfc, its type and the algorithms it can sign with."""

    key: Any  # joserfc RSAKey or ECKey
    kind: str  # "RSA" or "EC"
    algorithms: tuple[str, ...]
    source: str  # the path, for messages

    def algorithm(self, wanted: str | None) -> str:
        if wanted is None:
            return self.algorithms[0]
        if wanted not in self.algorithms:
            raise CliError(
                f"--alg {wanted}: a {self.kind} key from {self.source} signs with {', '.join(self.algorithms)}",
                EXIT_USAGE,
            )
        return wanted

    def public_jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = self.key.as_dict(private=False)
        return {k: v for k, v in jwk.items() if k not in ("d", "p", "q", "dp", "dq", "qi", "oth")}


def load_key(path: str, option: str = "--key") -> SigningKey:
    """Read a PEM (PKCS#1, PKCS#8 or SEC1) or JWK private key; one clear line for anything else."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(_MAX_KEY_FILE + 1)  # never all of /dev/zero or a huge file
    except OSError as exc:
        raise CliError(
            f"{option} {path}: cannot read the key file: {exc.strerror}", EXIT_USAGE
        ) from None
    if len(data) > _MAX_KEY_FILE:
        raise CliError(
            f"{option} {path}: more than {_MAX_KEY_FILE >> 10} KiB, too large for a private key",
            EXIT_USAGE,
        )
    if data.lstrip().startswith(b"{"):
        return _load_jwk(data, path, option)
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        private = load_pem_private_key(data, password=None)
    except TypeError:
        raise CliError(
            f"{option} {path}: the key is encrypted; give an unencrypted private key", EXIT_USAGE
        ) from None
    except Exception:  # cryptography's message is not shown: it could quote the input
        hint = (
            " (it holds a public key; signing needs the private key)"
            if b"PUBLIC KEY" in data
            else ""
        )
        raise CliError(f"{option} {path}: not a PEM or JWK private key{hint}", EXIT_USAGE) from None
    if isinstance(private, rsa.RSAPrivateKey):
        _check_rsa_size(private.key_size, path, option)
        return _import(private, "RSA", _RSA_ALGS, path, option)
    if isinstance(private, ec.EllipticCurvePrivateKey):
        curve = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}.get(
            private.curve.name
        )
        if curve is None:
            raise CliError(
                f"{option} {path}: EC curve {private.curve.name} is not supported (P-256, P-384 or P-521)",
                EXIT_USAGE,
            )
        return _import(private, "EC", (_EC_ALGS[curve],), path, option)
    kind = type(private).__name__.removeprefix("_").replace("PrivateKey", "") or "this"
    raise CliError(
        f"{option} {path}: {kind} keys are not supported; use an RSA or EC (P-256, P-384, P-521) key",
        EXIT_USAGE,
    )


def _check_rsa_size(bits: int, path: str, option: str) -> None:
    """RFC 7518 (3.3, 3.5): RS* and PS* signatures need a key of 2048 bits or more."""
    if bits < _MIN_RSA_BITS:
        raise CliError(
            f"{option} {path}: a {bits}-bit RSA key is too weak to sign with; JWT signatures need {_MIN_RSA_BITS} bits or more (RFC 7518)",
            EXIT_USAGE,
        )


def _import(
    private: Any, kind: str, algorithms: tuple[str, ...], path: str, option: str
) -> SigningKey:
    from joserfc import jwk

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        key = jwk.RSAKey.import_key(private) if kind == "RSA" else jwk.ECKey.import_key(private)
    return SigningKey(key, kind, algorithms, path)


def _load_jwk(data: bytes, path: str, option: str) -> SigningKey:
    try:
        value = json.loads(data)
    except ValueError:
        raise CliError(
            f"{option} {path}: not a PEM or JWK private key (bad JSON)", EXIT_USAGE
        ) from None
    kty = value.get("kty") if isinstance(value, dict) else None
    if kty not in ("RSA", "EC"):
        raise CliError(
            f"{option} {path}: JWK key type {kty!r} is not supported; use an RSA or EC key",
            EXIT_USAGE,
        )
    if "d" not in value:
        raise CliError(
            f"{option} {path}: the JWK is a public key; signing needs the private key", EXIT_USAGE
        )
    from joserfc import jwk

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            key = jwk.import_key(value, kty)
    except Exception:
        raise CliError(f"{option} {path}: not a valid {kty} private JWK", EXIT_USAGE) from None
    if kty == "RSA":
        modulus = str(value.get("n", ""))
        _check_rsa_size(
            len(base64.urlsafe_b64decode(modulus + "=" * (-len(modulus) % 4))) * 8, path, option
        )
        return SigningKey(key, "RSA", _RSA_ALGS, path)
    curve = value.get("crv")
    if curve not in _EC_ALGS:
        raise CliError(
            f"{option} {path}: EC curve {curve!r} is not supported (P-256, P-384 or P-521)",
            EXIT_USAGE,
        )
    return SigningKey(key, "EC", (_EC_ALGS[curve],), path)


def _sign(key: SigningKey, header: dict[str, Any], claims: dict[str, Any]) -> str:
    from joserfc import jwt

    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.params.get("debug"):  # what is signed; the key itself is never shown
        shown = {
            "key": f"{key.kind} private key from {key.source}",
            "header": header,
            "claims": claims,
        }
        click.echo(json.dumps(shown, indent=2), err=True)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return str(jwt.encode(header, claims, key.key, algorithms=[header["alg"]]))


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _signed_now(
    key: SigningKey,
    alg: str | None,
    header: dict[str, Any],
    claims: dict[str, Any],
    lifetime: int | None = None,
) -> str:
    """A JWT signed with ``key`` at this moment: the header gets alg, the claims iat, a fresh jti
    (24 random bytes as base64url) and, given a lifetime, exp; both commands sign through here."""
    now = int(time.time())
    timed: dict[str, Any] = {"iat": now, "jti": secrets.token_urlsafe(24)}
    if lifetime is not None:
        timed["exp"] = now + lifetime
    return _sign(key, {"alg": key.algorithm(alg), **header}, {**claims, **timed})


def client_assertion(
    key: SigningKey,
    client_id: str,
    audience: str,
    alg: str | None = None,
    lifetime: int = 300,
    kid: str | None = None,
) -> str:
    """An RFC 7523 private_key_jwt client assertion: iss = sub = client, aud, iat, exp and a fresh jti."""
    header: dict[str, Any] = {"typ": "JWT", **({"kid": kid} if kid else {})}
    claims = {"iss": client_id, "sub": client_id, "aud": audience}
    return _signed_now(key, alg, header, claims, lifetime)


def dpop_proof(
    key: SigningKey,
    htm: str,
    htu: str,
    nonce: str | None = None,
    access_token: str | None = None,
    alg: str | None = None,
) -> str:
    """An RFC 9449 DPoP proof: typ dpop+jwt and the public JWK in the header; htm, htu, iat, jti (nonce, ath)."""
    if not _METHOD.match(htm):
        raise CliError(f"--htm: {htm!r} is not an HTTP method", EXIT_USAGE)
    claims: dict[str, Any] = {"htm": htm, "htu": target_uri(htu, "--htu")}
    if nonce is not None:
        if not _NONCE.match(nonce):
            raise CliError(
                "--nonce: a DPoP nonce is visible ASCII characters other than '\"' and '\\' (RFC 9449)",
                EXIT_USAGE,
            )
        claims["nonce"] = nonce
    if access_token is not None:
        if not _ACCESS_TOKEN.match(access_token):  # the value is not echoed: it is a credential
            raise CliError(
                "--ath: not an access token (letters, digits and -._~+/ then any '='); "
                "give the token alone, without 'Bearer ' or 'DPoP '",
                EXIT_USAGE,
            )
        claims["ath"] = b64url(hashlib.sha256(access_token.encode("ascii")).digest())
    header = {"typ": "dpop+jwt", "jwk": key.public_jwk()}
    return _signed_now(key, alg, header, claims)


def target_uri(value: str, option: str) -> str:
    """An absolute http(s) URL without its query and fragment (RFC 9449's htu).

    A user name or password in it is refused: it would be signed into the JWT
    (and shown by --debug) for anyone who sees the token to read.
    """
    from . import redact

    shown = redact.url(value)
    parts = urlsplit(value)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or port in (-1, 0)
        or any(c.isspace() or not c.isprintable() for c in value)
    ):
        raise CliError(
            f"{option}: {shown!r} is not an absolute http(s) URL such as https://as.example.com/token",
            EXIT_USAGE,
        )
    if parts.username is not None or parts.password is not None:
        raise CliError(
            f"{option}: {shown!r} has a user name or password in it; leave them out of the URL",
            EXIT_USAGE,
        )
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))


def pkce(verifier: str | None = None) -> dict[str, str]:
    """An RFC 7636 pair: a code_verifier (43 unreserved characters unless given) and its S256 challenge."""
    if verifier is None:
        verifier = secrets.token_urlsafe(32)
    elif not _VERIFIER.match(verifier):
        raise CliError(
            "--verifier: a code_verifier is 43 to 128 characters of A-Z a-z 0-9 - . _ ~", EXIT_USAGE
        )
    challenge = b64url(hashlib.sha256(verifier.encode("ascii")).digest())
    return {"code_verifier": verifier, "code_challenge": challenge, "code_challenge_method": "S256"}


def parse_lifetime(text: str) -> int:
    """Seconds from iat to exp: positive, and at most ``MAX_LIFETIME``.

    A client assertion is meant for one request sent at once (RFC 7523
    3: the server may reject an exp unreasonably far in the future, and it
    must remember each jti until its exp to refuse a replay). Servers allow
    minutes to a day; a longer assertion is one no server should accept,
    and a stolen one stays usable that long.
    """
    match = _DURATION.match(text)
    if not match or int(match.group(1)) <= 0:
        raise CliError(
            f"--lifetime: {text!r} is not a duration such as 300, 90s, 5m or 1h", EXIT_USAGE
        )
    seconds = int(match.group(1)) * {None: 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]
    if seconds > MAX_LIFETIME:
        raise CliError(
            f"--lifetime: {text!r} is longer than the maximum of 24h ({MAX_LIFETIME} s); "
            "a client assertion is for one request sent now (RFC 7523)",
            EXIT_USAGE,
            "most servers accept 5m or less",
        )
    return seconds


_DEBUG = click.option(
    "-d",
    "--debug",
    is_flag=True,
    help="Show the header and claims being signed on stderr (never the key).",
)


# --- the `oauth` command group -------------------------------------------------------------


def command() -> click.Command:
    """The ``oauth`` group; each command prints one value on stdout."""

    @click.group(
        "oauth", short_help="Make client assertions, DPoP proofs and PKCE pairs for test requests."
    )
    def oauth() -> None:
        """Make what an OAuth client sends, to test your authorization server with real requests.

        Keys are PEM (PKCS#1, PKCS#8, SEC1) or JWK files holding an RSA or EC private key;
        nothing of a key is ever printed.
        """

    @oauth.command("client-assertion")
    @click.option(
        "--key",
        "key_path",
        required=True,
        metavar="KEY.pem",
        help="The client's private key (RSA or EC).",
    )
    @click.option(
        "--client-id",
        required=True,
        metavar="ID",
        help="The client ID: the assertion's iss and sub.",
    )
    @click.option(
        "--audience",
        required=True,
        metavar="URL",
        help="The aud claim: your token endpoint URL (or your issuer identifier).",
    )
    @click.option(
        "--alg",
        metavar="ALG",
        help="Signing algorithm; default RS256 for RSA keys, ES256/ES384/ES512 for EC keys by curve.",
    )
    @click.option(
        "--lifetime",
        default="300",
        show_default=True,
        metavar="DURATION",
        help="How long the assertion is valid: 300, 90s, 5m, 1h; at most 24h (many servers accept 5m at most).",
    )
    @click.option(
        "--kid",
        metavar="KID",
        help="A key ID for the header, when the client's JWK Set has several keys.",
    )
    @_DEBUG
    def client_assertion_cmd(
        key_path: str,
        client_id: str,
        audience: str,
        alg: str | None,
        lifetime: str,
        kid: str | None,
        debug: bool,
    ) -> None:
        """Print an RFC 7523 client assertion (private_key_jwt): iss = sub = client ID, aud, iat, exp, jti.

        Give it to a token request as --param client_assertion=... together with
        --param client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer.
        """
        seconds = parse_lifetime(lifetime)
        target_uri(audience, "--audience")  # checked, but used exactly as given
        click.echo(client_assertion(load_key(key_path), client_id, audience, alg, seconds, kid))

    @oauth.command("dpop-proof")
    @click.option(
        "--key",
        "key_path",
        required=True,
        metavar="KEY.pem",
        help="The private key the proof is signed with (RSA or EC).",
    )
    @click.option(
        "--htm",
        required=True,
        metavar="METHOD",
        help="HTTP method of the request the proof goes with, e.g. POST.",
    )
    @click.option(
        "--htu",
        required=True,
        metavar="URL",
        help="URL of that request (its query and fragment are left out).",
    )
    @click.option(
        "--nonce", metavar="NONCE", help="A nonce the server gave in its DPoP-Nonce header."
    )
    @click.option(
        "--ath",
        "access_token",
        metavar="TOKEN",
        help="The access token the request presents; its hash goes in ath.",
    )
    @click.option(
        "--alg",
        metavar="ALG",
        help="Signing algorithm; default by key type as for client-assertion.",
    )
    @_DEBUG
    def dpop_proof_cmd(
        key_path: str,
        htm: str,
        htu: str,
        nonce: str | None,
        access_token: str | None,
        alg: str | None,
        debug: bool,
    ) -> None:
        """Print an RFC 9449 DPoP proof JWT (typ dpop+jwt, the public JWK in its header)."""
        click.echo(dpop_proof(load_key(key_path), htm, htu, nonce, access_token, alg))

    @oauth.command("pkce")
    @click.option(
        "--verifier",
        metavar="VERIFIER",
        help="Compute the challenge of this code_verifier instead of a new one.",
    )
    def pkce_cmd(verifier: str | None) -> None:
        """Print a PKCE pair as JSON: code_verifier, its S256 code_challenge and the method (RFC 7636)."""
        pair = pkce(verifier)
        if verifier is not None:  # printing it is this command's job: not masked as a secret
            from . import redact

            redact.forget(verifier)
        click.echo(json.dumps(pair, indent=2))

    return oauth


# --- --client-assertion-key on the commands x-cli-oauth names (options in oauth_options.py) ---


def with_client_assertion(body: Any, form_field: str | None) -> Any:
    """The request body with a client assertion added to its form field, when --client-assertion-key was given."""
    ctx = click.get_current_context(silent=True)
    given: dict[str, str] = ctx.find_root().meta.get(META_KEY, {}) if ctx else {}
    key_path = given.get("client_assertion_key")
    if key_path is None:
        if given.get("client_assertion_audience"):
            raise CliError("--client-assertion-audience needs --client-assertion-key", EXIT_USAGE)
        return body
    if not form_field or not isinstance(body, dict):
        raise CliError(
            "--client-assertion-key: this request has no form parameters to add the assertion to",
            EXIT_USAGE,
        )
    form = str(body.get(form_field) or "")
    params = parse_qsl(form, keep_blank_values=True)
    names = {name for name, _ in params}
    if "client_assertion" in names:
        raise CliError(
            "--client-assertion-key: the form parameters already hold a client_assertion",
            EXIT_USAGE,
        )
    client_id = next((value for name, value in params if name == "client_id"), None) or body.get(
        "clientId"
    )
    if not client_id:
        raise CliError(
            "--client-assertion-key: no client ID: add --param client_id=ID (or give --client-id)",
            EXIT_USAGE,
        )
    audience = given.get("client_assertion_audience") or body.get("htu")
    if not audience:
        raise CliError(
            "--client-assertion-key: no audience: give --client-assertion-audience URL (your token endpoint) or --htu",
            EXIT_USAGE,
        )
    target_uri(
        str(audience),
        "--client-assertion-audience" if given.get("client_assertion_audience") else "--htu",
    )
    assertion = client_assertion(
        load_key(key_path, "--client-assertion-key"), str(client_id), str(audience)
    )
    extra = urlencode([("client_assertion", assertion), ("client_assertion_type", ASSERTION_TYPE)])
    return {**body, form_field: f"{form}&{extra}" if form else extra}
