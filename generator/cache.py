"""A content-addressed cache of stage results, so regeneration redoes only what changed.

An entry's key is a digest of everything its result depends on: the stage's
input, the generator's own source and version, and the versions of the tools
the stage runs (black, datamodel-code-generator, openapi-spec-validator).
One stage is a whole run: memo.py keeps the outcome of ``check`` and
``generate`` under a digest of all their inputs, so that a run with nothing
changed skips the pipeline. Entries are written atomically and carry a digest
of their payload; an entry that does not match it is treated as missing, never
used.

The cache lives in ``.cache/`` at the project root unless ``--cache-dir`` says
otherwise; ``--no-cache`` turns it off. It is never required: a missing or
unwritable folder only makes a run slower.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from functools import cache as memoize
from pathlib import Path
from typing import Any

import generator

DEFAULT_DIR = Path(__file__).resolve().parent.parent / ".cache"
_GENERATOR_DIR = Path(__file__).resolve().parent


def digest(*parts: str | bytes) -> str:
    """One hex digest of several parts; lengths are included so parts cannot run into each other."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(str(len(data)).encode() + b":")
        h.update(data)
    return h.hexdigest()


@memoize
def generator_version() -> str:
    """The generator's version and a digest of its source: an edited generator is a new version."""
    sources = sorted(_GENERATOR_DIR.glob("*.py"))
    return digest(generator.__version__, *(p.read_bytes() for p in sources))


@memoize
def tool_version(distribution: str) -> str:
    """The installed version of a tool whose output a stage keeps."""
    found = _dist_info_version(distribution)
    if found:
        return found
    from importlib import metadata  # slower to import than the whole lookup above

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


def _dist_info_version(distribution: str) -> str | None:
    """The version in the name of the one ``NAME-VERSION.dist-info`` folder on the first path entry that has any.

    This is where importlib.metadata would find it; anything less clear-cut
    (several versions side by side, an egg, a zip) is left to it.
    """
    prefix = re.sub(r"[-_.]+", "_", distribution).lower() + "-"
    for entry in sys.path:
        names = [n for n in path_listing(entry) if n.lower().startswith(prefix) and n.endswith(".dist-info")]
        if names:
            return names[0][len(prefix) : -len(".dist-info")] if len(names) == 1 else None
    return None


@memoize
def path_listing(entry: str) -> tuple[str, ...]:
    """The names in one ``sys.path`` folder (none for a zip or a missing folder), read once a run.

    Every tool's version and the run memo's list of installed distributions
    come from these few listings.
    """
    try:
        return tuple(os.listdir(entry or "."))
    except OSError:
        return ()


class Cache:
    """Stage results by key; ``Cache(None)`` is a cache that never hits."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.hits: Counter[str] = Counter()  # by stage, for tests and the curious
        self.misses: Counter[str] = Counter()

    def get(self, stage: str, key: str) -> bytes | None:
        if self.root is None:
            self.misses[stage] += 1
            return None
        try:
            raw = (self.root / stage / key[:2] / key[2:]).read_bytes()
        except OSError:
            self.misses[stage] += 1
            return None
        check, _, payload = raw.partition(b"\n")
        if check.decode("ascii", "replace") != hashlib.sha256(payload).hexdigest():
            self.misses[stage] += 1  # torn or tampered: recompute rather than trust it
            return None
        self.hits[stage] += 1
        return payload

    def put(self, stage: str, key: str, payload: bytes) -> None:
        if self.root is None:
            return
        import tempfile  # only a run that writes pays for it; one served by the memo does not

        folder = self.root / stage / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _ignore_in_git(self.root)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload)
            os.replace(tmp, folder / key[2:])
        except OSError:
            return  # a cache that cannot be written only costs time

    def get_text(self, stage: str, key: str) -> str | None:
        """The entry as text; one that is not UTF-8 was not written by ``put_text`` and counts as missing."""
        payload = self.get(stage, key)
        if payload is None:
            return None
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            self.hits[stage] -= 1
            self.misses[stage] += 1
            return None

    def put_text(self, stage: str, key: str, text: str) -> None:
        self.put(stage, key, text.encode("utf-8"))


def _ignore_in_git(root: Path) -> None:
    """A cache folder anywhere never shows up in ``git status``."""
    marker = root / ".gitignore"
    if not marker.exists():
        marker.write_text("*\n", encoding="utf-8")


def templates_bytecode() -> Any:
    """A Jinja bytecode cache over the current stage cache, or None when caching is off.

    Compiling the templates is a fixed cost of every run; their compiled code
    is kept like any stage result (checked against its digest), and Jinja
    itself checks that it belongs to this very template source, this Jinja and
    this Python.
    """
    store = current()
    if store.root is None:
        return None
    import jinja2

    class _Bytecode(jinja2.BytecodeCache):
        def _key(self, bucket: Any) -> str:
            return digest("jinja", jinja2.__version__, bucket.key, bucket.checksum)

        def load_bytecode(self, bucket: Any) -> None:
            payload = store.get("jinja", self._key(bucket))
            if payload is not None:
                bucket.bytecode_from_string(payload)

        def dump_bytecode(self, bucket: Any) -> None:
            store.put("jinja", self._key(bucket), bucket.bytecode_to_string())

    return _Bytecode()


_CURRENT: contextvars.ContextVar[Cache | None] = contextvars.ContextVar("generator_cache", default=None)


def current() -> Cache:
    """The cache of the run in progress (a disabled one outside ``using``)."""
    return _CURRENT.get() or Cache(None)


@contextlib.contextmanager
def using(cache: Cache) -> Iterator[Cache]:
    """Make ``cache`` the one every stage of this run reads and writes."""
    token = _CURRENT.set(cache)
    try:
        yield cache
    finally:
        _CURRENT.reset(token)
