"""Mask secrets before anything is shown: headers, JSON bodies and form strings.

Only a short prefix survives, enough to tell two tokens apart, never enough
to use one.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote_plus

_SECRET_KEYS = frozenset(
    {
        "accesstoken",
        "actortoken",
        "assertion",
        "bearer",
        "clientassertion",
        "clientsecret",
        "codeverifier",
        "devicecode",
        "devicesecret",
        "idtoken",
        "password",
        "refreshtoken",
        "secret",
        "sharedkeyforencryption",
        "sharedkeyforsign",
        "subjecttoken",
        "token",
    }
)
# In a form body `code` is an authorization code; in JSON it is usually an error code.
_FORM_SECRET_KEYS = _SECRET_KEYS | {"code"}
_SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"}
)
PREFIX = 4


def mask(value: str) -> str:
    """``gXz97ISgLs...`` -> ``gXz9…(86 chars)``; short values are hidden whole."""
    if len(value) <= PREFIX * 2:
        return "****"
    return f"{value[:PREFIX]}…({len(value)} chars)"


def is_secret_key(key: str, form: bool = False) -> bool:
    return key.replace("_", "").replace("-", "").lower() in (
        _FORM_SECRET_KEYS if form else _SECRET_KEYS
    )


def header(name: str, value: str) -> str:
    """A header value safe to print."""
    if name.lower() not in _SECRET_HEADERS:
        return value
    scheme, _, credential = value.partition(" ")
    if credential and scheme.lower() in {"bearer", "basic", "dpop"}:
        return f"{scheme} {mask(credential)}"
    return mask(value)


def form(text: str) -> str:
    """A form string with secret values masked; everything else is left exactly as given."""
    pieces = []
    for piece in text.split("&"):
        key, sep, value = piece.partition("=")
        if sep and is_secret_key(unquote_plus(key), form=True):
            piece = f"{key}={mask(unquote_plus(value))}"
        pieces.append(piece)
    return "&".join(pieces)


def data(value: Any, key: str = "") -> Any:
    """A JSON-like value with secret members masked (and form strings in ``parameters``)."""
    if isinstance(value, dict):
        return {k: data(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [data(v, key) for v in value]
    if isinstance(value, str):
        if is_secret_key(key):
            return mask(value)
        if key == "parameters" and "=" in value:
            return form(value)
        if value[:1] in "{[":  # JSON held in a string, such as responseContent
            try:
                inner = json.loads(value)
            except ValueError:
                return value
            return json.dumps(data(inner), ensure_ascii=False, separators=(",", ":"))
    return value
