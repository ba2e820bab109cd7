"""``auth login``, ``auth whoami`` and ``auth logout``: the bearer token in the OS keychain.

``login`` stores the token through the ``keyring`` package when a keychain
is available and notes ``bearer_store: keychain`` in the config file, so that
ordinary commands import keyring only when a token really is there (start-up
stays fast). Without a usable keychain the token goes into the 0600 config
file instead, and login says so.

Lookup order of every command: --bearer, then $<PROG>_BEARER, then the
keychain, then the config file.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from .. import _table
from . import redact
from .errors import EXIT_USAGE, CliError
from .settings import (
    bearer_env_var,
    bearer_source,
    config_path,
    given,
    read_config,
    stdin_is_terminal,
)

KEYCHAIN_MARK = "bearer_store"  # config key saying the token lives in the keychain
_ACCOUNT = "bearer"


def _service() -> str:
    """The keychain entry's service name: the program's name, so two generated CLIs never share one."""
    return _table.PROG


def keychain_get() -> str | None:
    """The token saved in the keychain, or None when there is none or no keychain can be read."""
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(_service(), _ACCOUNT)
        except KeyringError:
            return None
    except (
        Exception
    ):  # a broken backend must not stop a command that has other ways to authenticate
        return None


def _keychain() -> tuple[Any, str | None]:
    """The keyring module and None, or None and why no keychain can be used."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None, "the keyring package is not installed"
    try:
        backend = keyring.get_keyring()
    except Exception as exc:
        return None, f"{exc.__class__.__name__}: {exc}"
    if isinstance(backend, fail.Keyring):
        return None, "no OS keychain backend is available"
    return keyring, None


def backend_name() -> str:
    keyring, why = _keychain()
    if keyring is None:
        return f"none ({why})"
    backend = keyring.get_keyring()
    return str(getattr(backend, "name", None) or backend.__class__.__name__)


def command() -> click.Group:
    @click.group("auth", short_help="Save, show or remove the bearer token (OS keychain).")
    def auth() -> None:
        """Keep the bearer token in the OS keychain (through the keyring package), else in the config file.

        Every command looks for a token in this order: --bearer, the environment
        variable, the keychain, the config file.
        """

    @auth.command("login", short_help="Save a bearer token in the OS keychain.")
    @click.option(
        "--bearer",
        metavar="TOKEN",
        help="The token to save; prompted for (hidden) on a terminal when left out.",
    )
    @click.option(
        "--no-keychain",
        is_flag=True,
        help="Save to the config file (mode 0600) even when a keychain is available.",
    )
    def login(bearer: str | None, no_keychain: bool) -> None:
        """Save a bearer token: in the OS keychain when one is available, else in the 0600 config file."""
        if not bearer and stdin_is_terminal():
            bearer = (
                click.prompt("Bearer token", hide_input=True, default="", show_default=False)
                or None
            )
        if not bearer or not bearer.strip():
            raise CliError(
                "no token to save: give --bearer TOKEN (or run on a terminal to be asked)",
                EXIT_USAGE,
            )
        bearer = bearer.strip()
        from .configure import save

        config = read_config()
        keyring, why = (None, "--no-keychain") if no_keychain else _keychain()
        if keyring is not None:
            try:
                keyring.set_password(_service(), _ACCOUNT, bearer)
            except Exception as exc:
                keyring, why = None, f"the keychain refused it: {exc.__class__.__name__}: {exc}"
        if keyring is not None:
            config.pop("bearer", None)
            config[KEYCHAIN_MARK] = "keychain"
            save(config)
            click.echo(
                f"saved the bearer token {redact.mask(bearer)} in the OS keychain ({backend_name()})"
            )
            return
        config.pop(KEYCHAIN_MARK, None)
        config["bearer"] = bearer
        path = save(config)
        click.echo(f"saved the bearer token {redact.mask(bearer)} to {path} (readable only by you)")
        if not no_keychain:
            sys.stderr.write(f"{_table.PROG}: note: not stored in an OS keychain: {why}\n")

    @auth.command("whoami", short_help="Say which bearer token is in use and where it comes from.")
    @click.option(
        "--bearer",
        metavar="TOKEN",
        help="A token given on the command line, as other commands would take it.",
    )
    def whoami(bearer: str | None) -> None:
        """Print where the token in use comes from and its first characters; nothing is sent."""
        from .config_file import ConfigFile

        token, origin = bearer_source(
            bearer or given(click.get_current_context()).get("bearer"), ConfigFile(config_path())
        )
        if not token:
            raise CliError(
                f"no bearer token: give --bearer, set {bearer_env_var()}, or run '{_table.PROG} auth login'",
                EXIT_USAGE,
            )
        if origin == "the OS keychain":
            source = f"the OS keychain ({backend_name()})"
        elif origin == "--bearer":
            source = "the --bearer option"
        elif origin == bearer_env_var():
            source = f"the {origin} environment variable"
        else:
            source = f"the config file {config_path()}"
        click.echo(f"token:  {redact.mask(token)}")
        click.echo(f"source: {source}")

    @auth.command("logout", short_help="Remove the saved bearer token.")
    def logout() -> None:
        """Remove the token from the OS keychain and from the config file."""
        from .configure import save

        config = read_config()
        removed = []
        keyring, _ = _keychain()
        if keyring is not None and (config.get(KEYCHAIN_MARK) or keychain_get()):
            try:
                keyring.delete_password(_service(), _ACCOUNT)
                removed.append("the OS keychain")
            except Exception:
                pass  # nothing stored there
        if "bearer" in config or KEYCHAIN_MARK in config:
            if "bearer" in config:
                removed.append(str(config_path()))
            config.pop("bearer", None)
            config.pop(KEYCHAIN_MARK, None)
            save(config)
        click.echo(
            f"removed the bearer token from {' and '.join(removed)}"
            if removed
            else "no saved bearer token"
        )
        if os.environ.get(bearer_env_var()):
            sys.stderr.write(
                f"{_table.PROG}: note: {bearer_env_var()} is still set in this environment and will be used\n"
            )

    return auth
