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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .errors import EXIT_USAGE, CliError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .surface import Server

META_KEY = "authlete.globals"
OUTPUT_FORMATS = ("pretty", "json", "yaml", "table", "toon", "http")
COLOR_MODES = ("auto", "always", "never")
# Environment variables that mark a session driven by an AI coding agent.
AGENT_ENV_VARS = ("CLAUDECODE", "CLAUDE_CODE", "CURSOR_AGENT", "CODEX_SANDBOX", "GEMINI_CLI", "AIDER_MODEL", "CLINE_TASK", "AGENT_MODE_AUTHLETE")
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

    return ", ".join(f"{s['name']} ({i})" if s.get("name") else str(i) for i, s in enumerate(SERVERS)) or "none defined"


def global_options() -> list[click.Option]:
    """Fresh click options; each command gets its own instances."""
    opts = [
        click.Option(["--bearer"], metavar="TOKEN", help="Bearer token sent as 'Authorization: Bearer <token>': a Service Access Token or an Organization Token. Defaults to $AUTHLETE_BEARER, then the config file."),
        click.Option(["--server-url"], metavar="URL", help="Base URL of the API, overriding --server. Defaults to $AUTHLETE_SERVER_URL, then the config file."),
        click.Option(["--server"], metavar="NAME|INDEX", help=f"Pick one of the spec's servers by name or index: {_server_list()}."),
        click.Option(["-o", "--output-format"], type=click.Choice(OUTPUT_FORMATS), help="Output format: pretty (default), json, yaml, table, toon, or http (the HTTP response your server sends its client for this answer)."),
        click.Option(["-q", "--jq"], metavar="EXPR", help="Filter and transform the response with a jq expression, e.g. '.accessToken'."),
        click.Option(["--color"], type=click.Choice(COLOR_MODES), help="Colour: auto (when printing to a terminal), always or never. Honours NO_COLOR and FORCE_COLOR."),
        click.Option(["--agent-mode"], is_flag=True, default=None, help="Errors as JSON on stderr and toon output, for AI agents. On by default when an agent environment is detected; --agent-mode=false turns it off."),
        click.Option(["--no-interactive"], is_flag=True, default=None, help="Never prompt, even on a terminal."),
        click.Option(["--dry-run"], is_flag=True, default=None, help="Print the request that would be sent to stderr (secrets masked) and send nothing."),
        click.Option(["-d", "--debug"], is_flag=True, default=None, help="Log request and response diagnostics to stderr (secrets masked)."),
        click.Option(["-H", "--header"], multiple=True, metavar="'KEY: VALUE'", help="Add an HTTP request header; repeat for more."),
        click.Option(["--include-headers"], is_flag=True, default=None, help="Print the status line and response headers before the body."),
        click.Option(["--timeout"], metavar="DURATION", help="Request timeout such as 100ms, 30s or 5m (default 30s)."),
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
                raise CliError(f"--agent-mode: {value!r} is not a boolean; use --agent-mode=true or --agent-mode=false", EXIT_USAGE)
            explicit_agent_mode = value in _TRUE
            continue
        out.append(arg)
    return out


def given(ctx: click.Context) -> dict[str, Any]:
    """Global options given on the command line so far."""
    bag: dict[str, Any] = ctx.find_root().meta.get(META_KEY, {})
    return bag


def parse_duration(text: str) -> float:
    """'100ms' -> 0.1, '30s' -> 30, '5m' -> 300, '2' -> 2 seconds."""
    match = _DURATION.match(text)
    if not match or float(match.group(1)) <= 0:
        raise CliError(f"--timeout: {text!r} is not a duration; use a positive number with ms, s, m or h, e.g. 30s", EXIT_USAGE)
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_header(text: str) -> tuple[str, str]:
    name, sep, value = text.partition(":")
    if not sep or not name.strip() or any(c in name for c in " \t\r\n"):
        raise CliError(f"--header: {text!r} is not 'Key: Value'", EXIT_USAGE)
    if "\n" in value or "\r" in value:
        raise CliError(f"--header: the value of {name.strip()!r} contains a line break", EXIT_USAGE)
    return name.strip(), value.strip()


def config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "authlete" / "config.yaml"


def read_config() -> dict[str, Any]:
    """The config file's settings; a broken file is an error, a missing one is not."""
    path = config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise CliError(f"{path}: cannot read the config file: {exc.strerror}", EXIT_USAGE) from None
    import yaml

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise CliError(f"{path}{where}: the config file is not valid YAML", EXIT_USAGE) from None
    if not isinstance(data, dict):
        raise CliError(f"{path}: the config file must be a mapping of settings", EXIT_USAGE)
    return {str(key): value for key, value in data.items()}


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
    config: dict[str, Any] = field(default_factory=dict)


def agent_mode_from(flags: dict[str, Any]) -> bool:
    value = flags.get("agent_mode") if explicit_agent_mode is None else explicit_agent_mode
    return bool(value) if value is not None else agent_detected()


def resolve(ctx: click.Context, servers: Sequence[Server]) -> Settings:
    """Combine flags, environment, config file and defaults."""
    flags = given(ctx)
    config = read_config()
    agent = agent_mode_from(flags)
    env = os.environ
    return Settings(
        bearer=flags.get("bearer") or env.get("AUTHLETE_BEARER") or _text(config.get("bearer")),
        server_url=_server_url(flags, config, servers),
        output_format=flags.get("output_format") or ("toon" if agent else "pretty"),
        jq=flags.get("jq"),
        color=flags.get("color") or "auto",
        agent_mode=agent,
        interactive=not flags.get("no_interactive") and not agent and stdin_is_terminal(),
        dry_run=bool(flags.get("dry_run")),
        debug=bool(flags.get("debug")),
        headers=[parse_header(h) for h in flags.get("header", [])],
        include_headers=bool(flags.get("include_headers")),
        timeout=parse_duration(flags["timeout"]) if flags.get("timeout") else 30.0,
        config=config,
    )


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _server_url(flags: dict[str, Any], config: dict[str, Any], servers: Sequence[Server]) -> str:
    if flags.get("server_url"):
        return _checked_url(flags["server_url"], "--server-url")
    if flags.get("server") is not None:
        return _pick_server(str(flags["server"]), servers)
    for value, origin in ((os.environ.get("AUTHLETE_SERVER_URL"), "AUTHLETE_SERVER_URL"), (_text(config.get("server_url")), "config file server_url")):
        if value:
            return _checked_url(value, origin)
    if not servers:
        raise CliError("no server URL: give --server-url or set AUTHLETE_SERVER_URL", EXIT_USAGE)
    return str(servers[0]["url"])


def _checked_url(value: str, origin: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CliError(f"{origin}: {value!r} is not an http(s) URL such as https://us.authlete.com", EXIT_USAGE)
    return value.rstrip("/")


def _pick_server(choice: str, servers: Sequence[Server]) -> str:
    names = [s.get("name") for s in servers]
    if choice.isdigit() and int(choice) < len(servers):
        return str(servers[int(choice)]["url"])
    for server in servers:
        if server.get("name") == choice:
            return str(server["url"])
    known = ", ".join(f"{i}={n}" if n else str(i) for i, n in enumerate(names))
    raise CliError(f"--server: no server {choice!r}; choose one of {known}", EXIT_USAGE)
