"""The stages in order; each command of the generator CLI is a few calls here."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator import cache, revalidate
from generator.diagnostics import Diagnostic, GeneratorError
from generator.diagnostics import strict as strict_
from generator.load import Document, load
from generator.paths import DEFAULT_PACKAGE, TEMPLATES
from generator.prose import replace_prose
from generator.validate import content, finish, structural

# The later stages (build, render, fmt, background) are imported where they run, after the spec is
# loaded and the background processes are started: a regeneration whose schemas changed waits on
# datamodel-code-generator's process, and the sooner it starts, the sooner the run ends.
if TYPE_CHECKING:
    from generator.background import Job
    from generator.ir import Api


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
    doc, api, _ = _run(spec, package, skip, strict, overlays, None)
    return doc, api


def produce(
    spec: Path,
    package: str = DEFAULT_PACKAGE,
    skip: frozenset[str] = frozenset(),
    templates: Path = TEMPLATES,
    strict: bool = False,
    overlays: Sequence[Path] = (),
) -> tuple[dict[str, str], Api]:
    """The complete, formatted output tree in memory, and the IR it came from (for its notes)."""
    _, api, files = _run(
        spec, package, skip, strict, overlays, lambda doc, api: render_tree(api, doc, templates), prewarm=True
    )
    assert files is not None
    return files, api


def _run(
    spec: Path,
    package: str,
    skip: frozenset[str],
    strict: bool,
    overlays: Sequence[Path],
    then: Callable[[Document, Api], dict[str, str]] | None,
    prewarm: bool = False,
) -> tuple[Document, Api, dict[str, str] | None]:
    """Analyse the spec, and ``then`` render it while the slow validation runs in the background.

    The outcome is the one of doing it all in order: an invalid spec reports
    its validation errors even when building or rendering it failed too (they
    ran on a spec not yet known to be valid), and nothing is rendered for good
    until validation passed.
    """
    from generator.models import prewarm as models_prewarm

    doc = load(spec)
    remarks: list[Diagnostic] = []
    if overlays:
        from generator.overlay import apply_overlays

        doc, remarks = apply_overlays(doc, overlays)
    with models_prewarm(doc) if prewarm else contextlib.nullcontext():
        return _analysed(doc, remarks, package, skip, strict, then)


def _analysed(
    doc: Document,
    remarks: list[Diagnostic],
    package: str,
    skip: frozenset[str],
    strict: bool,
    then: Callable[[Document, Api], dict[str, str]] | None,
) -> tuple[Document, Api, dict[str, str] | None]:
    try:
        validation = Validation(doc)
    except GeneratorError as exc:
        raise _with(exc, remarks, strict) from None
    with validation:
        from generator.build import build

        try:
            api = build(doc, package, skip)
        except Exception as exc:
            found = _validated(validation, remarks, strict)  # an invalid spec's errors come first
            if isinstance(exc, GeneratorError):
                raise _with(exc, found, strict) from None
            raise
        try:
            out = then(doc, api) if then is not None else None
        except Exception:
            _finish(api, _validated(validation, remarks, strict), strict)
            raise
        api = _finish(api, _validated(validation, remarks, strict), strict)
    return doc, api, out


def _validated(validation: Validation, remarks: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    """``remarks`` and the spec's warnings and notes, or the spec's errors raised with ``remarks``."""
    try:
        return remarks + validation.result()
    except GeneratorError as exc:
        raise _with(exc, remarks, strict) from None


def _with(exc: GeneratorError, earlier: list[Diagnostic], strict: bool) -> GeneratorError:
    return GeneratorError(sorted(set(exc.diagnostics) | set(strict_(earlier) if strict else earlier)))


def _finish(api: Api, remarks: list[Diagnostic], strict: bool) -> Api:
    found = sorted(set(remarks) | set(api.notes))
    if strict and any(d.severity == "warning" for d in found):
        raise GeneratorError(strict_(found))
    return replace(api, notes=tuple(found))


class Validation:
    """The spec's diagnostics: our structural checks at once, the slow ones from the cache or in the background.

    The slow checks (examples against schemas, the OpenAPI schema) are keyed
    on the spec with its prose blanked out, the structural findings, the
    generator and the validators' versions: editing a description reruns
    nothing. Cached findings are stored by JSON pointer and located afresh, so
    lines that moved are reported where they are now. Only a pass is cached: a
    spec with errors is checked again every time. On a miss, the OpenAPI
    validator runs on only the parts changed since the last version it passed
    without a word, when that is provably the same (generator/revalidate.py).
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.ours = structural(doc)
        self.store = cache.current()
        blanked = None if self.store.root is None else replace_prose(doc.data, lambda _: "")
        self.key = "" if blanked is None else self._key(blanked)
        self.lineage = "" if blanked is None else revalidate.lineage(doc)
        self.found: list[Diagnostic] | None = None
        self.how = "cached"  # or how the slow checks ran: for tests and the curious
        self.job: Job[list[Diagnostic]] | Job[revalidate.Result] | None = None
        hit = self.store.get_text("validate", self.key)
        if hit is not None:
            self.found = [doc.diag(ptr, message, severity) for ptr, message, severity in json.loads(hit)]
            return
        from generator.background import Job

        if self.store.root is None:  # nothing to remember an outline in
            self.job = Job(content, doc, self.ours, fork=True)
        else:
            previous = self.store.get_text(revalidate.STAGE, self.lineage)
            self.job = Job(revalidate.revalidate, doc, self.ours, blanked, previous, fork=True)

    def _key(self, blanked: object) -> str:
        return cache.digest(
            "validate",
            cache.generator_version(),
            *(cache.tool_version(t) for t in revalidate.TOOLS),
            repr(blanked),
            "\0".join(self.doc.positions),
            json.dumps([_triple(d) for d in self.ours]),
        )

    def result(self) -> list[Diagnostic]:
        """Warnings and notes; GeneratorError with every error of the spec."""
        if self.found is None:
            assert self.job is not None
            outcome = self.job.result()
            if isinstance(outcome, revalidate.Result):
                self.found, self.how = outcome.found, outcome.how
                if outcome.outline is not None:
                    self.store.put_text(revalidate.STAGE, self.lineage, outcome.outline)
            else:
                self.found, self.how = outcome, "full: no cache"
            passed = not any(d.severity == "error" for d in self.found)
            if passed:
                self.store.put_text("validate", self.key, json.dumps([_triple(d) for d in self.found]))
        return finish(self.ours, self.found)

    def __enter__(self) -> Validation:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.job is not None:
            self.job.__exit__()


