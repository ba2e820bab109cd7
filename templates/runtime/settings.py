"""Global options: their click definitions and how a final value is chosen.

Precedence for every setting: command-line flag, then environment variable,
then the config file, then the built-in default. Global options are accepted
before or after the command words because every group and command carries
them; whichever occurrence click parses last wins.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import _outcomes, _table
from .errors import EXIT_USAGE, CliError
from .retry import DEFAULT_RETRIES

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .surface import Server

META_KEY = "cli.globals"
# `-o http` exists only where the spec maps answers to HTTP responses (x-http-response).
OUTPUT_FORMATS = ("pretty", "json", "yaml", "table", "toon") + (
    ("http",) if _outcomes.MAPPINGS else ()
)
COLOR_MODES = ("auto", "always", "never")
# Environment variables that mark a session driven by an AI coding agent.
AGENT_ENV_VARS = (
    "CLAUDECODE",
    "CLAUDE_CODE",
    "CURSOR_AGENT",
    "CODEX_SANDBOX",
    "GEMINI_CLI",
    "AIDER_MODEL",
    "CLINE_TASK",
    f"AGENT_MODE_{_table.ENV_PREFIX}",
)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, None: 1.0}


def _store(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Record a global option given on the command line, wherever it appeared."""
    source = ctx.get_parameter_source(param.name or "")
    if source is not None and source.name == "COMMANDLINE":
        bag = ctx.find_root().meta.setdefault(META_KEY, {})
        if param.multiple:
            bag.setdefault(param.name, []).extend(value)
        else:
            bag[param.name] = value
    return value


def _panel(option: click.Option, panel: str = "Global options") -> click.Option:
    option.rich_help_panel = panel  # type: ignore[attr-defined]
    return option


def _server_list() -> str:
    from .._table import SERVERS

    return (
        ", ".join(f"{s['name']} ({i})" if s.get("name") else str(i) for i, s in enumerate(SERVERS))
        or "none defined"
    )


def global_options() -> list[click.Option]:
    """Fresh click options; each command gets its own instances."""
    opts = [
        click.Option(
            ["--bearer"],
            metavar="TOKEN",
            help=f"Bearer token sent as 'Authorization: Bearer <token>'. Defaults to ${_table.ENV_PREFIX}_BEARER, then the OS keychain ('auth login'), then the config file.",
        ),
        click.Option(
            ["--server-url"],
            metavar="URL",
            help=f"Base URL of the API, overriding --server. Defaults to ${_table.ENV_PREFIX}_SERVER_URL, then the config file.",
        ),
        click.Option(
            ["--server"],
            metavar="NAME|INDEX",
            help=f"Pick one of the spec's servers by name or index: {_server_list()}.",
        ),
        click.Option(
            ["-o", "--output-format"],
            type=click.Choice(OUTPUT_FORMATS),
            help=(
                "Output format: pretty (default), json, yaml, table, toon, or http (the HTTP response your server sends its client for this answer)."
                if "http" in OUTPUT_FORMATS
                else "Output format: pretty (default), json, yaml, table or toon."
            ),
        ),
        click.Option(
            ["-q", "--jq"],
            metavar="EXPR",
            help="Filter and transform the response with a jq expression, e.g. '.accessToken'.",
        ),
        click.Option(
            ["--color"],
            type=click.Choice(COLOR_MODES),
            help="Colour: auto (when printing to a terminal), always or never. Honours NO_COLOR and FORCE_COLOR.",
        ),
        click.Option(
            ["--agent-mode"],
            is_flag=True,
            default=None,
            help="Errors as JSON on stderr and toon output, for AI agents. On by default when an agent environment is detected; --agent-mode=false turns it off.",
        ),
        click.Option(
            ["--no-interactive"],
            is_flag=True,
            default=None,
            help="Never prompt, even on a terminal.",
        ),
        click.Option(
            ["--dry-run"],
            is_flag=True,
            default=None,
            help="Print the request that would be sent to stderr (secrets masked) and send nothing.",
        ),
        click.Option(
            ["-d", "--debug"],
            is_flag=True,
            default=None,
            help="Log request and response diagnostics to stderr (secrets masked).",
        ),
        click.Option(
            ["-H", "--header"],
            multiple=True,
            metavar="'KEY: VALUE'",
            help="Add an HTTP request header; repeat for more.",
        ),
        click.Option(
            ["--include-headers"],
            is_flag=True,
            default=None,
            help="Print the status line and response headers before the body.",
        ),
        click.Option(
            ["--timeout"],
            metavar="DURATION",
            help="Deadline for the whole exchange, every retry and wait included, such as 100ms, 30s or 5m (default 30s).",
        ),
        click.Option(
            ["--max-response-size"],
            metavar="SIZE",
            help="Refuse an answer larger than this once decoded, such as 512KB or 200MB (default 64MB).",
        ),
        click.Option(
            ["--retries"],
            type=click.IntRange(0, 10),
            metavar="N",
            help=f"Retry a failed connection or a 408, 429, 502, 503 or 504 answer up to N times (default {DEFAULT_RETRIES}); only requests that are safe to replay.",
        ),
        click.Option(
            ["--no-retries"],
            is_flag=True,
            default=None,
            help="Send every request once: the same as --retries 0.",
        ),
    ]
    for option in opts:
        option.expose_value = False
        option.callback = _store
        _panel(option)
    return opts


