"""The stages in order; each command of the generator CLI is a few calls here."""

from __future__ import annotations

from pathlib import Path

from generator.build import build
from generator.fmt import format_tree
from generator.ir import Api
from generator.load import Document, load
from generator.render import TEMPLATES, render
from generator.validate import validate

DEFAULT_SPEC = Path(__file__).resolve().parent.parent / "specs" / "authlete.yaml"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "generated"
DEFAULT_PACKAGE = "authlete_cli"


def analyse(spec: Path, package: str = DEFAULT_PACKAGE, skip: frozenset[str] = frozenset()) -> tuple[Document, Api]:
    """load -> validate -> IR (with names)."""
    doc = load(spec)
    validate(doc)
    return doc, build(doc, package, skip)


def produce(
    spec: Path, package: str = DEFAULT_PACKAGE, skip: frozenset[str] = frozenset(), templates: Path = TEMPLATES
) -> tuple[dict[str, str], Api]:
    """The complete, formatted output tree in memory, and the IR it came from (for its notes)."""
    doc, api = analyse(spec, package, skip)
    return format_tree(render(api, doc, templates)), api
