"""``<prog> completion bash|zsh|fish``: print a shell completion script."""

from __future__ import annotations

import click

from .. import _table

SHELLS = ("bash", "zsh", "fish")


def _complete_var() -> str:
    return "_" + _table.PROG.upper().replace("-", "_") + "_COMPLETE"


def command() -> click.Command:
    @click.command(
        "completion",
        help=f'Print a completion script for your shell.\n\nbash: eval "$({_table.PROG} completion bash)"\n\nzsh: eval "$({_table.PROG} completion zsh)"\n\nfish: {_table.PROG} completion fish | source',
        short_help="Print a shell completion script (bash, zsh or fish).",
    )
    @click.argument("shell", type=click.Choice(SHELLS))
    def completion(shell: str) -> None:
        from click.shell_completion import get_completion_class

        from .app import root

        cls = get_completion_class(shell)
        assert cls is not None  # SHELLS only lists shells click knows
        click.echo(cls(root(), {}, _table.PROG, _complete_var()).source())

    return completion
