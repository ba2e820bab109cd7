"""Format rendered Python with black, so output style never depends on templates' whitespace.

Black is the formatter of record, and the slowest stage, so it is made cheap
three ways without changing a byte of what it produces:

- a module is cut into top-level blocks (a class or function and what follows
  it) that black formats independently; the blocks are joined with the two
  blank lines black puts before every top-level definition;
- each block's formatted text is cached by a digest of its text, black's
  version and the mode, so a one-field change reformats one block;
- blocks not in the cache are formatted in worker processes, one per core.

Laying a block out in black's style (``layout``) costs a tokenize pass, the
largest fixed cost of regenerating after a small edit; so a block's finished
text is kept too, keyed by the block, whether it opens its file, the
generator's version (``layout`` is part of its source), black's version and
the mode. An edit then lays out only the blocks it touched.

Files that are already black output (``verbatim``: the runtime sources, data
emitted in black's own layout) are not formatted at all. Tests check all three
shortcuts against black run over each whole file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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


def _layout_key(block: str, first: bool) -> str:
    """Everything a block's finished text depends on: the first block of a file is laid out differently."""
    return cache_mod.digest(
        "layout",
        cache_mod.generator_version(),
        cache_mod.tool_version("black"),
        str(LINE_LENGTH),
        TARGET,
        "first" if first else "later",
        block,
    )


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


def format_tree(files: dict[str, str], verbatim: Iterable[str] = (), laid_out: Iterable[str] = ()) -> dict[str, str]:
    """Black-format every .py file not in ``verbatim``; a template bug is reported by file and line.

    A top-level class block that ``layout`` can vouch for is laid out there; of
    it, black sees only the statements it would wrap. Other blocks go to black.
    A file in ``laid_out`` is written in black's layout but for some lines too
    long (see ``_plan_laid_out``): black sees only what holds those lines.
    """
    cache = cache_mod.current()
    keep = set(verbatim)
    ours = set(laid_out)
    plans: dict[str, list[_Block]] = {}
    formatted: dict[str, str] = {}
    todo: dict[str, tuple[str, bool]] = {}  # key -> (black's input, is a statement) not yet in the cache
    for path, text in files.items():
        if not path.endswith(".py") or path in keep:
            continue
        plan = _plan_laid_out if path in ours else _plan
        plans[path] = [
            plan(block, number == 0, cache, formatted, todo) for number, block in enumerate(split_blocks(text))
        ]
    results, failed = _format_all(todo)
    for key, text in results.items():
        formatted[key] = text
        cache.put_text("black", key, text)
    out = dict(files)
    problems = []
    for path, blocks in plans.items():
        if any(item[0] in failed for block in blocks for item in block.items if isinstance(item, tuple)):
            try:
                out[path] = _format(files[path])  # a block boundary fell inside a string: do it whole
            except Exception as exc:  # black.InvalidInput, without importing black up front
                problems.append(_invalid(path, exc))
            continue
        out[path] = "\n\n".join(block.finish(formatted, cache) for block in blocks) if blocks else files[path]
    if problems:
        raise GeneratorError(problems)
    return out


@dataclass
class _Block:
    """One top-level block of a file: its finished text from the cache, or the pieces it is made of.

    ``items`` are finished text or ``(black job key, is a statement)``.
    """

    key: str  # of the finished text in the "layout" stage
    items: list[str | tuple[str, bool]]
    done: str | None = None

    def finish(self, formatted: dict[str, str], cache: cache_mod.Cache) -> str:
        """The block in black's layout; kept for the next run when it was put together now."""
        if self.done is None:
            self.done = _assemble(self.items, formatted)
            if self.key:
                cache.put_text("layout", self.key, self.done)
        return self.done


def _plan(
    block: str, first: bool, cache: cache_mod.Cache, formatted: dict[str, str], todo: dict[str, tuple[str, bool]]
) -> _Block:
    """How to get ``block`` into black's layout: from the cache, by ``layout``, or by black (added to ``todo``)."""
    key = "" if cache.root is None else _layout_key(block, first)  # no keys to compute with the cache off
    done = cache.get_text("layout", key) if key else None
    if done is not None:
        return _Block(key, [], done)
    laid_out = layout.class_block(block) if block.startswith("class ") else None
    if first and laid_out is None:
        opening = layout.preamble(block)
        laid_out = None if opening is None else [opening]
    pieces: list[layout.Piece | _WholeBlock] = [_WholeBlock(block)] if laid_out is None else list(laid_out)
    return _Block(key, _items(pieces, cache, formatted, todo))


