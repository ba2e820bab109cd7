"""Printing: requests for --dry-run/--debug, responses in the chosen format."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

import click

from . import redact
from .errors import EXIT_API, EXIT_RESPONSE, EXIT_UNDECLARED, EXIT_USAGE, CliError
from .safe_text import neutralise, neutralise_data
from .settings import Settings
from .wire import Call, Reply, decode_json, error_message, form_encode, schema_mismatch

if TYPE_CHECKING:
    from .surface import Command


def compile_jq(expression: str) -> Any:
    """Compile a jq program up front so a bad one fails before any request."""
    import jq

    try:
        return jq.compile(expression)
    except ValueError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid expression"
        first = first.removeprefix("jq: error: ").rstrip(": ")
        raise CliError(f"--jq: {first}", EXIT_USAGE) from None


def show_request(call: Call, dry_run: bool) -> None:
    """The request, secrets masked, on stderr."""
    lines = [f"{'Dry run: ' if dry_run else '> '}{call.method} {redact.url(call.url)}"]
    lines += [f"{name}: {redact.header(name, value)}" for name, value in call.headers.items()]
    if call.body is not None:
        lines += ["", _shown_body(call)]
    sys.stderr.write("\n".join(lines) + "\n")


def _shown_body(call: Call) -> str:
    """The body as it goes on the wire (a form as its encoded text), secrets masked."""
    if call.encoding == "form":
        return redact.form(form_encode(call.body))
    shown = call.shown_body()
    if isinstance(shown, str) and call.encoding == "text":
        return shown
    return json.dumps(redact.data(shown), indent=2, ensure_ascii=False)


def _show_reply(reply: Reply) -> None:
    lines = [f"< {reply.http_version} {reply.status} {neutralise(reply.reason)}"]
    lines += [
        f"< {neutralise(name)}: {neutralise(redact.header(name, value))}"
        for name, value in reply.headers
    ]
    sys.stderr.write("\n".join(lines) + "\n")
    if reply.content:
        try:
            text = json.dumps(redact.data(decode_json(reply.content)), indent=2, ensure_ascii=False)
        except ValueError:
            text = redact.clip(reply.content[:8000].decode("utf-8", "replace"), 2000)
        sys.stderr.write(neutralise(text) + "\n")


def emit(entry: Command, reply: Reply, cfg: Settings, jq_program: Any = None) -> None:
    """Print a response, or raise the CliError its status calls for."""
    data = parse(entry, reply, cfg)
    if data is None:
        return
    if cfg.output_format == "http":
        from .http_outcome import emit_http

        return emit_http(_model_name(entry, reply.status), data, _table_prog(), cfg.agent_mode)
    _print_results(data, cfg, jq_program)


def print_data(data: Any, cfg: Settings, jq_program: Any = None) -> None:
    """Print a decoded answer (or several pages combined) through -q and the output format."""
    _print_results(data, cfg, jq_program)


def parse(entry: Command, reply: Reply, cfg: Settings) -> Any:
    """The checked body of a response (None when empty), or the CliError its status calls for."""
    if cfg.debug:
        _show_reply(reply)
    if cfg.include_headers:
        head = [f"{reply.http_version} {reply.status} {reply.reason}"] + [
            f"{k}: {redact.header(k, v)}" for k, v in reply.headers
        ]
        sys.stdout.write(neutralise("\n".join(head)) + "\n\n")
    if reply.status >= 400:
        message, parsed = error_message(reply.status, reply.reason, reply.content)
        violations = [v for k, v in reply.headers if k.lower() == "sl-violations"]
        hint = f"request validation: {redact.clip(violations[0], 300)}" if violations else None
        raise CliError(message, EXIT_API, hint, details=parsed)
    _check_declared(entry, reply)
    media = entry["response_media"].get(str(reply.status))
    if media in ("text", "binary"):  # not JSON by the spec: the body as it came
        if media == "text":
            text = redact.scrub(reply.content.decode("utf-8", "replace"), credentials_only=True)
            sys.stdout.write(
                neutralise(text) if bool(getattr(sys.stdout, "isatty", lambda: False)()) else text
            )
        else:
            _write_binary(reply.content)
        return
    if not reply.content.strip():
        if _model_name(entry, reply.status) and reply.status not in (
            204,
            205,
            304,
        ):  # those never have a body
            raise CliError(
                f"invalid response (HTTP {reply.status}): the body is empty, but the spec describes one",
                EXIT_RESPONSE,
            )
        return None
    try:
        data = decode_json(reply.content)
    except ValueError as exc:
        raise CliError(f"invalid response (HTTP {reply.status}): {exc}", EXIT_RESPONSE) from None
    return _checked(entry, reply.status, data)


def _check_declared(entry: Command, reply: Reply) -> None:
    """A redirect or a status the spec does not declare is never taken for success.

    Redirects are not followed (the bearer token must not travel to another
    host); the status and the Location are named so the user can decide.
    """
    status = reply.status
    if 300 <= status < 400:
        location = next((v for k, v in reply.headers if k.lower() == "location"), None)
        where = f" to {redact.url(location)}" if location else " (no Location header)"
        raise CliError(
            f"HTTP {status} {reply.reason}: the server redirects{where}; redirects are not followed",
            EXIT_UNDECLARED,
            "the request may not have been carried out; check --server-url",
        )
    if not _declared(entry, status):
        declared = ", ".join(sorted(entry["responses"])) or "none"
        raise CliError(
            f"HTTP {status} {reply.reason}: an answer the spec does not declare for this operation (declared: {declared})",
            EXIT_UNDECLARED,
            "whether the request took effect is unknown",
        )


def _declared(entry: Command, status: int) -> bool:
    responses = entry["responses"]
    return any(
        key in responses
        for key in (str(status), f"{str(status)[0]}XX", f"{str(status)[0]}xx", "default")
    )


def _print_results(data: Any, cfg: Settings, jq_program: Any) -> None:
    """Print the answer, or each jq result as soon as jq yields it."""
    tty = bool(getattr(sys.stdout, "isatty", lambda: False)())
    results = iter([data]) if jq_program is None else iter(jq_program.input_value(data))
    while True:
        try:
            item = next(results)
        except StopIteration:
            return
        except ValueError as exc:  # a jq runtime error: the filter the user gave
            text = " ".join(str(exc).split()).removeprefix("jq: error: ")
            raise CliError(f"--jq: {redact.clip(text, 300)}", EXIT_USAGE) from None
        item = redact.scrub_data(item, credentials_only=True)
        try:
            sys.stdout.write(render(neutralise_data(item) if tty else item, cfg))
            if jq_program is not None:
                sys.stdout.flush()
        except BrokenPipeError:  # the reader has all it wants (`| head`): a quiet success
            silence_stdout()
            raise click.exceptions.Exit(0) from None


def silence_stdout() -> None:
    """Point stdout at /dev/null so no later flush can complain about the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ is not None else 1)
    except (OSError, ValueError):
        pass