def _triple(d: Diagnostic) -> tuple[str, str, str]:
    return d.pointer, d.message, d.severity


def render_tree(api: Api, doc: Document, templates: Path = TEMPLATES) -> dict[str, str]:
    """render -> fmt: the output tree of an analysed spec."""
    from generator.fmt import format_tree
    from generator.render import render

    files = render(api, doc, templates)
    kept = verbatim(files, api.package)
    return format_tree(files, verbatim=kept, laid_out=laid_out(files, api.package) - kept)


def laid_out(files: dict[str, str], package: str) -> set[str]:
    """Files our templates write in black's layout, but for lines that may come out too long (the client:
    a long operation name); ``fmt`` hands black only what holds such lines."""
    client = f"{package}/client.py"
    return {client} if client in files else set()


def verbatim(files: dict[str, str], package: str) -> set[str]:
    """Files that are black's output already, never run through it again.

    The command index, tables and request checks, the outcome mappings and the
    package's ``__init__`` are literals and static text written in black's layout,
    and so is the client (generator/layout.py) unless a line of its code came out
    too long, which black would wrap its own way; the runtime sources are kept
    black-formatted (``make lint``) and ship as they are. Tests run black over
    every generated file to keep all of it true.
    """
    ours = {f"{package}/{name}" for name in ("_table.py", "_outcomes.py", "__init__.py", "__main__.py")}
    data = {p for p in files if p in ours or p.startswith((f"{package}/commands/", f"{package}/checks/"))}
    from generator import layout

    client = f"{package}/client.py"
    if client in files and layout.code_fits(files[client]):
        data.add(client)
    return data | {p for p in files if p.startswith(f"{package}/runtime/")}
