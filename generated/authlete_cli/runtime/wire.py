"""Request building and response reading shared by the client and the CLI.

Pure functions: no HTTP library here, so the CLI can show a dry run without
importing one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class Upload:
    """A file for a multipart part: what a ``@path`` value of the CLI becomes."""

    name: str
    data: bytes


@dataclass
class Call:
    """Everything needed to send one request."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None  # JSON-ready value (fields for a form), bytes or text; None for no body
    encoding: str = "json"  # json, form, multipart, binary or text: how the body goes on the wire
    content_type: str = "application/json"
    retry_safe: bool = False  # the spec marks the operation safe to replay (x-cli-retry-safe)

    def content(self) -> bytes | None:
        """The body's bytes (a multipart body is built by httpx, see send_arguments)."""
        if self.body is None:
            return None
        if self.encoding == "form":
            return form_encode(self.body).encode("ascii")
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str) and self.encoding in ("text", "binary"):
            return self.body.encode("utf-8")
        try:
            return json.dumps(self.body, ensure_ascii=False, allow_nan=False).encode("utf-8")
        except ValueError:  # a float NaN or infinity from a caller of the client
            raise ValueError(
                "request body: a number is NaN or infinite, which JSON cannot carry"
            ) from None

    def send_arguments(self) -> dict[str, Any]:
        """Keyword arguments for httpx's request(): ``content``, or ``files`` for multipart."""
        if self.body is None:
            return {}
        if self.encoding != "multipart":
            return {"content": self.content()}
        parts: list[tuple[str, tuple[str | None, bytes | str]]] = []
        for name, value in (self.body or {}).items():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, Upload):
                    parts.append((name, (item.name, item.data)))
                elif isinstance(item, bytes):
                    parts.append((name, (name, item)))
                elif item is not None:
                    parts.append((name, (None, _text(item))))
        return {"files": parts}

    def shown_body(self) -> Any:
        """The body as a dry run or --debug prints it: uploads and bytes by size, never their content."""
        return _shown(self.body)


