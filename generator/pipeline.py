"""The stages in order; each command of the generator CLI is a few calls here."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from generator import cache
from generator.build import build
from generator.diagnostics import Diagnostic, GeneratorError
from generator.diagnostics import strict as strict_
from generator.fmt import format_tree
from generator.ir import Api
from generator.load import Document, load
from generator.render import TEMPLATES, render
from generator.validate import validate

DEFAULT_SPEC = Path(__file__).resolve().parent.parent / "specs" / "authlete.yaml"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "generated"
DEFAULT_PACKAGE = "authlete_cli"


def analyse(
    spec: Path,
    package: str = DEFAULT_PACKAGE,
    skip: frozenset[str] = frozenset(),
    strict: bool = False,
    overlays: Sequence[Path] = (),
) -> tuple[Document, Api]:
    """load -> overlays -> validate -> IR (with names); the IR's notes hold every warning and note.

    Errors of a later stage are reported together with the warnings found
    before them; under ``strict`` a warning stops generation like an error.
    """
    from generator.overlay import apply_overlays

    doc, remarks = apply_overlays(load(spec), overlays)
    try:
        remarks = remarks + checked(doc)
        api = build(doc, package, skip)
    except GeneratorError as exc:
        earlier = strict_(remarks) if strict else remarks
        raise GeneratorError(sorted(set(exc.diagnostics) | set(earlier))) from None
    found = sorted(set(remarks) | set(api.notes))
    if strict and any(d.severity == "warning" for d in found):
        raise GeneratorError(strict_(found))
    return doc, replace(api, notes=tuple(found))


def checked(doc: Document) -> list[Diagnostic]:
    """Validate ``doc`` (its warnings and notes), unless this very text already passed.

    Only a pass is cached, keyed by the file's name and text, the generator and
    the validator: a spec with errors is checked afresh every time. A document
    changed by overlays has no digest of its own and is always checked.
    """
    store = cache.current()
    key = cache.digest(
        "validate", cache.generator_version(), cache.tool_version("openapi-spec-validator"), doc.path, doc.digest
    )
    hit = store.get("validate", key) if doc.digest else None
    if hit is not None:
        found: list[Diagnostic] = pickle.loads(hit)  # our own cache folder, written by this code
        return found
    result = list(validate(doc))
    if doc.digest:
        store.put("validate", key, pickle.dumps(result))
    return result


def produce(
    spec: Path,
    package: str = DEFAULT_PACKAGE,
    skip: frozenset[str] = frozenset(),
    templates: Path = TEMPLATES,
    strict: bool = False,
    overlays: Sequence[Path] = (),
) -> tuple[dict[str, str], Api]:
    """The complete, formatted output tree in memory, and the IR it came from (for its notes)."""
    doc, api = analyse(spec, package, skip, strict, overlays)
    return render_tree(api, doc, templates), api


def render_tree(api: Api, doc: Document, templates: Path = TEMPLATES) -> dict[str, str]:
    """render -> fmt: the output tree of an analysed spec."""
    files = render(api, doc, templates)
    return format_tree(files, verbatim=verbatim(files, api.package))


def verbatim(files: dict[str, str], package: str) -> set[str]:
    """Files that are black's output already, never run through it again.

    The command index and tables are literals written in black's layout; the
    runtime sources are kept black-formatted (``make lint``) and ship as they
    are. Tests run black over every generated file to keep both true.
    """
    data = {p for p in files if p == f"{package}/_table.py" or p.startswith(f"{package}/commands/")}
    return data | {p for p in files if p.startswith(f"{package}/runtime/")}
