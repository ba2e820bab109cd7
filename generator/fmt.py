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


def join_blocks(blocks: Iterable[str]) -> str:
    """Black separates top-level definitions by exactly two blank lines."""
    return "\n\n\n".join(block.rstrip("\n") for block in blocks) + "\n"


def format_tree(files: dict[str, str], verbatim: Iterable[str] = ()) -> dict[str, str]:
    """Black-format every .py file not in ``verbatim``; a template bug is reported by file and line."""
    cache = cache_mod.current()
    keep = set(verbatim)
    plans: dict[str, list[str]] = {}
    formatted: dict[str, str] = {}
    todo: dict[str, str] = {}  # key -> block text not yet in the cache
    for path, text in files.items():
        if not path.endswith(".py") or path in keep:
            continue
        blocks = split_blocks(text)
        keys = [_key(block) for block in blocks]
        plans[path] = keys
        for key, block in zip(keys, blocks, strict=True):
            if key not in formatted and key not in todo:
                hit = cache.get_text("black", key)
                if hit is None:
                    todo[key] = block
                else:
                    formatted[key] = hit
    results, failed = _format_all(todo)
    for key, text in results.items():
        formatted[key] = text
        cache.put_text("black", key, text)
    out = dict(files)
    problems = []
    for path, keys in plans.items():
        if any(key in failed for key in keys):
            try:
                out[path] = _format(files[path])  # a block boundary fell inside a string: do it whole
            except Exception as exc:  # black.InvalidInput, without importing black up front
                problems.append(_invalid(path, exc))
            continue
        out[path] = join_blocks(formatted[key] for key in keys) if keys else files[path]
    if problems:
        raise GeneratorError(problems)
    return out


def _format(text: str) -> str:
    import black

    return black.format_str(text, mode=mode())


def _format_batch(batch: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """Format blocks; None for a block black cannot parse on its own."""
    from black.parsing import InvalidInput

    out: list[tuple[str, str | None]] = []
    for key, block in batch:
        try:
            out.append((key, _format(block)))
        except InvalidInput:
            out.append((key, None))
    return out


def _format_all(todo: dict[str, str]) -> tuple[dict[str, str], set[str]]:
    """Format the given blocks, in worker processes when there is enough work to share."""
    if not todo:
        return {}, set()  # everything came from the cache: do not even import black
    items = sorted(todo.items(), key=lambda kv: -len(kv[1]))
    lines = sum(block.count("\n") for _, block in items)
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2 or lines < PARALLEL_MIN_LINES:
        done = _format_batch(items)
    else:
        done = _in_workers(items, workers)
    results = {key: text for key, text in done if text is not None}
    return results, {key for key, text in done if text is None}


def _in_workers(items: list[tuple[str, str]], workers: int) -> list[tuple[str, str | None]]:
    """Deal the blocks, largest first, into one balanced batch per worker."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    batches: list[list[tuple[str, str]]] = [[] for _ in range(workers)]
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
