"""Read an operation's pagination marker into the IR.

Two markers, one shape. Speakeasy's ``x-speakeasy-pagination`` (``type:
offsetLimit`` with an ``offset`` or ``page`` input and an optional ``limit``;
``type: cursor`` with a ``cursor`` input and ``outputs.nextCursor``) and ours,
``x-cli-pagination``, which also knows Authlete's ``type: startEnd``: a
``start`` and an ``end`` query parameter, ``outputs.totalCount`` and an
optional ``pageSize``. Inputs must be query parameters; outputs are simple
JSONPaths (``$.a.b``, ``$.a[0]``, ``$.a[-1].b``, ``$.a[(@.length-1)].b``).
"""

from __future__ import annotations

import re
from typing import Any

from generator.diagnostics import Diagnostic
from generator.ir import JsonPath, Option, PageKind, Pagination
from generator.load import Document

MARKERS = ("x-cli-pagination", "x-speakeasy-pagination")  # ours wins when both are present
_TYPES: dict[str, tuple[str, ...]] = {
    "offsetLimit": ("offset", "page", "limit"),
    "cursor": ("cursor", "limit"),
    "startEnd": ("start", "end"),
}
_STEP = re.compile(r"\.([A-Za-z_$][\w$-]*)|\[(-?\d+)\]|\[\(@\.length-1\)\]|\['([^']*)'\]|\[\"([^\"]*)\"\]")


def read(
    doc: Document, ptr: str, op: dict[str, Any], options: list[Option], problems: list[Diagnostic]
) -> Pagination | None:
    """The operation's pagination, or None; problems are located at the marker."""
    marker = next((m for m in MARKERS if m in op), None)
    if marker is None:
        return None
    here = f"{ptr}/{marker}"
    before = len(problems)
    spec = op[marker]
    if not isinstance(spec, dict):
        problems.append(doc.diag(here, f"{marker} must be a mapping with type, inputs and outputs"))
        return None
    kind_name = str(spec.get("type"))
    allowed = ("offsetLimit", "cursor", "startEnd") if marker == "x-cli-pagination" else ("offsetLimit", "cursor")
    if kind_name not in allowed:
        problems.append(
            doc.diag(f"{here}/type", f"pagination type {kind_name!r} is not supported; use one of {', '.join(allowed)}")
        )
        return None
    inputs = _inputs(doc, here, spec.get("inputs"), kind_name, options, problems)
    bad_inputs = len(problems) > before
    raw_outputs = spec.get("outputs")
    outputs: dict[str, Any] = raw_outputs if isinstance(raw_outputs, dict) else {}
    paths = {
        key: _path(doc, f"{here}/outputs/{key}", outputs.get(key), problems)
        for key in ("results", "nextCursor", "totalCount", "end", "numPages")
    }
    if "results" not in outputs:
        problems.append(
            doc.diag(f"{here}/outputs", "pagination needs outputs.results, the JSONPath of the list each page holds")
        )
    kind, cursor, limit = _kind(kind_name, inputs)
    if cursor is None and not bad_inputs:
        wanted = {
            "offsetLimit": "an offset or page input",
            "cursor": "a cursor input",
            "startEnd": "start and end inputs",
        }[kind_name]
        problems.append(doc.diag(f"{here}/inputs", f"pagination of type {kind_name} needs {wanted}"))
    if kind == "cursor" and "nextCursor" not in outputs:
        problems.append(doc.diag(f"{here}/outputs", "cursor pagination needs outputs.nextCursor"))
    page_size = spec.get("pageSize", 100)
    if not isinstance(page_size, int) or isinstance(page_size, bool) or page_size < 1:
        problems.append(doc.diag(f"{here}/pageSize", f"pageSize must be a positive integer, not {page_size!r}"))
    if len(problems) > before or cursor is None or paths["results"] is None:
        return None
    return Pagination(
        kind,
        cursor,
        limit,
        paths["results"],
        paths["nextCursor"],
        paths["totalCount"],
        paths["end"],
        paths["numPages"],
        page_size,
    )


def _inputs(
    doc: Document, here: str, raw: Any, kind_name: str, options: list[Option], problems: list[Diagnostic]
) -> dict[str, str]:
    """Input type -> query parameter name."""
    found: dict[str, str] = {}
    if not isinstance(raw, list):
        problems.append(doc.diag(f"{here}/inputs", "pagination inputs must be a list of {name, in, type}"))
        return found
    query = {o.wire_name for o in options if o.location == "query"}
    for index, item in enumerate(raw):
        at = f"{here}/inputs/{index}"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            problems.append(doc.diag(at, "a pagination input needs a name, in and type"))
            continue
        if item.get("in") != "parameters":
            problems.append(
                doc.diag(
                    f"{at}/in",
                    f"pagination input {item['name']!r}: only query parameters (in: parameters) are supported",
                )
            )
            continue
        if item.get("type") not in _TYPES[kind_name]:
            problems.append(
                doc.diag(
                    f"{at}/type",
                    f"pagination input type {item.get('type')!r} does not belong to {kind_name}; use {', '.join(_TYPES[kind_name])}",
                )
            )
            continue
        if item["name"] not in query:
            problems.append(
                doc.diag(f"{at}/name", f"pagination input {item['name']!r} is not a query parameter of this operation")
            )
            continue
        found[str(item["type"])] = item["name"]
    return found


def _kind(kind_name: str, inputs: dict[str, str]) -> tuple[PageKind, str | None, str | None]:
    if kind_name == "startEnd":
        both = "start" in inputs and "end" in inputs
        return "range", inputs["start"] if both else None, inputs.get("end")
    if kind_name == "cursor":
        return "cursor", inputs.get("cursor"), inputs.get("limit")
    if "page" in inputs:
        return "page", inputs["page"], inputs.get("limit")
    return "offset", inputs.get("offset"), inputs.get("limit")


def _path(doc: Document, at: str, text: Any, problems: list[Diagnostic]) -> JsonPath | None:
    """``$.data[-1].id`` -> ("data", -1, "id"); None when absent, an error when unreadable."""
    if text is None:
        return None
    if not isinstance(text, str) or not text.startswith("$"):
        problems.append(doc.diag(at, f"{text!r} is not a JSONPath starting with '$'"))
        return None
    steps: list[str | int] = []
    rest = text[1:]
    while rest:
        match = _STEP.match(rest)
        if not match:
            problems.append(
                doc.diag(
                    at,
                    f"JSONPath {text!r}: only .name, ['name'], [index] and [(@.length-1)] steps are supported (at {rest!r})",
                )
            )
            return None
        name, index, quoted, double = match.groups()
        if match.group(0) == "[(@.length-1)]":
            steps.append(-1)
        elif index is not None:
            steps.append(int(index))
        else:
            steps.append(next(s for s in (name, quoted, double) if s is not None))
        rest = rest[match.end() :]
    return tuple(steps)
