"""Format rendered Python with black, so output style never depends on templates' whitespace."""

from __future__ import annotations

import black

from generator.diagnostics import Diagnostic, GeneratorError

MODE = black.Mode(line_length=100, target_versions={black.TargetVersion.PY310})


def format_tree(files: dict[str, str]) -> dict[str, str]:
    """Black-format every .py file; a template that renders invalid Python is reported by file and line."""
    out = {}
    problems = []
    for path in sorted(files):
        text = files[path]
        if path.endswith(".py"):
            try:
                text = black.format_str(text, mode=MODE)
            except black.InvalidInput as exc:
                line = _line(str(exc))
                problems.append(
                    Diagnostic(path, line, 1, "", f"rendered code is not valid Python (a template bug): {exc}")
                )
        out[path] = text
    if problems:
        raise GeneratorError(problems)
    return out


def _line(message: str) -> int:
    import re

    match = re.search(r":(\d+):\d+", message)
    return int(match.group(1)) if match else 1
