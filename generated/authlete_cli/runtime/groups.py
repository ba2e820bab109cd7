"""The command tables, read one group module at a time (their types are in surface.py)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .surface import BodyCheck, Command

_PACKAGE = __name__.rsplit(".", 2)[0]


def commands_of(module: str) -> dict[str, Command]:
    """The entries of one group module, keyed by the whole command ('token process')."""
    loaded = importlib.import_module(f"{_PACKAGE}.commands.{module}")
    table: dict[str, Command] = loaded.COMMANDS
    return table


def checks_of(words: str) -> dict[str, BodyCheck]:
    """The request checks of a command's group, by model: only a command that sends a JSON or form
    body of a model reads them, and its group always has the module (generator/render.py)."""
    loaded = importlib.import_module(f"{_PACKAGE}.checks.{_module(words)}")
    checks: dict[str, BodyCheck] = loaded.CHECKS
    return checks


def _module(words: str) -> str:
    """The module of the group a command belongs to."""
    from .. import _table

    *parents, _ = words.split(" ")
    module = _table.GROUPS[" ".join(parents)]["module"]
    if module is None:
        raise KeyError(words)
    return module


def command(words: str) -> Command:
    """The entry of one command, reading only its own group's module."""
    return commands_of(_module(words))[words]


def all_commands() -> dict[str, Command]:
    """Every command (``--usage`` and tools need them all; a single command never does)."""
    from .. import _table

    out: dict[str, Command] = {}
    for group in _table.GROUPS.values():
        if group["module"] is not None:
            out.update(commands_of(group["module"]))
    return dict(sorted(out.items()))
