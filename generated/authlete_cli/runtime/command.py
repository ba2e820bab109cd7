"""What every generated command does: build the request, show or send it, print the answer."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import click

from .. import _table
from . import settings as settings_mod
from .errors import EXIT_RESPONSE, EXIT_USAGE, CliError, warn
from .wire import Call, cookie_items, header_text, url

if TYPE_CHECKING:
    from .surface import Body, Command, Option


def run(command: str, entry: Command, values: dict[str, Any]) -> None:
    """What every generated command does, given its table entry and its option values."""
    ctx = click.get_current_context()
    cfg = settings_mod.resolve(ctx, _table.SERVERS)
    from . import output

    jq_program = output.compile_jq(cfg.jq) if cfg.jq else None
    if cfg.output_format == "http":
        from .http_outcome import require_mapping

        require_mapping(command, entry["responses"], _table.PROG, cfg.jq)
    if values.get("max_pages") is not None and not values.get("all_pages"):
        raise CliError(
            "--max-pages works only with --all", EXIT_USAGE, f"see '{_table.PROG} {command} --help'"
        )
    call = build(command, entry, values, cfg)
    if cfg.dry_run or cfg.debug:
        output.show_request(call, dry_run=cfg.dry_run)
    if cfg.dry_run:
        return
    if not cfg.bearer and not any(name.lower() == "authorization" for name, _ in cfg.headers):
        raise CliError(
            f"no bearer token: give --bearer, set {_table.ENV_PREFIX}_BEARER, or save one with '{_table.PROG} auth login' or '{_table.PROG} configure'",
            EXIT_USAGE,
        )
    if values.get("all_pages"):
        _all_pages(entry, values, cfg, call, jq_program)
        return
    from .transport import send

    reply = send(call, cfg)
    output.emit(entry, reply, cfg, jq_program)


def _all_pages(
    entry: Command, values: dict[str, Any], cfg: settings_mod.Settings, call: Call, jq_program: Any
) -> None:
    """--all: fetch page after page, then print one combined answer."""
    from dataclasses import replace
    from urllib.parse import parse_qsl

    from . import output
    from .paginate import Pager, PaginationError
    from .transport import send

    spec = entry["pagination"]
    assert spec is not None, "--all exists only on paginated commands"
    head, _, query = call.url.partition("?")
    pairs = parse_qsl(query, keep_blank_values=True)
    moving = {spec["cursor"], spec["limit"]}
    pager = Pager(spec, {k: v for k, v in pairs if k in moving}, values.get("max_pages"))
    fixed = [(k, v) for k, v in pairs if k not in moving]
    while pager.query is not None:
        page_query = urlencode(fixed + [(k, str(v)) for k, v in pager.query.items()])
        reply = send(replace(call, url=f"{head}?{page_query}"), cfg)
        try:
            pager.add(output.parse(entry, reply, cfg))
        except PaginationError as exc:
            raise CliError(
                str(exc), EXIT_RESPONSE, "--max-pages N takes only the first N pages"
            ) from None
    if pager.truncated:
        warn(f"stopped after {pager.pages} pages as --max-pages asked; there are more", "truncated")
    output.print_data(pager.combined(), cfg, jq_program)


def build(command: str, entry: Command, values: dict[str, Any], cfg: settings_mod.Settings) -> Call:
    """The request a command line asks for, checked against the spec before sending."""
    spec_body = entry["body"]
    encoding = spec_body["encoding"] if spec_body else "json"
    if spec_body and encoding in ("binary", "text"):
        body: Any = _load_raw_body(command, values.get("body"), spec_body)
    else:
        body = _load_body(values.get("body"), spec_body) if spec_body else None
    parts: dict[str, dict[str, Any]] = {
        "path": {},
        "query": {},
        "header": {},
        "cookie": {},
        "body": body,
    }
    for option in entry["options"]:
        value = _value(option, values.get(option["name"]), cfg)
        if value is not None:
            parts[option["in"]][option["wire"]] = value
    if spec_body and encoding not in ("binary", "text"):
        body = _finish_body(command, entry, values, body)
        from .oauth_options import given

        if given(click.get_current_context(silent=True)):  # else the signing code is not needed
            from .oauth import with_client_assertion

            body = with_client_assertion(body, spec_body.get("form_field"))
        _check_body_ranges(entry, body)
    _require(command, entry, parts, body, cfg)
    if spec_body and body is not None and encoding not in ("binary", "text"):
        body = _validated(command, entry, body) if encoding != "multipart" else body
        if body in ({}, None) and not spec_body["required"] and values.get("body") is None:
            body = None
    _remember_secrets(entry, parts, body)
    _check_header_parameters(entry, parts)
    headers = {
        "Accept": entry["accept"],
        **{k: header_text(v) for k, v in parts["header"].items()},
    }
    if parts["cookie"]:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookie_items(parts["cookie"]))
    if (
        spec_body and body is not None and encoding != "multipart"
    ):  # httpx writes the multipart boundary itself
        headers["Content-Type"] = spec_body["content_type"]
    if cfg.bearer:
        headers["Authorization"] = f"Bearer {cfg.bearer}"
    headers["User-Agent"] = f"{_table.PROG}/{_table.CLI_VERSION}"
    headers.update(cfg.headers)
    target = url(cfg.server_url, entry["path"], parts["path"], parts["query"])
    return Call(
        entry["method"],
        target,
        headers,
        body,
        encoding,
        spec_body["content_type"] if spec_body else "application/json",
        retry_safe=entry["retry_safe"],
    )


def _check_header_parameters(entry: Command, parts: dict[str, Any]) -> None:
    """Header and cookie parameters HTTP can carry as given: a line break would add a header,
    a ';' in a cookie another cookie. The error names the flag, never the value."""
    from .wire import COOKIE_VALUE_RULE, cookie_value_problem

    for option in entry["options"]:
        where, wire = option["in"], option["wire"]
        if where not in ("header", "cookie") or wire not in parts[where]:
            continue
        origin = f"{option['flag']} ({where} {wire})"
        value = parts[where][wire]
        if where == "header":
            settings_mod.check_header_value(header_text(value), origin)
            continue
        for _name, text in cookie_items({wire: value}):
            settings_mod.check_header_value(text, origin)
            found = cookie_value_problem(text)
            if found is not None:
                raise CliError(
                    f"{origin}: the value contains {found[1]} at character {found[0]}; {COOKIE_VALUE_RULE}",
                    EXIT_USAGE,
                )


def _load_raw_body(command: str, text: str | None, spec_body: Body) -> bytes | str | None:
    """--body of a bytes or text body: '@path' a file, '-' standard input, else the value itself."""
    if text is None:
        if spec_body["required"]:
            raise CliError(
                "missing option '--body' (@file, - for standard input, or the content itself)",
                EXIT_USAGE,
                f"see '{_table.PROG} {command} --help'",
            )
        return None
    if text == "-":
        data = read_stdin("--body (stdin)")
    elif text.startswith("@"):
        data = _read_file(text[1:], "--body")
    else:
        data = text.encode("utf-8")
    return data if spec_body["encoding"] == "binary" else data.decode("utf-8", "replace")


def read_stdin(source: str) -> bytes:
    """All of standard input for a '-' value; closed (`<&-`) or unreadable is bad input, exit 2."""
    stream = sys.stdin
    if stream is None:
        raise CliError(f"{source}: standard input is closed", EXIT_USAGE)
    try:
        if hasattr(stream, "buffer"):
            return bytes(stream.buffer.read())
        return str(stream.read()).encode("utf-8")
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise CliError(f"{source}: cannot read standard input: {reason}", EXIT_USAGE) from None


def _read_file(path: str, flag: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise CliError(
            f"{flag} @{path}: cannot read the file: {exc.strerror}", EXIT_USAGE
        ) from None


def _remember_secrets(entry: Command, parts: dict[str, Any], body: Any) -> None:
    """Everything secret in this request is masked wherever it may be printed later."""
    from . import redact

    for option in entry["options"]:
        value = parts[option["in"]].get(option["wire"]) if option["in"] != "body" else None
        kind = redact.kind_of(option["wire"]) or redact.kind_of(option["name"])
        if kind and value is not None:
            for item in value if isinstance(value, list) else [value]:
                redact.remember(str(item), kind)
    redact.remember_data(body)


def _value(option: Option, raw: Any, cfg: settings_mod.Settings) -> Any:
    """One option's value for the request, from its flag or (path and query) its default."""
    if option["in"] == "path" and raw == "":
        raw = None  # an empty path segment would address a different resource
    if raw is None or (option["repeatable"] and not raw):
        raw = _default(option, cfg) if option["in"] in ("path", "query") else None
    return None if raw is None else _convert(option, raw)


