"""The run memo: ``check`` and ``generate`` skip the whole pipeline when none of its inputs changed.

With every stage cached, a run still imports the stages, loads the spec,
builds the IR and renders the templates, which is most of what ``check`` costs
when nothing changed (what CI and editor hooks run most). Yet the outcome of
a successful run, the files it produces and the warnings and notes it prints,
is a function of inputs that are cheap to read. So it is kept in the stage
cache (stage ``run``) under a digest of those inputs, and a run that finds its
key only has to compare the output folder with the remembered manifest.

The key covers everything the output and the messages depend on:

- the bytes of the spec and of each overlay (only local ``$ref``s are
  supported, so no other file is read), and their paths as the run shows
  them, since every diagnostic names them;
- every file under ``templates/`` (``runtime/`` included; bytecode in
  ``__pycache__`` is never read by the renderer and is left out);
- the options that shape the output: package, skipped operations, ``--strict``
  and the overlays in their order;
- the generator (its version and a digest of its source), the Python version,
  the version of each tool whose output or judgement is kept (``TOOLS``) and,
  for those tools' own dependencies, the name and version of every
  distribution on ``sys.path``.

Nothing else reaches the output: no clock, no locale (files are read and
written as UTF-8), the working folder only through the paths shown, and no
environment variable that changes a byte (``AUTHLETE_CODEGEN_BACKGROUND``
chooses where a stage runs, not what it produces).

An entry is trusted only as far as it can be checked: the cache drops one
whose payload does not match its stored digest, an entry must name its own
key and have the expected shape, and the tree on disk must equal the
manifest, no file missing or extra and each one's SHA-256 the same. Anything
less is a miss, and the pipeline runs as it always did. Only a successful run
is remembered, and only if its inputs read the same after the run as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from generator import cache, paths
from generator.write import tree_paths

STAGE = "run"
FORMAT = "1"  # of the entries: a new layout of the payload is a new key
# Tools whose output (models, formatting, parsing, rendering, overlays) or verdict (validation) a run keeps.
TOOLS = (
    "black",
    "datamodel-code-generator",
    "isort",
    "jinja2",
    "jsonschema",
    "jsonschema-rs",
    "openapi-schema-validator",
    "openapi-spec-validator",
    "pydantic",
    "python-jsonpath",
    "pyyaml",
    "referencing",
)
_UNREAD = frozenset({"__pycache__"})


class Options(NamedTuple):
    """What a run was asked for, paths as the run shows them: each part can change a byte of the outcome."""

    spec: Path
    overlays: tuple[Path, ...]
    package: str
    skip: frozenset[str]
    strict: bool


class Outcome(NamedTuple):
    """A successful run: the SHA-256 of each output file's UTF-8 text, and the lines it printed on stderr."""

    files: dict[str, str]
    stderr: tuple[str, ...]

    def matches(self, root: Path) -> bool:
        """Whether ``root`` holds exactly these files, byte for byte; unreadable counts as different."""
        try:
            found = tree_paths(root)
            if len(found) != len(self.files) or any(rel not in self.files for rel, _ in found):
                return False
            return all(_sha(path.read_bytes()) == self.files[rel] for rel, path in found)
        except OSError:
            return False


def key(options: Options, templates: Path | None = None) -> str | None:
    """The memo key of a run, or None when caching is off or an input cannot be read (the pipeline says why)."""
    if cache.current().root is None:
        return None
    try:
        inputs = [options.spec.read_bytes(), *(p.read_bytes() for p in options.overlays)]
        folder = _folder(templates or paths.TEMPLATES)
    except OSError:
        return None
    shown = {
        "spec": str(options.spec),
        "overlays": [str(p) for p in options.overlays],
        "package": options.package,
        "skip": sorted(options.skip),
        "strict": options.strict,
    }
    return cache.digest(
        STAGE,
        FORMAT,
        json.dumps(shown, sort_keys=True),
        cache.digest(*inputs),
        folder,
        cache.generator_version(),
        sys.version,
        json.dumps({tool: cache.tool_version(tool) for tool in TOOLS}, sort_keys=True),
        _installed(),
    )


def recall(memo_key: str | None) -> Outcome | None:
    """The outcome remembered under ``memo_key``, if its entry is whole and well formed."""
    if memo_key is None:
        return None
    text = cache.current().get_text(STAGE, memo_key)
    if text is None:
        return None
    try:
        return _outcome(json.loads(text), memo_key)
    except ValueError:  # not JSON: never trusted
        return None


def remember(memo_key: str | None, options: Options, files: Mapping[str, str], stderr: Sequence[str]) -> None:
    """Keep a successful run's outcome, unless its inputs changed while it read them."""
    if memo_key is None or key(options) != memo_key:
        return
    if any("\r" in text for text in files.values()):
        return  # check reads text with universal newlines: equal bytes would not mean an equal tree to it
    try:
        manifest = {path: _sha(text.encode("utf-8")) for path, text in files.items()}
    except UnicodeEncodeError:
        return  # text that cannot be written as UTF-8 is not an outcome to vouch for
    payload = {"key": memo_key, "files": manifest, "stderr": list(stderr)}
    cache.current().put_text(STAGE, memo_key, json.dumps(payload, sort_keys=True))


def _outcome(data: Any, memo_key: str) -> Outcome | None:
    """The entry as an Outcome, or None unless it has exactly the shape ``remember`` writes."""
    if not isinstance(data, dict) or data.get("key") != memo_key:
        return None
    files, stderr = data.get("files"), data.get("stderr")
    if not (isinstance(files, dict) and isinstance(stderr, list)):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return None
    if not all(isinstance(line, str) for line in stderr):
        return None
    return Outcome(files, tuple(stderr))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _folder(root: Path) -> str:
    """One digest of every file below ``root``, by relative path and content."""
    parts: list[str | bytes] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _UNREAD)
        here = Path(folder)
        for name in sorted(names):
            parts += [(here / name).relative_to(root).as_posix(), (here / name).read_bytes()]
    if not parts:
        raise FileNotFoundError(root)  # no templates: the pipeline reports it
    return cache.digest(*parts)


def _installed() -> str:
    """Every distribution Python can import from, in ``sys.path`` order: the tools' dependencies too."""
    found: list[str] = []
    for entry in sys.path:
        found += sorted(n for n in cache.path_listing(entry) if n.endswith((".dist-info", ".egg-info")))
        found.append("")  # between entries: the same names in another order of precedence differ
    return "\n".join(found)