def _table_prog() -> str:
    from .._table import PROG

    return PROG


def _checked(entry: Command, status: int, data: Any) -> Any:
    """Parse through the response model: a body that breaks the spec is an error."""
    model_name = _model_name(entry, status)
    if not model_name:
        return data
    from pydantic import ValidationError

    from .. import models

    model = getattr(models, model_name)
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        raise CliError(
            f"invalid response (HTTP {status}): {schema_mismatch(exc.errors())}", EXIT_RESPONSE
        ) from None
    return parsed.model_dump(mode="json", by_alias=True, exclude_unset=True)


def _write_binary(data: bytes) -> None:
    """A binary answer as it came, to a file or a pipe; on a terminal only its size (it would garble it).

    Bytes bypass the secret-masking text stream on purpose: masking cannot apply to them.
    """
    stream = getattr(sys.stdout, "inner", sys.stdout)
    raw = getattr(stream, "buffer", None)
    if stream.isatty() or raw is None:
        sys.stderr.write(
            f"{len(data)} bytes of binary data not shown on a terminal; redirect the output to a file\n"
        )
        return
    stream.flush()
    raw.write(data)
    raw.flush()


def _model_name(entry: Command, status: int) -> str | None:
    responses = entry["responses"]
    for key in (
        str(status),
        f"{str(status)[0]}XX",
        "default",
    ):  # the most specific entry the spec has wins
        if key in responses:
            name = responses[key]
            break
    else:
        name = None
    return str(name) if name else None


def use_color(cfg: Settings, stream: Any = None) -> bool:
    stream = stream or sys.stdout
    if cfg.color == "always":
        return True
    if cfg.color == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force:  # the convention: any value turns colour on, except 0 / false which turn it off
        return force.strip().lower() not in ("0", "false", "no", "off")
    return bool(getattr(stream, "isatty", lambda: False)())


def render(data: Any, cfg: Settings) -> str:
    """One value in the chosen output format, newline-terminated."""
    fmt = cfg.output_format
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        import yaml

        text = str(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)
        )
        return text.removesuffix("...\n")  # the document-end marker PyYAML adds after a scalar
    if fmt == "toon":
        from toon_format import encode

        return encode(data) + "\n"
    if fmt == "table":
        return _table(data, cfg)
    if isinstance(data, str):
        return data + "\n"
    text = json.dumps(data, indent=2, ensure_ascii=False)
    if not use_color(cfg):
        return text + "\n"
    return _rich(lambda console: console.print_json(text, indent=2), cfg)


def _rich(draw: Any, cfg: Settings) -> str:
    from rich.console import Console

    console = Console(
        file=None,
        force_terminal=use_color(cfg),
        no_color=not use_color(cfg),
        width=_width(),
        record=False,
        highlight=False,
        markup=False,
        emoji=False,
    )
    with console.capture() as capture:
        draw(console)
    return capture.get()


def _width() -> int:
    import shutil

    return max(60, shutil.get_terminal_size((100, 24)).columns)


def _fold(value: Any, limit: int = 60) -> str:
    """A nested value as one short line."""
    if isinstance(value, str):
        text = value
    else:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _table(data: Any, cfg: Settings) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import (
        Text,
    )  # cells are Text, never markup: data such as '[openid]' stays literal

    color = use_color(cfg)
    table = Table(
        box=box.ROUNDED if color else box.ASCII,
        show_lines=False,
        header_style="bold" if color else "",
    )
    if isinstance(data, list) and data and all(isinstance(row, dict) for row in data):
        columns = list(dict.fromkeys(k for row in data for k in row))
        for column in columns:
            table.add_column(Text(str(column)), overflow="fold")
        for row in data:
            table.add_row(*(Text(_fold(row.get(c, ""))) for c in columns))
    elif isinstance(data, dict):
        table.add_column("field", style="cyan" if color else "", no_wrap=True)
        table.add_column("value", overflow="fold")
        for key, value in data.items():
            table.add_row(Text(str(key)), Text(_fold(value)))
    else:
        return render_plain(data)
    return _rich(lambda console: console.print(table), cfg)


def render_plain(data: Any) -> str:
    return (data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)) + "\n"
