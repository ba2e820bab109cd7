"""``<prog> configure``: save the bearer token, server URL and default service ID.

The file is written with mode 0600 through a temporary file and a rename, so
a token is never readable by others, not even for a moment, and an
interrupted write never leaves half a file.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

import click

from .. import _table
from . import redact
from .errors import EXIT_USAGE, CliError, warn
from .settings import config_path, given, read_config, stdin_is_terminal

KEYS = ("bearer", "server_url", "service_id")


def command() -> click.Command:
    env = _table.ENV_PREFIX

    @click.command(
        "configure",
        short_help="Save a bearer token, server URL and default service ID.",
        help=f"Save settings to ~/.config/{_table.CONFIG_DIR}/config.yaml (honouring XDG_CONFIG_HOME), readable only by you.\n\n"
        f"Flags and environment variables ({env}_BEARER, {env}_SERVER_URL, {env}_SERVICE_ID) still take precedence over what is saved.",
    )
    @click.option("--bearer", metavar="TOKEN", help="Bearer token to save.")
    @click.option("--server-url", metavar="URL", help="Default server URL to save.")
    @click.option("--service-id", metavar="ID", help="Default service ID to save.")
    @click.option(
        "--show",
        is_flag=True,
        help="Print the saved settings (the token masked) and change nothing.",
    )
    @click.option(
        "--no-interactive", is_flag=True, help="Never prompt; save only what the options give."
    )
    @click.pass_context
    def configure(
        ctx: click.Context,
        bearer: str | None,
        server_url: str | None,
        service_id: str | None,
        show: bool,
        no_interactive: bool,
    ) -> None:
        if show:
            _show(read_config())
            return
        config = _readable_config()
        updates = {
            "bearer": bearer or given(ctx).get("bearer"),
            "server_url": server_url or given(ctx).get("server_url"),
            "service_id": service_id,
        }
        if not any(updates.values()) and not no_interactive and stdin_is_terminal():
            updates["bearer"] = (
                click.prompt("Bearer token", hide_input=True, default="", show_default=False)
                or None
            )
            updates["server_url"] = (
                click.prompt(
                    "Server URL",
                    default=config.get("server_url") or "",
                    show_default=bool(config.get("server_url")),
                )
                or None
            )
            updates["service_id"] = (
                click.prompt(
                    "Default service ID",
                    default=str(config.get("service_id") or ""),
                    show_default=bool(config.get("service_id")),
                )
                or None
            )
        if not any(updates.values()):
            raise CliError(
                "nothing to save: give --bearer, --server-url or --service-id", EXIT_USAGE
            )
        if updates["bearer"]:
            from .settings import check_header_value

            redact.remember(updates["bearer"], "token", credential=True)
            check_header_value(updates["bearer"], "--bearer")
        if updates["server_url"]:
            from .settings import _checked_url

            updates["server_url"] = _checked_url(updates["server_url"], "--server-url")
        config.update({k: v for k, v in updates.items() if v})
        if updates["bearer"]:
            config.pop(
                "bearer_store", None
            )  # the token just given wins over one saved by 'auth login'
        path = save(config)
        click.echo(f"saved {', '.join(k for k in KEYS if updates.get(k))} to {path}")

    return configure


def _readable_config() -> dict[str, Any]:
    """The current settings to update; a broken file is replaced, which is how a user repairs it."""
    try:
        return read_config()
    except CliError as exc:
        warn(f"replacing the config file, which cannot be used: {exc.message}", "config_replaced")
        return {}


def save(config: dict[str, Any]) -> str:
    import yaml

    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".config-", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yaml.safe_dump({k: config[k] for k in sorted(config)}, handle, default_flow_style=False)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return str(path)


def _show(config: dict[str, Any]) -> None:
    click.echo(f"# {config_path()}")
    if config.get("bearer_store") == "keychain":
        click.echo("bearer: (in the OS keychain; see 'auth whoami')")
    for key in KEYS:
        value = config.get(key)
        if value is not None:
            shown = (
                redact.mask(str(value))
                if key == "bearer"
                else redact.url(str(value)) if key == "server_url" else value
            )
            click.echo(f"{key}: {shown}")