def _finish_body(command: str, entry: Command, values: dict[str, Any], body: Any) -> Any:
    """Apply --param to the form field, warn about a badly encoded one, insist on a required array."""
    spec_body = entry["body"]
    if spec_body is None:
        return body
    form_field = spec_body["form_field"]
    if form_field and isinstance(body, dict):
        _warn_form(body.get(form_field), form_field)
        if values.get("param"):
            body[form_field] = _join_form(body.get(form_field), values["param"])
    if spec_body["array"] and spec_body["required"] and values.get("body") is None:
        raise CliError(
            "missing option '--body' (a JSON array)",
            EXIT_USAGE,
            f"see '{_table.PROG} {command} --help'",
        )
    return body


def _load_body(text: str | None, spec_body: Body) -> Any:
    """Parse --body (inline JSON, '-' for stdin, '@path' for a file)."""
    empty: Any = [] if spec_body["array"] else {}
    if text is None:
        return empty
    source = "--body"
    if text == "-":
        source = "--body (stdin)"
        raw = read_stdin(source)
    elif text.startswith("@"):
        source = f"--body {text}"
        try:
            with open(text[1:], "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            raise CliError(f"{source}: cannot read the file: {exc.strerror}", EXIT_USAGE) from None
    else:
        raw = text.encode("utf-8", "surrogateescape")
    data = parse_json_input(raw, source)
    if not isinstance(data, type(empty)):
        kind = "an array" if spec_body["array"] else "an object"
        raise CliError(f"{source}: the request body must be {kind}", EXIT_USAGE)
    return data


def parse_json_input(raw: bytes, source: str) -> Any:
    """JSON the user gave: not UTF-8, not JSON, too deep or a number too long are all exit 2."""
    from .wire import decode_json

    try:
        return decode_json(raw)
    except ValueError as exc:
        raise CliError(f"{source}: {str(exc).replace('body is', 'input is')}", EXIT_USAGE) from None


def _convert(option: Option, raw: Any) -> Any:
    if option["kind"] == "integer":
        _check_range(option, raw)
    if (
        option["kind"] == "file"
    ):  # '@path' uploads a file; '-' standard input; anything else is the content
        from .wire import Upload

        if raw == "-":
            return Upload(option["wire"], read_stdin(f"{option['flag']} (stdin)"))
        if str(raw).startswith("@"):
            return Upload(os.path.basename(raw[1:]), _read_file(raw[1:], option["flag"]))
        return Upload(option["wire"], str(raw).encode("utf-8"))
    if option["kind"] != "json":
        return raw
    return parse_json_input(str(raw).encode("utf-8", "surrogateescape"), option["flag"])


def _check_body_ranges(entry: Command, body: Any) -> None:
    """Integers given in --body are held to the same ranges as those given by flag.

    Nested ones too (in a JSON flag such as --authorization-details, or in
    --body): none may leave int64, the widest format; a nested field the spec
    declares int32 is held to that by the request model.
    """
    if isinstance(body, dict):
        for option in entry["options"]:
            if option["in"] == "body" and option["kind"] == "integer" and option["wire"] in body:
                _check_range(option, body[option["wire"]])
    low, high = _INT_RANGES["int64"]
    stack: list[tuple[tuple[Any, ...], Any]] = [((), body)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*loc, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*loc, i), v) for i, v in enumerate(value))
        elif isinstance(value, int) and not isinstance(value, bool) and not low <= value <= high:
            where = _where(entry, loc) if loc else "--body"
            raise CliError(
                f"{where}: {value} is out of range for int64 ({low} to {high})", EXIT_USAGE
            )


