"""Printing: requests for --dry-run/--debug, responses in the chosen format."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

from . import redact
from .errors import EXIT_API, EXIT_RESPONSE, EXIT_USAGE, CliError
from .settings import Settings
from .wire import Call, Reply, decode_json, error_message

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
    lines = [f"{'Dry run: ' if dry_run else '> '}{call.method} {call.url}"]
    lines += [f"{name}: {redact.header(name, value)}" for name, value in call.headers.items()]
    if call.body is not None:
        lines += ["", json.dumps(redact.data(call.body), indent=2, ensure_ascii=False)]
    sys.stderr.write("\n".join(lines) + "\n")


def _show_reply(reply: Reply) -> None:
    lines = [f"< {reply.http_version} {reply.status} {reply.reason}"]
    lines += [f"< {name}: {redact.header(name, value)}" for name, value in reply.headers]
    sys.stderr.write("\n".join(lines) + "\n")
    if reply.content:
        try:
            text = json.dumps(redact.data(decode_json(reply.content)), indent=2, ensure_ascii=False)
        except ValueError:
            text = reply.content.decode("utf-8", "replace")[:2000]
        sys.stderr.write(text + "\n")


def emit(entry: Command, reply: Reply, cfg: Settings, jq_program: Any = None) -> None:
    """Print a response, or raise the CliError its status calls for."""
    if cfg.debug:
        _show_reply(reply)
    if cfg.include_headers:
        head = [f"{reply.http_version} {reply.status} {reply.reason}"] + [f"{k}: {v}" for k, v in reply.headers]
        sys.stdout.write("\n".join(head) + "\n\n")
    if reply.status >= 400:
        message, parsed = error_message(reply.status, reply.reason, reply.content)
        violations = [v for k, v in reply.headers if k.lower() == "sl-violations"]
        hint = f"request validation: {violations[0][:300]}" if violations else None
        raise CliError(message, EXIT_API, hint, details=parsed)
    if not reply.content.strip():
        if _model_name(entry, reply.status):
            raise CliError(f"invalid response (HTTP {reply.status}): the body is empty, but the spec describes one", EXIT_RESPONSE)
        return
    try:
        data = decode_json(reply.content)
    except ValueError as exc:
        raise CliError(f"invalid response (HTTP {reply.status}): {exc}", EXIT_RESPONSE) from None
    data = _checked(entry, reply.status, data)
    if cfg.output_format == "http":
        from .http_outcome import emit_http

        return emit_http(_model_name(entry, reply.status), data, _table_prog(), cfg.agent_mode)
    results = jq_program.input_value(data).all() if jq_program is not None else [data]
    for item in results:
        sys.stdout.write(render(item, cfg))


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
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "body"
        raise CliError(f"invalid response (HTTP {status}): {where}: {error['msg']}", EXIT_RESPONSE) from None
    return parsed.model_dump(mode="json", by_alias=True, exclude_unset=True)


def _model_name(entry: Command, status: int) -> str | None:
    responses = entry["responses"]
    name = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX") or responses.get("default")
    return str(name) if name else None


def use_color(cfg: Settings, stream: Any = None) -> bool:
    stream = stream or sys.stdout
    if cfg.color == "always":
        return True
    if cfg.color == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


def render(data: Any, cfg: Settings) -> str:
    """One value in the chosen output format, newline-terminated."""
    fmt = cfg.output_format
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        import yaml

        return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False))
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

    console = Console(file=None, force_terminal=use_color(cfg), no_color=not use_color(cfg), width=_width(), record=False, highlight=False)
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

    color = use_color(cfg)
    table = Table(box=box.ROUNDED if color else box.ASCII, show_lines=False, header_style="bold" if color else "")
    if isinstance(data, list) and data and all(isinstance(row, dict) for row in data):
        columns = list(dict.fromkeys(k for row in data for k in row))
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in data:
            table.add_row(*(_fold(row.get(c, "")) for c in columns))
    elif isinstance(data, dict):
        table.add_column("field", style="cyan" if color else "", no_wrap=True)
        table.add_column("value", overflow="fold")
        for key, value in data.items():
            table.add_row(str(key), _fold(value))
    else:
        return render_plain(data)
    return _rich(lambda console: console.print(table), cfg)


def render_plain(data: Any) -> str:
    return (data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)) + "\n"