_TRUE = ("true", "1", "yes", "on", "t", "y")
_FALSE = ("false", "0", "no", "off", "f", "n")


# Set from ``--agent-mode=BOOL`` before click parses; click knows --agent-mode only as a flag.
explicit_agent_mode: bool | None = None


def normalize_argv(args: list[str]) -> list[str]:
    """Accept Go-style ``--agent-mode=false``: a flag that also takes an explicit boolean."""
    global explicit_agent_mode
    out: list[str] = []
    for index, arg in enumerate(args):
        if arg == "--":
            return out + args[index:]
        if arg.startswith("--agent-mode="):
            value = arg.split("=", 1)[1].lower()
            if value not in _TRUE + _FALSE:
                raise CliError(
                    f"--agent-mode: {value!r} is not a boolean; use --agent-mode=true or --agent-mode=false",
                    EXIT_USAGE,
                )
            explicit_agent_mode = value in _TRUE
            continue
        out.append(arg)
    return out


def given(ctx: click.Context) -> dict[str, Any]:
    """Global options given on the command line so far."""
    bag: dict[str, Any] = ctx.find_root().meta.get(META_KEY, {})
    return bag


_MAX_TIMEOUT = 24 * 3600.0
DEFAULT_MAX_RESPONSE_SIZE = 64 << 20
_SIZE = re.compile(r"^\s*(\d+)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """'512KB' -> 524288, '64MB' -> 67108864 (binary units: the limit is about memory)."""
    match = _SIZE.match(text)
    if not match or int(match.group(1)) <= 0:
        raise CliError(
            f"--max-response-size: {text!r} is not a size; use a positive number with B, KB, MB or GB, e.g. 200MB",
            EXIT_USAGE,
        )
    unit = (match.group(2) or "b").lower()[:1]
    size = int(match.group(1)) << {"b": 0, "k": 10, "m": 20, "g": 30}[unit]
    if size > 1 << 40:
        raise CliError(
            f"--max-response-size: {text!r} is more than the maximum of 1024GB", EXIT_USAGE
        )
    return size


def parse_duration(text: str) -> float:
    """'100ms' -> 0.1, '30s' -> 30, '5m' -> 300, '2' -> 2 seconds; at most a day."""
    match = _DURATION.match(text)
    if not match or float(match.group(1)) <= 0:
        raise CliError(
            f"--timeout: {text!r} is not a duration; use a positive number with ms, s, m or h, e.g. 30s",
            EXIT_USAGE,
        )
    seconds = float(match.group(1)) * _UNITS[match.group(2)]
    if not seconds <= _MAX_TIMEOUT:
        raise CliError(f"--timeout: {text!r} is longer than the maximum of 24h", EXIT_USAGE)
    return seconds


def parse_header(text: str, position: int = 1) -> tuple[str, str]:
    """'Key: Value' -> (Key, Value). Errors never echo the value: it may be a credential."""
    name, sep, value = text.partition(":")
    name = name.strip()
    if not sep or not name:
        raise CliError(
            f"--header #{position} is not 'Key: Value' (no ':' after a header name)", EXIT_USAGE
        )
    from .wire import HEADER_NAME  # a header name is an RFC 9110 token

    if not HEADER_NAME.match(name):
        shown = name if name.isascii() and name.isprintable() and len(name) <= 40 else "(the name)"
        raise CliError(
            f"--header #{position}: {shown!r} is not a valid header name (letters, digits and !#$%&'*+.^_`|~- only)",
            EXIT_USAGE,
        )
    check_header_value(value.strip(), f"--header {name}")
    return name, value.strip()


def check_header_value(value: str, origin: str) -> None:
    """A value HTTP can carry: visible ASCII, spaces and tabs. Names the spot, never the value."""
    from .wire import header_value_problem

    found = header_value_problem(value)
    if found is not None:
        index, what = found
        hint = (
            "a file with Windows line endings? remove the '\\r'"
            if what == "a carriage return"
            else None
        )
        raise CliError(
            f"{origin}: the value contains {what} at character {index}; HTTP headers take printable ASCII only",
            EXIT_USAGE,
            hint,
        )


def config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / _table.CONFIG_DIR / "config.yaml"


def read_config() -> dict[str, Any]:
    """The config file's settings; a broken file is an error, a missing one is not."""
    from .config_file import ConfigFile

    return ConfigFile(config_path()).load()


def stdin_is_terminal() -> bool:
    """False also when there is no standard input at all (a daemon, some CI runners)."""
    return sys.stdin is not None and sys.stdin.isatty()


def agent_detected(environ: dict[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return any(env.get(name) for name in AGENT_ENV_VARS)


@dataclass
class Settings:
    """The resolved global options for one command run."""

    bearer: str | None
    server_url: str
    output_format: str
    jq: str | None
    color: str
    agent_mode: bool
    interactive: bool
    dry_run: bool
    debug: bool
    headers: list[tuple[str, str]]
    include_headers: bool
    timeout: float
    max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE
    config: Any = None  # a config_file.ConfigFile, read only if a value is looked up there
    retries: int = DEFAULT_RETRIES


def agent_mode_from(flags: dict[str, Any]) -> bool:
    value = flags.get("agent_mode") if explicit_agent_mode is None else explicit_agent_mode
    return bool(value) if value is not None else agent_detected()


def resolve(ctx: click.Context, servers: Sequence[Server]) -> Settings:
    """Combine flags, environment, config file and defaults."""
    from .config_file import ConfigFile

    flags = given(ctx)
    config = ConfigFile(config_path())
    agent = agent_mode_from(flags)
    timeout = parse_duration(flags["timeout"]) if flags.get("timeout") else 30.0
    headers = [parse_header(h, i + 1) for i, h in enumerate(flags.get("header", []))]
    return Settings(
        bearer=_bearer(flags, config),
        server_url=_server_url(flags, config, servers),
        output_format=flags.get("output_format") or ("toon" if agent else "pretty"),
        jq=flags.get("jq"),
        color=flags.get("color") or "auto",
        agent_mode=agent,
        interactive=not flags.get("no_interactive") and not agent and stdin_is_terminal(),
        dry_run=bool(flags.get("dry_run")),
        debug=bool(flags.get("debug")),
        headers=headers,
        include_headers=bool(flags.get("include_headers")),
        timeout=timeout,
        max_response_size=(
            parse_size(flags["max_response_size"])
            if flags.get("max_response_size")
            else DEFAULT_MAX_RESPONSE_SIZE
        ),
        config=config,
        retries=_retries(flags),
    )


def _bearer(flags: dict[str, Any], config: Any) -> str | None:
    """The bearer token and where it came from, checked: a stray CR must not reach the wire."""
    from . import redact

    value, origin = bearer_source(flags.get("bearer"), config)
    if not value:
        return None
    redact.remember(value, "token", credential=True)
    check_header_value(value, origin)
    if " " in value or "\t" in value:
        raise CliError(
            f"{origin}: the token contains a space; give the token alone, without 'Bearer '",
            EXIT_USAGE,
        )
    return str(value)


def _retries(flags: dict[str, Any]) -> int:
    if flags.get("no_retries"):
        return 0
    value = flags.get("retries")
    return int(value) if value is not None else DEFAULT_RETRIES


def bearer_env_var() -> str:
    from .._table import ENV_PREFIX

    return f"{ENV_PREFIX}_BEARER"


def bearer_source(flag: str | None, config: Any) -> tuple[str | None, str]:
    """The bearer token and where it came from: --bearer, the environment, the OS keychain, the config file.

    The keychain is asked only when 'auth login' put the token there (the
    config file says ``bearer_store: keychain``), so keyring is imported only then.
    """
    if flag:
        return flag, "--bearer"
    env_name = bearer_env_var()
    if os.environ.get(env_name):
        return os.environ[env_name], env_name
    if config.get("bearer_store") == "keychain":
        from .auth import keychain_get

        token = keychain_get()
        if token:
            return token, "the OS keychain"
    value = config.get("bearer")
    return (str(value) if value else None), f"{config.path}: bearer"


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _server_url(flags: dict[str, Any], config: Any, servers: Sequence[Server]) -> str:
    if flags.get("server_url"):
        return _checked_url(flags["server_url"], "--server-url")
    if flags.get("server") is not None:
        return _pick_server(str(flags["server"]), servers)
    env = os.environ.get(f"{_table.ENV_PREFIX}_SERVER_URL")
    if env:
        return _checked_url(env, f"{_table.ENV_PREFIX}_SERVER_URL")
    saved = config.get("server_url")
    if saved:
        return _checked_url(saved, f"{config.path}: server_url")
    if not servers:
        raise CliError(
            f"no server URL: give --server-url or set {_table.ENV_PREFIX}_SERVER_URL", EXIT_USAGE
        )
    return str(servers[0]["url"])


def _checked_url(value: str, origin: str) -> str:
    """An http(s) base URL with a valid host and port and no credentials in it."""
    from urllib.parse import urlsplit

    from . import redact

    shown = redact.url(value)
    try:
        parts = urlsplit(value)
        port = parts.port  # raises for a port out of range or not a number
    except ValueError as exc:
        raise CliError(f"{origin}: {shown!r} is not a valid URL: {exc}", EXIT_USAGE) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CliError(
            f"{origin}: {shown!r} is not an http(s) URL such as {_table.SERVERS[0]['url'] if _table.SERVERS else 'https://api.example.com'}",
            EXIT_USAGE,
        )
    if parts.username is not None or parts.password is not None:
        raise CliError(
            f"{origin}: {shown!r} has a user name or password in it; the API takes a bearer token: give it with --bearer",
            EXIT_USAGE,
        )
    if port == 0:
        raise CliError(f"{origin}: {shown!r} has port 0, which cannot be connected to", EXIT_USAGE)
    if any(c.isspace() or not c.isprintable() for c in value):
        raise CliError(
            f"{origin}: {shown!r} contains spaces or control characters; percent-encode them",
            EXIT_USAGE,
        )
    try:
        parts.hostname.encode("idna")
    except UnicodeError:
        raise CliError(f"{origin}: {shown!r} does not have a valid host name", EXIT_USAGE) from None
    return value.rstrip("/")


def _pick_server(choice: str, servers: Sequence[Server]) -> str:
    names = [s.get("name") for s in servers]
    if choice.isascii() and choice.isdigit() and int(choice) < len(servers):
        return str(servers[int(choice)]["url"])
    for server in servers:
        if server.get("name") == choice:
            return str(server["url"])
    known = ", ".join(f"{i}={n}" if n else str(i) for i, n in enumerate(names))
    raise CliError(f"--server: no server {choice!r}; choose one of {known}", EXIT_USAGE)