# Ranges of the OpenAPI integer formats; a value outside would be cut or rejected by the server.
_INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


def _check_range(option: Option, value: Any) -> None:
    """An integer fits the spec's format (int64 unless the spec says int32) before it is sent."""
    fmt = option.get("format") or "int64"
    low, high = _INT_RANGES.get(fmt, _INT_RANGES["int64"])
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, int) and not isinstance(item, bool) and not low <= item <= high:
            raise CliError(
                f"{option['flag']}: {item} is out of range for {fmt} ({low} to {high})", EXIT_USAGE
            )


def _env_name(option: Option) -> str:
    return f"{_table.ENV_PREFIX}_{option['name'].upper()}"


def _default(option: Option, cfg: settings_mod.Settings) -> Any:
    """Path and query values may come from the environment or the config file (PREFIX_NAME, e.g. PETSHOP_STORE_ID)."""
    value = os.environ.get(_env_name(option))
    if value in (None, ""):
        value = cfg.config.get(option["name"])
    return None if value in (None, "") else str(value)


def _require(
    command: str, entry: Command, parts: dict[str, Any], body: Any, cfg: settings_mod.Settings
) -> None:
    """Every required option has a value, or we ask for it on a terminal, or fail."""
    for option in entry["options"]:
        if not option["required"]:
            continue
        where = body if option["in"] == "body" else parts[option["in"]]
        if not isinstance(where, dict) or option["wire"] in where:
            continue
        if cfg.interactive:
            where[option["wire"]] = _convert(
                option,
                click.prompt(
                    f"{option['flag']} ({option['help'].split(chr(10))[0] or option['type']})",
                    type=_prompt_type(option),
                ),
            )
            continue
        also = " (or give it in --body)" if option["in"] == "body" else ""
        if option["in"] == "path":
            also = f" (or set {_env_name(option)})"
        short = f" / '{option['short']}'" if option["short"] else ""
        raise CliError(
            f"missing option '{option['flag']}'{short}{also}",
            EXIT_USAGE,
            f"see '{_table.PROG} {command} --help'",
        )


