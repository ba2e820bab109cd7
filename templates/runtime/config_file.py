"""The config file, read only when a setting is actually looked up in it.

A broken file therefore blocks only the commands that need it (``--help``,
``configure`` and a command given every value on the command line keep
working), and the error names the problem and its position. Values are
checked for type: a mapping where a service ID belongs is an error, not URL
garbage. A file that others can read gets a warning, as ssh gives one.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from .errors import EXIT_USAGE, CliError, warn

# The settings `configure` writes and the types each may have; other keys are option defaults.
_TYPES: dict[str, tuple[type, ...]] = {
    "bearer": (str,),
    "bearer_store": (str,),
    "server_url": (str,),
    "service_id": (str, int),
}
_SCALARS = (str, int, float)


class ConfigFile:
    """Lazy view of one config file; ``get`` reads and checks it the first time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: dict[str, Any] | None = None

    def load(self) -> dict[str, Any]:
        """All settings of the file (empty when there is none); raises a CliError when broken."""
        if self._data is None:
            self._data = _read(self.path)
        return self._data

    def get(self, key: str) -> Any:
        """One setting, checked for type; None when absent."""
        value = self.load().get(key)
        if value is None or value == "":
            return None
        allowed = _TYPES.get(key, _SCALARS)
        if isinstance(value, bool) or not isinstance(value, allowed):
            kinds = " or ".join(
                {"str": "a string", "int": "a whole number", "float": "a number"}[t.__name__]
                for t in allowed
            )
            raise CliError(
                f"{self.path}: '{key}' must be {kinds}, not {_describe(value)}",
                EXIT_USAGE,
                f"fix it with '{_prog()} configure' or edit the file",
            )
        return value


def _prog() -> str:
    from .._table import PROG

    return PROG


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise CliError(f"{path}: cannot read the config file: {exc.strerror}", EXIT_USAGE) from None
    _check_mode(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CliError(
            f"{path}: the config file is not UTF-8 text (byte {exc.start + 1})",
            EXIT_USAGE,
            _fix_hint(),
        ) from None
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise CliError(
            f"{path}{where}: the config file is not valid YAML: {problem}", EXIT_USAGE, _fix_hint()
        ) from None
    except RecursionError:
        raise CliError(
            f"{path}: the config file is nested too deeply", EXIT_USAGE, _fix_hint()
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CliError(
            f"{path}: the config file must be a mapping of settings (key: value lines), not {_describe(data)}",
            EXIT_USAGE,
            _fix_hint(),
        )
    return {str(key): value for key, value in data.items()}


def _fix_hint() -> str:
    return f"'{_prog()} configure' rewrites it"


def _check_mode(path: Path) -> None:
    """Warn when others may read the file: it holds a bearer token."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return
    if mode & 0o077 and os.name == "posix":  # Windows has no such bits
        warn(
            f"{path} is accessible by others (permissions {mode:04o}) although it may hold a bearer token",
            "config_permissions",
            f"fix it with: chmod 600 '{path}'",
        )