def _items(
    pieces: Sequence[layout.Piece | _WholeBlock],
    cache: cache_mod.Cache,
    formatted: dict[str, str],
    todo: dict[str, tuple[str, bool]],
) -> list[str | tuple[str, bool]]:
    """A block's items: finished text as it is, and a black job for each other piece (queued in
    ``todo`` unless this run or the cache has its result already)."""
    items: list[str | tuple[str, bool]] = []
    for piece in pieces:
        if isinstance(piece, str):
            items.append(piece)
            continue
        statement = isinstance(piece, layout.Statement)
        job = piece.job() if isinstance(piece, layout.Statement) else piece.source
        job_key = _key(job)
        items.append((job_key, statement))
        if job_key not in formatted and job_key not in todo:
            hit = cache.get_text("black", job_key)
            if hit is None:
                todo[job_key] = (job, statement)
            else:
                formatted[job_key] = hit
    return items


def _plan_laid_out(
    block: str, first: bool, cache: cache_mod.Cache, formatted: dict[str, str], todo: dict[str, tuple[str, bool]]
) -> _Block:
    """``_plan`` for a block our templates wrote in black's layout: what fits is kept as it is.

    Black leaves code whose every line fits as it is, so only the methods of a
    class that hold a longer line (a long operation name) go to black, each on
    its own; a longer line anywhere else sends the whole block, as ``_plan``.
    Without this, one long line sent the whole client (11,700 lines for
    Anthropic's spec, 6 s of black) through black.
    """
    lines = block.split("\n")
    if first and block.startswith('"""'):  # the module's docstring: black does not wrap a docstring
        end = next((n for n, line in enumerate(lines) if n and line.endswith('"""')), 0)
        lines = lines[end + 1 :]
    if _all_fit(lines):
        return _Block("", [block.rstrip("\n") + "\n"])
    pieces = _methods(block) if block.startswith("class ") else None
    if pieces is None:
        return _plan(block, first, cache, formatted, todo)
    return _Block("", _items(pieces, cache, formatted, todo))


_MEMBER = re.compile(r"    (?:@|def |async def )")
# One string, or a string key and a string value, on a line of its own in a bracket already split one
# item a line (its trailing comma keeps it so): black has nowhere to split it, however long it is.
_STRING = r'"(?:[^"\\\n]|\\.)*"'
_UNSPLITTABLE = re.compile(rf" +(?:{_STRING}: )?{_STRING},")


# A one-line docstring with nothing black would touch at its ends (a space, a quote, a backslash).
_DOCSTRING = re.compile(r' +"""(?=[^\s"])(?:[^"\\\n]|\\[^\n]|"(?!""))*(?<![\s"\\])"""')
_HEADER = re.compile(r" *(?:(?:async )?def |class |\)).*:")


def _fits(line: str) -> bool:
    """Whether black leaves ``line`` of our templates' output as it is, as far as its length goes."""
    return layout.width(line) <= layout.LINE_LENGTH or _UNSPLITTABLE.fullmatch(line) is not None


def _all_fit(lines: Sequence[str]) -> bool:
    """``_fits`` for each line, and a long one-line docstring just below a def or class is left too.

    Black never wraps a docstring, and closes one of a single line where it
    stands however long it is; without this, a long operation summary in the
    client sent its method through black (577 of them for OpenAI's spec).
    """
    return all(
        _fits(line)
        or (n > 0 and _DOCSTRING.fullmatch(line) is not None and _HEADER.fullmatch(lines[n - 1]) is not None)
        for n, line in enumerate(lines)
    )


def _methods(block: str) -> list[str | layout.Statement] | None:
    """A class block as its lines, with each method that holds a line too long as a statement for black.

    A method runs from its first decorator or ``def`` at the class's depth to
    its last line before the next line at that depth (blank lines between
    methods stay outside it). None when a line too long is not in a method.
    """
    lines = block.rstrip("\n").split("\n")
    starts = [i for i, line in enumerate(lines) if _MEMBER.match(line) and not _MEMBER.match(lines[i - 1] if i else "")]
    if not starts:
        return None
    pieces: list[str | layout.Statement] = ["".join(line + "\n" for line in lines[: starts[0]])]
    if not _all_fit(lines[: starts[0]]):
        return None
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1  # blank lines before the next member are the class's, not this method's
        nxt = starts[number + 1] if number + 1 < len(starts) else len(lines)
        body = lines[start:end]
        if any(line.strip() and not line.startswith(layout.INDENT) for line in lines[start:nxt]):
            return None  # something at the top level inside the block: not a plain class
        if not _all_fit(body):
            pieces.append(layout.Statement("\n".join(line[len(layout.INDENT) :] for line in body)))
        else:
            pieces.append("".join(line + "\n" for line in body))
        pieces.append("".join(line + "\n" for line in lines[end:nxt]))
    return [piece for piece in pieces if piece]


class _WholeBlock:
    """A block black formats as a whole."""

    def __init__(self, source: str) -> None:
        self.source = source


def _assemble(items: list[str | tuple[str, bool]], formatted: dict[str, str]) -> str:
    """A block from its pieces."""
    parts: list[str] = []
    for item in items:
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