def _prompt_type(option: Option) -> Any:
    return (
        {"integer": int, "number": float, "boolean": bool}.get(option["kind"], str)
        if option["kind"] != "enum"
        else click.Choice(option["choices"])
    )


def _validated(command: str, entry: Command, body: Any) -> Any:
    """Check the body against the request model; report the flag a bad value came from."""
    spec_body = entry["body"]
    name = spec_body["model"] if spec_body else None
    if not spec_body or not name:
        return body
    from .groups import checks_of

    check = checks_of(command).get(name)  # the model as data, when it is plain enough
    if check is not None:
        from .request_check import Unsure, normalise

        try:
            return normalise(check, body, spec_body["array"])
        except Unsure:
            pass  # pydantic decides, and says where the problem is
    from pydantic import TypeAdapter, ValidationError

    from .. import models

    model = getattr(models, name)
    adapter = TypeAdapter(list[model] if spec_body["array"] else model)  # type: ignore[valid-type]
    try:
        parsed = adapter.validate_python(body)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise CliError(f"{_where(entry, error['loc'])}: {error['msg']}", EXIT_USAGE) from None
    return adapter.dump_python(parsed, mode="json", by_alias=True, exclude_unset=True)


def _where(entry: Command, loc: tuple[Any, ...]) -> str:
    """Name the flag (or the --body path) behind a validation error location."""
    if entry["body"] and entry["body"]["array"]:
        return "--body" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)
    flag = next(
        (o["flag"] for o in entry["options"] if o["in"] == "body" and o["wire"] == loc[0]),
        f"--body .{loc[0]}",
    )
    rest = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc[1:])
    return flag + rest


def _join_form(existing: str | None, params: list[str]) -> str:
    """Turn repeated --param KEY=VALUE into URL-encoded pairs appended to ``existing`` as given."""
    pairs: list[tuple[str, str]] = []
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:  # the value is not echoed: it may be a password
            raise CliError(
                f"--param #{len(pairs) + 1} is not KEY=VALUE (no '=' after a key)", EXIT_USAGE
            )
        pairs.append((key, value))
    encoded = urlencode(pairs)
    return f"{existing}&{encoded}" if existing else encoded


def _warn_form(text: Any, field: str) -> None:
    """Warn about a form string that a server would decode differently than meant."""
    if not isinstance(text, str) or not text:
        return
    import re

    problem = None
    bad = re.search(r"%(?![0-9A-Fa-f]{2})", text)
    if bad:
        problem = f"'%' not followed by two hex digits at character {bad.start() + 1}"
    else:
        for index, piece in enumerate(text.split("&")):
            if piece and "=" not in piece:
                problem = (
                    f"parameter {index + 1} has no '='"  # its text is not shown: it may be a secret
                )
                break
        else:
            space = re.search(r"[ \"<>\\^`{|}]", text)
            if space:
                problem = f"unencoded {space.group()!r} at character {space.start() + 1}"
    if problem:
        flag = "--" + field.replace("_", "-")
        warn(
            f"{flag} is not valid application/x-www-form-urlencoded: {problem}; --param KEY=VALUE encodes for you",
            "form_encoding",
        )