def _shown(value: Any) -> Any:
    if isinstance(value, Upload):
        return f"<file {value.name}, {len(value.data)} bytes>"
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    if isinstance(value, dict):
        return {k: _shown(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shown(v) for v in value]
    return value


def _text(value: Any) -> str:
    """A form or multipart value as text: booleans as true/false, objects and arrays as JSON."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(value)


def form_encode(fields: Any) -> str:
    """``application/x-www-form-urlencoded``: a list value repeats its key."""
    pairs: list[tuple[str, str]] = []
    for name, value in (fields or {}).items():
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                pairs.append((name, _text(item)))
    return urlencode(pairs)


def header_text(value: Any) -> str:
    """A header parameter as OpenAPI's ``simple`` style writes it: booleans as true/false,
    a list as ``a,b``, an object as ``key,value,key,value``."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, tuple)):
        return ",".join(header_text(item) for item in value)
    if isinstance(value, dict):
        return ",".join(f"{header_text(k)},{header_text(v)}" for k, v in value.items())
    return str(value)


def cookie_items(cookies: dict[str, Any]) -> list[tuple[str, str]]:
    """Cookie parameters as (name, text) pairs: OpenAPI's default for cookies (``form``,
    exploded) repeats the cookie for each item of a list."""
    pairs: list[tuple[str, str]] = []
    for name, value in cookies.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item is not None:
                pairs.append((name, header_text(item)))
    return pairs


HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # RFC 9110's token
_HEADER_TEXT = re.compile(r"[\t -~]*")  # what header_value_problem lets pass, in one C-speed match


def header_value_problem(value: str) -> tuple[int, str] | None:
    """The first character an HTTP header value cannot carry (1-based) and what it is, or None.

    Visible ASCII, spaces and tabs only: a line break would start another
    header (or the body), and httpx's own error would quote the whole value.
    """
    if _HEADER_TEXT.fullmatch(value):  # every header of every call: the common case, fast
        return None
    for index, char in enumerate(value):
        if char == "\t" or " " <= char <= "~":
            continue
        what = {"\r": "a carriage return", "\n": "a line break"}.get(char)
        if what is None:
            what = (
                "a control character"
                if ord(char) < 32 or ord(char) == 127
                else f"the non-ASCII character U+{ord(char):04X}"
            )
        return index + 1, what
    return None


COOKIE_VALUE_RULE = (
    "a cookie value is visible ASCII other than '\"', ',', ';' and '\\', "
    "optionally in double quotes (RFC 6265)"
)


def cookie_value_problem(value: str) -> tuple[int, str] | None:
    """The first character RFC 6265 forbids in a cookie-value (1-based) and what it is, or None.

    A ';' would end the cookie and start another one of the caller's
    choosing; a ',' or a space splits it for some servers.
    """
    found = header_value_problem(value)
    if found is not None:
        return found
    inner, offset = value, 0
    if len(value) >= 2 and value[0] == value[-1] == '"':
        inner, offset = value[1:-1], 1
    for index, char in enumerate(inner):
        if char in ' \t",;\\':
            names = {" ": "a space", "\t": "a tab"}
            return index + offset + 1, names.get(char, repr(char))
    return None


@dataclass
class Reply:
    """What came back."""

    status: int
    reason: str
    headers: list[tuple[str, str]]
    content: bytes
    http_version: str = "HTTP/1.1"


def expand_path(template: str, params: dict[str, Any]) -> str:
    """Fill ``{name}`` placeholders, percent-encoding each value as one segment."""
    path = template
    for name, value in params.items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        path = path.replace("{" + name + "}", segment(text))
    return path


def segment(value: str) -> str:
    """One path segment: '/' and '?' encoded, and '.' or '..' spelled %2E so it never walks the path."""
    encoded = quote(value, safe="")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


def query_string(query: dict[str, Any]) -> str:
    pairs: list[tuple[str, str]] = []
    for name, value in query.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item is None:
                continue
            pairs.append((name, str(item).lower() if isinstance(item, bool) else str(item)))
    return urlencode(pairs)


def url(base: str, template: str, path: dict[str, Any], query: dict[str, Any]) -> str:
    full = base.rstrip("/") + expand_path(template, path)
    qs = query_string(query)
    # a spec's path may carry a fixed query of its own ('/v1/models?beta=true'): add to it
    return f"{full}{'&' if '?' in template else '?'}{qs}" if qs else full


MAX_DEPTH = 200  # deeper JSON is refused: no real request or answer nests this far


def decode_json(content: bytes) -> Any:
    """Parse a body; raises ValueError saying why (and where) when it is not usable JSON."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"body is not UTF-8 (byte {exc.start + 1})") from None
    if text.startswith("\ufeff"):  # json.loads's own check, which a decoder built once skips
        raise ValueError("body is not JSON (line 1 column 1: it starts with a byte order mark)")
    _check_depth(text)
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"body is not JSON (line {exc.lineno} column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise ValueError(f"body is nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise ValueError(f"body is not usable JSON: {exc}") from None


def _not_json(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite(text: str) -> float:
    """A JSON number as a float, refused when it is too large for one (1e999 would be infinity)."""
    number = float(text)
    if number - number != 0:
        raise ValueError(f"{text[:40]} is too large for a floating-point number")
    return number


_DECODER = json.JSONDecoder(
    parse_constant=_not_json, parse_float=_finite
)  # built once, not per body
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def _check_depth(text: str) -> None:
    """Refuse deep nesting before parsing, so nothing downstream recurses that far."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    for match in _BRACKETS.finditer(_STRINGS.sub("", text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            raise ValueError(f"body is nested more than {MAX_DEPTH} levels deep")


def schema_mismatch(errors: list[Any]) -> str:
    """The first of pydantic's ``errors()`` as ``where: what``, one short line: the location may
    hold keys the server chose, and none of the values is quoted."""
    from .redact import clip_line

    if not errors:
        return "not what the spec describes"
    first = errors[0]
    where = clip_line(".".join(str(p) for p in first.get("loc") or ()) or "body", TEXT_LIMIT // 3)
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {clip_line(str(first.get('msg', '')), TEXT_LIMIT // 2)}{more}"


def _violation(item: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in item.get("location") or [])
    return f"{where}: {item.get('message', '')}" if where else str(item.get("message", ""))


# How much of each piece of server text an error message shows: a hostile or broken server
# cannot flood a terminal or a log through one exception's message.
REASON_LIMIT = 60
CODE_LIMIT = 40
TEXT_LIMIT = 300
SNIPPET_LIMIT = 120


def error_message(status: int, reason: str, content: bytes) -> tuple[str, Any]:
    """A one-line summary of an error answer, and its parsed body if it was JSON.

    Every piece the server wrote (reason phrase, result code, message, problem
    details, a body that is not JSON) is masked of remembered secrets, then
    made one line and shortened (``redact.clip_line``).
    """
    from .redact import clip_line

    head = f"HTTP {status} {clip_line(reason, REASON_LIMIT)}".rstrip()
    try:
        parsed = decode_json(content) if content else None
    except ValueError:
        snippet = clip_line(content.decode("utf-8", "replace"), SNIPPET_LIMIT)
        return f"{head}: the body is not JSON" + (f": {snippet}" if snippet else ""), None
    if isinstance(parsed, dict):
        if parsed.get("resultCode") or parsed.get("resultMessage"):
            code = clip_line(str(parsed.get("resultCode") or "-"), CODE_LIMIT)
            text = clip_line(str(parsed.get("resultMessage") or ""), TEXT_LIMIT)
            return f"{head}: resultCode {code}: {text}", parsed
        if parsed.get("title") or parsed.get("detail"):  # RFC 7807 problem details
            detail = str(parsed.get("detail") or "")
            violations = parsed.get(
                "validation"
            )  # Prism lists what was wrong with the request here
            if isinstance(violations, list) and violations and isinstance(violations[0], dict):
                detail = "; ".join(_violation(v) for v in violations[:3] if isinstance(v, dict))
            text = f"{parsed.get('title', '')}: {detail}" if detail else str(parsed.get("title"))
            return f"{head}: {clip_line(text, TEXT_LIMIT)}", parsed
    return head, parsed
