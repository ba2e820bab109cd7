"""Mask secrets before anything is shown: headers, JSON bodies, form strings, free text.

Two kinds of secret. A token (bearer, access token, assertion, code) keeps a
four-character prefix and its length, enough to tell two apart and never
enough to use one. A secret or password shows no character at all.

Structured places (a header, a JSON member, a form pair) are masked by name.
Free text (an error body that echoes the request, a library's message) is
masked by value: every secret the user gave this run is remembered here and
scrubbed from everything the CLI prints (see ``ScrubbedStream``); a client
call does the same with its own credentials (``Registry``).

The rule for short secrets. By name, a value is masked whatever its length:
``password=a`` in a form, ``"clientSecret": "ok"`` in JSON, ``Bearer x`` in a
header all show ``****``. By value, in free text, length decides:

- 8 characters or more (``MIN_ANYWHERE``): masked wherever it appears, inside
  a longer word too; that long, it does not turn up by chance.
- 4 to 7 characters (``MIN_WORD``): masked only where it stands as a whole
  word (no letter, digit, ``_`` or ``-`` right before or after it), as an echo
  writes it (``secret=hunter2&``, ``"hunter2"``). Inside other words it would
  garble unrelated text and point, by where the masks fall, at the secret.
- under 4 characters: never masked by value. A one-letter password would
  mask every "a" of every message, and a secret that short protects nothing
  that masking could save; where it is shown as what it is (a header, a
  member, a form pair), the masking by name still hides it.

A URL- or JSON-encoded spelling counts by its own length (``%2F%2F`` is 6).
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal, TextIO
from urllib.parse import quote, quote_plus, unquote_plus

Kind = Literal["token", "secret"]

# Normalised names (no '_' or '-', lower case) whose values are secrets: nothing shown.
_SECRET_NAMES = frozenset(
    {
        "password",
        "secret",
        "clientsecret",
        "devicesecret",
        "sharedkeyforencryption",
        "sharedkeyforsign",
        "codeverifier",
        "pass",
        "passwd",
    }
)
# Names whose values are tokens: a prefix and the length shown.
_TOKEN_NAMES = frozenset(
    {
        "assertion",
        "clientassertion",
        "bearer",
        "devicecode",
        "ticket",
        "token",
        "usercode",
        "authorization",
        "apikey",
        "xapikey",
    }
)
_TOKEN_SUFFIXES = ("token", "tokenidentifier", "assertion", "ticket", "apikey")
# Tokens that prove who the client is: masked everywhere, like a password, never the subject
# of a call that the answer may show back.
_CREDENTIAL_TOKENS = frozenset({"assertion", "clientassertion"})
_SECRET_SUFFIXES = ("secret", "password", "passphrase", "verifier")
# In a form body `code` is an authorization code; in JSON it is usually an error code.
_FORM_TOKEN_NAMES = frozenset({"code"})
_SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "dpop"}
)
PREFIX = 4
HIDDEN = "****"


def _norm(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


def kind_of(name: str, form: bool = False) -> Kind | None:
    """Whether a field, flag or form key named ``name`` holds a secret, a token, or neither."""
    key = _norm(name.lstrip("-"))
    if key in _SECRET_NAMES or key.endswith(_SECRET_SUFFIXES):
        return "secret"
    if key in _TOKEN_NAMES or key.endswith(_TOKEN_SUFFIXES) or (form and key in _FORM_TOKEN_NAMES):
        return "token"
    return None


def is_secret_key(key: str, form: bool = False) -> bool:
    return kind_of(key, form) is not None


def mask(value: str, kind: Kind = "token") -> str:
    """``gXz97ISgLs...`` -> ``gXz9…(86 chars)``; secrets and short values are hidden whole."""
    if kind == "secret" or len(value) <= PREFIX * 3:
        return HIDDEN
    return f"{value[:PREFIX]}…({len(value)} chars)"


def header(name: str, value: str) -> str:
    """A header value safe to print: well-known credential headers, and any whose name says
    it holds a token or secret (X-Auth-Token, X-Goog-Api-Key, Private-Token ...)."""
    if not is_secret_header(name):
        return scrub(value)
    scheme, _, credential = value.partition(" ")
    if credential and scheme.lower() in {"bearer", "dpop", "token"}:
        return f"{scheme} {mask(credential.strip())}"
    if credential and scheme.lower() in {"basic", "digest"}:
        return f"{scheme} {HIDDEN}"
    return mask(value)


def is_secret_header(name: str) -> bool:
    return name.strip().lower() in _SECRET_HEADERS or kind_of(name) is not None


def clip(text: str, limit: int) -> str:
    """``text`` with remembered secrets masked, then cut to ``limit`` characters: cut first,
    a secret would lose its end and no longer be recognised."""
    return scrub(text)[:limit]


def clip_line(text: str, limit: int) -> str:
    """Server text for a one-line message: secrets masked first, then runs of whitespace
    (line breaks included) made one space, then cut to ``limit`` characters, an ellipsis
    saying so."""
    text = " ".join(scrub(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def form(text: str) -> str:
    """A form string with secret values masked; everything else is left exactly as given."""
    pieces = []
    for piece in text.split("&"):
        key, sep, value = piece.partition("=")
        kind = kind_of(unquote_plus(key), form=True) if sep else None
        if kind:
            piece = f"{key}={mask(unquote_plus(value), kind)}"
        pieces.append(piece)
    return scrub("&".join(pieces))


def data(value: Any, key: str = "") -> Any:
    """A JSON-like value with secret members masked (and form strings in ``parameters``)."""
    if isinstance(value, dict):
        return {k: data(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [data(v, key) for v in value]
    if isinstance(value, str):
        kind = kind_of(key)
        if kind:
            return mask(value, kind)
        if key == "parameters" and "=" in value:
            return form(value)
        if value[:1] in "{[":  # JSON held in a string, such as responseContent
            try:
                inner = json.loads(value)
            except (ValueError, RecursionError):
                return scrub(value)
            return json.dumps(data(inner), ensure_ascii=False, separators=(",", ":"))
        return scrub(value)
    return value


# ---- secrets remembered by value, for free text ---------------------------------------------

MIN_ANYWHERE = 8  # a remembered secret this long is masked wherever it appears
MIN_WORD = 4  # this long, only where it stands as a whole word; shorter, never by value


def _spellings(value: str) -> set[str]:
    """``value`` as a server may echo it: as given, trimmed, URL-encoded, JSON-escaped."""
    escaped = json.dumps(value)[1:-1]
    return {
        value,
        value.strip(),
        quote(value, safe=""),
        quote_plus(value),
        _lower_hex(quote(value, safe="")),  # %2f as some servers write it
        _lower_hex(quote_plus(value)),
        escaped,
        escaped.replace("/", "\\/"),  # JSON encoders that escape '/' (PHP's)
        json.dumps(value, ensure_ascii=False)[1:-1],
    } - {""}


def _lower_hex(text: str) -> str:
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), text)


class Registry:
    """Secrets remembered by value, and the one pattern that finds them all in free text.

    The CLI keeps one for the whole run (``remember``, ``scrub``); a client
    call builds its own from its credentials, so threads and clients never
    share what they mask.
    """

    def __init__(self) -> None:
        # A spelling of a secret -> (what to print instead, whether it is a credential).
        self.known: dict[str, tuple[str, bool]] = {}
        self._patterns: dict[bool, re.Pattern[str] | None] = {}

    def add(self, value: Any, kind: Kind = "token", credential: bool | None = None) -> None:
        """Mask ``value`` and its encoded spellings from now on; under ``MIN_WORD`` characters
        it is left to the masking by name."""
        if not isinstance(value, str) or len(value.strip()) < MIN_WORD:
            return
        is_credential = kind == "secret" if credential is None else credential
        for spelling in _spellings(value):
            known = self.known.get(spelling)
            if known is None or (is_credential and not known[1]):
                self.known[spelling] = (mask(spelling, kind), is_credential)
                self._patterns.clear()

    def forget(self, value: str) -> None:
        for spelling in [s for s in self.known if s in (value, value.strip())]:
            del self.known[spelling]
        self._patterns.clear()

    def clear(self) -> None:
        self.known.clear()
        self._patterns.clear()

    def _compiled(self, credentials_only: bool) -> re.Pattern[str] | None:
        if credentials_only not in self._patterns:
            spellings = [s for s, (_, cred) in self.known.items() if cred or not credentials_only]
            parts = []
            for spelling in sorted(spellings, key=len, reverse=True):
                escaped = re.escape(spelling)
                if len(spelling) < MIN_ANYWHERE:
                    escaped = rf"(?<![\w-]){escaped}(?![\w-])"
                parts.append(escaped)
            self._patterns[credentials_only] = re.compile("|".join(parts)) if parts else None
        return self._patterns[credentials_only]

    def scrub(self, text: str, credentials_only: bool = False) -> str:
        """``text`` with every remembered secret (or only every credential) masked."""
        if not self.known or not text:
            return text
        pattern = self._compiled(credentials_only)
        if pattern is None:
            return text
        known = self.known
        return pattern.sub(lambda m: known[m.group(0)][0] if m.group(0) in known else HIDDEN, text)


_run = Registry()  # what this run of the CLI was given


def remember(value: Any, kind: Kind = "token", credential: bool | None = None) -> None:
    """Scrub ``value`` (and its URL- and JSON-encoded spellings) from all output from now on.

    A credential (the bearer, an Authorization header, a password or secret)
    is masked everywhere, the answer on stdout included. Any other token the
    user gave (an access token to introspect or revoke, a ticket) is the
    subject of the call and may come back in the answer as data: it is
    masked in diagnostics on stderr, not in the answer on stdout.
    """
    _run.add(value, kind, credential)


def forget(value: str) -> None:
    """Stop masking ``value``: a command whose output is that value (``oauth pkce --verifier``)."""
    _run.forget(value)


def _credential_token(name: str) -> bool | None:
    return True if _norm(name) in _CREDENTIAL_TOKENS else None


def remember_form(text: Any) -> None:
    """Remember the secret values of a form string such as ``--parameters``."""
    if not isinstance(text, str):
        return
    for piece in text.split("&"):
        key, sep, value = piece.partition("=")
        kind = kind_of(unquote_plus(key), form=True) if sep else None
        if kind:
            remember(unquote_plus(value), kind, _credential_token(unquote_plus(key)))


def remember_data(value: Any, key: str = "") -> None:
    """Remember every secret member of a request body, wherever it is nested."""
    stack: list[tuple[str, Any]] = [(key, value)]
    while stack:
        name, item = stack.pop()
        if isinstance(item, dict):
            stack.extend((str(k), v) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((name, v) for v in item)
        elif isinstance(item, str):
            kind = kind_of(name)
            if kind:
                remember(item, kind, _credential_token(name))
            elif name == "parameters":
                remember_form(item)


def forget_all() -> None:
    """Start a new run with nothing remembered (the CLI may run several times in one process)."""
    _run.clear()


def scrub(text: str, credentials_only: bool = False) -> str:
    """``text`` with every secret remembered this run (or only every credential) masked."""
    return _run.scrub(text, credentials_only)


def scrub_data(value: Any, credentials_only: bool = False) -> Any:
    """A JSON-like value with remembered secrets masked in every string, before it is laid out.

    Masking the rendered text alone is not enough: a table or YAML may fold a
    long string across lines, and no line would hold the whole secret.
    """
    if not _run.known:
        return value
    if isinstance(value, str):
        return scrub(value, credentials_only)
    if isinstance(value, dict):
        return {
            scrub(str(k), credentials_only): scrub_data(v, credentials_only)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [scrub_data(v, credentials_only) for v in value]
    return value


def url(text: str) -> str:
    """A URL with any password in its userinfo hidden, and remembered secrets masked."""
    text = re.sub(r"^([a-zA-Z][a-zA-Z0-9+.-]*://[^/@:?#]*):[^/@?#]*@", rf"\1:{HIDDEN}@", text)
    # a user name alone may be a token (https://TOKEN@host): hidden too
    return scrub(re.sub(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@:?#]+@", rf"\1{HIDDEN}@", text))


class ScrubbedStream:
    """A text stream that masks remembered secrets (and, when asked, control characters) in every write.

    Installed over stdout and stderr for one run, so a message from any layer
    (ours, click's, a library's) cannot print a secret the user gave. It has
    no ``buffer`` on purpose: nothing can write around it.
    """

    def __init__(
        self, inner: TextIO, neutralise: bool = False, credentials_only: bool = False
    ) -> None:
        self.inner = inner
        self.neutralise = neutralise
        self.credentials_only = credentials_only
        self.encoding = getattr(inner, "encoding", None) or "utf-8"
        self.errors = getattr(inner, "errors", None) or "strict"

    def write(self, text: str) -> int:
        cleaned = scrub(text, self.credentials_only)
        if self.neutralise:
            from .safe_text import neutralise

            cleaned = neutralise(cleaned)
        self.inner.write(cleaned)
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return bool(getattr(self.inner, "isatty", lambda: False)())

    def fileno(self) -> int:
        return int(self.inner.fileno())

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    @property
    def closed(self) -> bool:
        return bool(getattr(self.inner, "closed", False))


def remember_argv(args: list[str]) -> None:
    """Remember secrets straight from the command line, before any parsing that could echo one.

    Covers --bearer, secret-named flags (--client-secret, --password, --access-token ...),
    secret headers in -H, form secrets in --parameters / --param and a password in
    --server-url, whether the value is attached (``--bearer=X``, ``-HX``) or follows.
    """
    index = 0
    while index < len(args):
        arg = args[index]  # past '--' too: click may still echo those words in an error
        name, value = arg, None
        if arg.startswith("--") and "=" in arg:
            name, value = arg.split("=", 1)
        elif arg.startswith("-H") and len(arg) > 2:
            name, value = "-H", arg[2:]
        elif arg.startswith("-") and index + 1 < len(args):
            following = args[index + 1]
            if not following.startswith("-") or _takes_secret(arg):  # a secret may start with '-'
                value = following
        index += 1
        if value is not None:
            _remember_option(name, value)


def _takes_secret(flag: str) -> bool:
    """Whether the word after ``flag`` is a value to remember even when it starts with '-'."""
    return flag in ("-H", "--header", "--parameters", "--param", "--server-url", "--bearer") or (
        flag.startswith("--") and kind_of(flag[2:]) is not None
    )


def _remember_basic(encoded: str) -> None:
    """The password inside ``Basic base64(id:password)``: a server may echo it decoded.

    RFC 6749 (2.3.1) form-encodes the client ID and secret before base64, so
    the secret is remembered both as sent and decoded.
    """
    import base64
    import binascii

    try:
        decoded = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True).decode()
    except (binascii.Error, ValueError):
        return
    _user, sep, password = decoded.partition(":")
    if sep and password:
        remember(decoded, "secret", credential=True)
        remember(password, "secret", credential=True)
        remember(unquote_plus(password), "secret", credential=True)


def _remember_option(name: str, value: str) -> None:
    if name in ("-H", "--header"):
        head, _, rest = value.partition(":")
        if not _ or " " in head.strip():  # malformed: the name is the first word
            head, _, rest = value.strip().partition(" ")
        if is_secret_header(head):
            remember(rest.strip(), "token", credential=True)
            scheme, _, credential = rest.strip().partition(" ")
            remember(
                credential.strip(),
                "secret" if scheme.lower() in ("basic", "digest") else "token",
                credential=True,
            )
            if scheme.lower() == "basic":
                _remember_basic(credential.strip())
    elif name in ("--parameters", "--param"):
        remember_form(value)
        if "=" not in value:  # a malformed --param such as 'password:x' or 'password x'
            match = re.match(r"([^:\s]+)[:\s]+(.*)", value, re.S)
            kind = kind_of(match.group(1), form=True) if match else None
            if match and kind:
                remember(match.group(2), kind)
    elif name == "--server-url":
        match = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/@?#]*:([^/@?#]*)@", value)
        if match:
            remember(match.group(1), "secret")
    elif name.startswith("--"):
        kind = kind_of(name[2:])
        if kind:
            remember(value, kind, credential=True if name == "--bearer" else None)
