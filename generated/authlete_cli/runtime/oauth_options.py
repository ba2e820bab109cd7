"""--client-assertion-key and --client-assertion-audience on the commands x-cli-oauth names.

Apart from runtime/oauth.py so that every run of such a command (a dry run
too) does not import the signing code: only a given key needs it.
"""

from __future__ import annotations

from typing import Any

import click

META_KEY = "cli.oauth"  # where the options' values wait in the root context's meta


def given(ctx: click.Context | None) -> dict[str, str]:
    """The assertion options given on this command line (empty: oauth.py is not needed)."""
    values: dict[str, str] = ctx.find_root().meta.get(META_KEY, {}) if ctx else {}
    return values


def _store(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None:
        ctx.find_root().meta.setdefault(META_KEY, {})[param.name] = value
    return value


def add_options(command: click.Command) -> click.Command:
    """Give a generated command --client-assertion-key and --client-assertion-audience (once)."""
    if getattr(command, "_oauth_ready", False):
        return command
    for decls, metavar, text in (
        (
            ["--client-assertion-key"],
            "KEY.pem",
            "Sign an RFC 7523 client assertion with this private key and add client_assertion and client_assertion_type to the form parameters. The client ID comes from the client_id parameter or --client-id.",
        ),
        (
            ["--client-assertion-audience"],
            "URL",
            "The assertion's aud: your token endpoint URL. Defaults to --htu.",
        ),
    ):
        option = click.Option(
            decls, metavar=metavar, help=text, expose_value=False, callback=_store
        )
        option.rich_help_panel = "Request"  # type: ignore[attr-defined]
        command.params.append(option)
    command._oauth_ready = True  # type: ignore[attr-defined]
    return command
