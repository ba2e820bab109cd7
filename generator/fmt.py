"""Format rendered Python with black, so output style never depends on templates' whitespace.

Black is the formatter of record, and the slowest stage, so it is made cheap
three ways without changing a byte of what it produces:

- a module is cut into top-level blocks (a class or function and what follows
  it) that black formats independently; the blocks are joined with the two
  blank lines black puts before every top-level definition;
- each block's formatted text is cached by a digest of its text, black's
  version and the mode, so a one-field change reformats one block;
- blocks not in the cache are formatted in worker processes, one per core.

Files that are already black output (``verbatim``: the runtime sources, data
emitted in black's own layout) are not formatted at all. Tests check all three
shortcuts against black run over each whole file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from generator import cache as cache_mod
from generator import layout
from generator.diagnostics import Diagnostic, GeneratorError

if TYPE_CHECKING:
    from black.mode import Mode

LINE_LENGTH = 100
TARGET = "py310"
# Below this many lines to format, starting worker processes costs more than it saves.
PARALLEL_MIN_LINES = 1500

_TOP_LEVEL_DEF = re.compile(r"(?:class |def |async def |@)")


def mode() -> Mode:
    from black.mode import Mode, TargetVersion

    return Mode(line_length=LINE_LENGTH, target_versions={TargetVersion[TARGET.upper()]})


def _key(block: str) -> str:
    return cache_mod.digest("black", cache_mod.tool_version("black"), str(LINE_LENGTH), TARGET, block)


def split_blocks(text: str) -> list[str]:
    """Cut a module before each top-level class or function that nothing attaches to.

    A definition right after a comment or a decorator stays with it, since black
    formats those as one unit. A cut inside a string or bracket makes a block
    that does not parse; ``format_tree`` then formats the whole file instead.
    """
    lines = text.splitlines(keepends=True)
    blocks: list[list[str]] = [[]]
    previous = ""  # the last non-blank line
    for line in lines:
        if _TOP_LEVEL_DEF.match(line) and previous and not previous.startswith(("#", "@")) and blocks[-1]:
            blocks.append([])
        blocks[-1].append(line)
        if line.strip():
            previous = line
    return ["".join(block) for block in blocks if "".join(block).strip()]


def format_tree(files: dict[str, str], verbatim: Iterable[str] = ()) -> dict[str, str]:
    """Black-format every .py file not in ``verbatim``; a template bug is reported by file and line.

    A top-level class block that ``layout`` can vouch for is laid out there; of
    it, black sees only the statements it would wrap. Other blocks go to black.
    """
    cache = cache_mod.current()
    keep = set(verbatim)
    plans: dict[str, list[str | tuple[str, bool]]] = {}  # text, or (job key, is a statement)
    formatted: dict[str, str] = {}
    todo: dict[str, tuple[str, bool]] = {}  # key -> (black's input, is a statement) not yet in the cache
    for path, text in files.items():
        if not path.endswith(".py") or path in keep:
            continue
        plan: list[str | tuple[str, bool]] = []
        for number, block in enumerate(split_blocks(text)):
            laid_out = layout.class_block(block) if block.startswith("class ") else None
            if number == 0 and laid_out is None:
                opening = layout.preamble(block)
                laid_out = None if opening is None else [opening]
            pieces: list[layout.Piece | _WholeBlock] = [_WholeBlock(block)] if laid_out is None else list(laid_out)
            if number:
                plan.append("\n\n")
            for piece in pieces:
                if isinstance(piece, str):
                    plan.append(piece)
                    continue
                statement = isinstance(piece, layout.Statement)
                job = piece.job() if isinstance(piece, layout.Statement) else piece.source
                key = _key(job)
                plan.append((key, statement))
                if key not in formatted and key not in todo:
                    hit = cache.get_text("black", key)
                    if hit is None:
                        todo[key] = (job, statement)
                    else:
                        formatted[key] = hit
        plans[path] = plan
    results, failed = _format_all(todo)
    for key, text in results.items():
        formatted[key] = text
        cache.put_text("black", key, text)
    out = dict(files)
    problems = []
    for path, plan in plans.items():
        if any(isinstance(item, tuple) and item[0] in failed for item in plan):
            try:
                out[path] = _format(files[path])  # a block boundary fell inside a string: do it whole
            except Exception as exc:  # black.InvalidInput, without importing black up front
                problems.append(_invalid(path, exc))
            continue
        out[path] = _assemble(plan, formatted) if plan else files[path]
    if problems:
        raise GeneratorError(problems)
    return out


class _WholeBlock:
    """A block black formats as a whole."""

    def __init__(self, source: str) -> None:
        self.source = source


def _assemble(plan: list[str | tuple[str, bool]], formatted: dict[str, str]) -> str:
    """The file from its pieces; blocks are separated by black's two blank lines."""
    parts: list[str] = []
    for item in plan:
        if isinstance(item, str):
            parts.append(item)
        else:
            key, statement = item
            text = formatted[key]
            parts.append(layout.Statement.result(text) if statement else text.rstrip("\n") + "\n")
    return "".join(parts)


