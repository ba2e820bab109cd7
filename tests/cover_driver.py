"""Drive one generated package in one process: imports, every --help, every example against a server.

Run as ``python cover_driver.py PACKAGE [SERVER_URL]`` with the package on PYTHONPATH; prints one
JSON report on stdout. One process per package keeps the coverage test to seconds, not minutes.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import shlex
import sys
from typing import Any


class _Stdout(io.StringIO):
    """A text stdout that also takes bytes (a binary response body) like sys.stdout.buffer."""

    def __init__(self) -> None:
        super().__init__()
        self.buffer = io.BytesIO()


def _run(main: Any, args: list[str]) -> dict[str, Any]:
    out, err = _Stdout(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:  # pragma: no cover - main() returns codes; this would be a bug
            code = exc.code if isinstance(exc.code, int) else 1
    raw = out.buffer.getvalue()  # click writes help through the binary buffer when there is one
    text = out.getvalue() + raw.decode("utf-8", "replace")
    return {"args": args, "code": code, "out": text, "err": err.getvalue(), "binary": len(raw)}


def main() -> None:
    package = sys.argv[1]
    server = sys.argv[2] if len(sys.argv) > 2 else None
    table = importlib.import_module(f"{package}._table")
    importlib.import_module(f"{package}.client")
    importlib.import_module(f"{package}.models")
    app = importlib.import_module(f"{package}.runtime.app")
    report: dict[str, Any] = {"prog": table.PROG, "help": [], "runs": []}
    report["help"].append(_run(app.main, ["--help"]))
    for group in table.GROUPS:
        if group:
            report["help"].append(_run(app.main, [*group.split(), "--help"]))
    commands = importlib.import_module(f"{package}.runtime.surface").all_commands()
    for command in commands:
        report["help"].append(_run(app.main, [*command.split(), "--help"]))
    if server:
        for command, entry in commands.items():
            words = shlex.split(entry["example"])[1:]
            args = [*words, "--server-url", server, "--bearer", "cover-token", "--include-headers", "--no-interactive"]
            result = _run(app.main, args)
            result["command"] = command
            report["runs"].append(result)
    sys.__stdout__.write(json.dumps(report))


if __name__ == "__main__":
    main()