def _format(text: str) -> str:
    import black

    return black.format_str(text, mode=mode())


Job = tuple[str, str, bool]  # key, black's input, whether it is a statement (see layout.Statement)


def _format_batch(batch: list[Job]) -> list[tuple[str, str | None]]:
    """Format blocks; None for a block black cannot parse on its own.

    Statements are formatted together, as one module, since black's cost per
    call would otherwise dominate; each comes back as its own ``class _:``.
    """
    from black.parsing import InvalidInput

    out: list[tuple[str, str | None]] = []
    statements = [(key, text) for key, text, statement in batch if statement]
    if statements:
        out += _format_statements(statements)
    for key, block, statement in batch:
        if not statement:
            try:
                out.append((key, _format(block)))
            except InvalidInput:
                out.append((key, None))
    return out


def _format_statements(statements: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    from black.parsing import InvalidInput

    separator = "\n\n\nclass _:\n"
    try:
        whole = _format("\n\n".join(text for _, text in statements))
    except InvalidInput:
        whole = ""
    parts = whole[len("class _:\n") :].split(separator) if whole.startswith("class _:\n") else []
    if len(parts) == len(statements):
        return [
            (key, "class _:\n" + part.rstrip("\n") + "\n") for (key, _), part in zip(statements, parts, strict=True)
        ]
    out: list[tuple[str, str | None]] = []
    for key, text in statements:  # one statement spoiled the batch: find it
        try:
            out.append((key, _format(text)))
        except InvalidInput:
            out.append((key, None))
    return out


def _format_all(todo: dict[str, tuple[str, bool]]) -> tuple[dict[str, str], set[str]]:
    """Format the given blocks, in worker processes when there is enough work to share."""
    if not todo:
        return {}, set()  # everything came from the cache: do not even import black
    items = sorted(((key, text, statement) for key, (text, statement) in todo.items()), key=lambda job: -len(job[1]))
    lines = sum(job[1].count("\n") for job in items)
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2 or lines < PARALLEL_MIN_LINES:
        done = _format_batch(items)
    else:
        done = _in_workers(items, workers)
    results = {key: text for key, text in done if text is not None}
    return results, {key for key, text in done if text is None}


def _in_workers(items: list[Job], workers: int) -> list[tuple[str, str | None]]:
    """Deal the blocks, largest first, into one balanced batch per worker."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    batches: list[list[Job]] = [[] for _ in range(workers)]
    sizes = [0] * workers
    for item in items:
        smallest = sizes.index(min(sizes))
        batches[smallest].append(item)
        sizes[smallest] += len(item[1])
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        parts = list(pool.map(_format_batch, batches))
    return [pair for part in parts for pair in part]


def _invalid(path: str, exc: Exception) -> Diagnostic:
    match = re.search(r":(\d+):\d+", str(exc))
    line = int(match.group(1)) if match else 1
    return Diagnostic(path, line, 1, "", f"rendered code is not valid Python (a template bug): {exc}")
