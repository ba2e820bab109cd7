"""models.py assembled from one unit per component schema, so an edit reruns the model generator on what it touches.

A unit is a component schema's class plus the inline classes it owns (its
enums and nested objects, which datamodel-code-generator names after it,
see ``naming.inline_class_name``). The text of a unit depends only on the
schema's closure: the schema, the schemas it refers to (transitively), and
the schemas whose discriminator turns one of its properties into a
``Literal`` (the model generator edits the target of a discriminator). So a
unit is cached under a digest of its closure as the model generator reads
it, and an edit reruns the model generator only on the closures of the
units whose digest changed.

models.py is then put together from the units in an order that depends on the
spec alone, never on which units came from the cache: see ``compose``. Every
assumption this rests on is checked on each run (``split`` and ``compose``
return None when one fails) and the caller then falls back to the model
generator's own output for the whole spec, so a cached unit can make a run
faster but never different; tests/test_model_units.py compares cold runs,
warm runs and partly warm runs over many specs and edits.
"""

from __future__ import annotations

import ast
import heapq
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from generator import cache, naming
from generator.diagnostics import escape_pointer_token

SCHEMAS_PREFIX = "#/components/schemas/"
_REBUILD = re.compile(r"^\w+\.model_rebuild\(\)$")
_DATA = ("example", "examples", "default", "enum", "const")  # values, not schemas


@dataclass(frozen=True)
class Unit:
    """The classes of one component schema, as the model generator wrote them, and what they need."""

    blocks: tuple[str, ...]  # class definitions, dependencies first, the component's class last
    imports: tuple[tuple[str, str], ...]  # (module, name) of each imported name the blocks use
    needs: tuple[str, ...]  # other units' classes evaluated when these classes are created (bases, defaults)
    binds: tuple[str, ...]  # names the class bodies bind (fields): one an import also binds is a clash

    def dump(self) -> str:
        return json.dumps({"blocks": self.blocks, "imports": self.imports, "needs": self.needs, "binds": self.binds})

    @staticmethod
    def load(text: str) -> Unit | None:
        try:
            data = json.loads(text)
            return Unit(
                tuple(str(b) for b in data["blocks"]),
                tuple((str(m), str(n)) for m, n in data["imports"]),
                tuple(str(n) for n in data["needs"]),
                tuple(str(n) for n in data["binds"]),
            )
        except (ValueError, KeyError, TypeError):
            return None  # not ours: recompute


# ---------------------------------------------------------------- which schemas a unit depends on


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _refs(node: Any, found: set[str], discriminated: set[str]) -> bool:
    """Schemas ``node`` refers to (into ``found``); discriminator targets also into ``discriminated``.

    False when a reference points anywhere but at a whole component schema:
    the model generator would then name and place things by a path we do not
    follow, so the spec is left to a whole run.
    """
    if isinstance(node, list):
        return all(_refs(item, found, discriminated) for item in node)
    if not isinstance(node, dict):
        return True
    ok = True
    for key, value in node.items():
        if key == "$ref":
            if (
                not isinstance(value, str)
                or not value.startswith(SCHEMAS_PREFIX)
                or "/" in value[len(SCHEMAS_PREFIX) :]
            ):
                return False
            found.add(_unescape(value[len(SCHEMAS_PREFIX) :]))
        elif key == "discriminator" and isinstance(value, dict):
            mapping = value.get("mapping")
            targets: set[str] = set()
            for target in (mapping or {}).values() if isinstance(mapping, dict) else ():
                if not isinstance(target, str):
                    return False
                if target.startswith("#"):
                    if not target.startswith(SCHEMAS_PREFIX) or "/" in target[len(SCHEMAS_PREFIX) :]:
                        return False
                    targets.add(_unescape(target[len(SCHEMAS_PREFIX) :]))
                else:
                    targets.add(target)
            for variants in ("oneOf", "anyOf"):
                ok = _refs(node.get(variants), targets, discriminated) and ok
            found |= targets
            discriminated |= targets
        elif key in _DATA or str(key).startswith("x-"):
            continue
        else:
            ok = _refs(value, found, discriminated) and ok
    return ok


@dataclass(frozen=True)
class Refs:
    """The schemas one schema refers to, and those of them its discriminators map onto."""

    found: frozenset[str]
    discriminated: frozenset[str]
    discriminates: bool  # it has a discriminator: the schemas that refer to it can be its variants


def schema_refs(schema: Any) -> Refs | None:
    """What ``schema`` refers to; None when a reference is of a kind we do not follow (see ``_refs``)."""
    found: set[str] = set()
    discriminated: set[str] = set()
    if not _refs(schema, found, discriminated):
        return None
    return Refs(frozenset(found), frozenset(discriminated), _has_discriminator(schema))


def _has_discriminator(node: Any) -> bool:
    if isinstance(node, list):
        return any(_has_discriminator(item) for item in node)
    if not isinstance(node, dict):
        return False
    if isinstance(node.get("discriminator"), dict):
        return True
    return any(_has_discriminator(v) for k, v in node.items() if k not in _DATA and not str(k).startswith("x-"))


def closures(refs: dict[str, Refs | None]) -> dict[str, tuple[str, ...]] | None:
    """Each schema's closure, in the spec's order (that of ``refs``); None if a schema's references are not followed."""
    edges: dict[str, set[str]] = {name: set() for name in refs}
    for name, ref in refs.items():
        if ref is None:
            return None
        edges[name] |= {f for f in ref.found if f in edges}
        for target in ref.discriminated:  # the target's class changes with the discriminator
            if target in edges:
                edges[target].add(name)
        if ref.discriminates:  # a base with a discriminator and no mapping takes its variants from its referrers
            for other, other_ref in refs.items():
                if other_ref is not None and name in other_ref.found:
                    edges[name].add(other)
    order = {name: i for i, name in enumerate(refs)}
    result: dict[str, tuple[str, ...]] = {}
    for name in refs:
        seen = {name}
        todo = [name]
        while todo:
            for nxt in edges[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        result[name] = tuple(sorted(seen, key=order.__getitem__))
    return result


def batches(
    roots: Iterable[str], closure: dict[str, tuple[str, ...]], sizes: dict[str, int], budget: int
) -> list[tuple[str, ...]]:
    """The schemas of ``roots`` and their closures, cut into runs that read at most ``budget`` bytes each.

    The model generator's memory grows with what one run reads (about 25 MB
    for Authlete's 145 kB of schemas), so a large spec is generated in runs
    of bounded size; each run holds whole closures, so each of its units is
    what a run on the whole spec gives. A closure is placed, largest first,
    into the run it adds the fewest bytes to, which keeps schemas shared by
    many closures from being read again and again. A closure larger than the
    budget gets a run of its own (with the closures inside it). Deterministic: ties go by the spec's order
    (that of ``closure``), and each run lists its schemas in that order.
    """
    order = {name: i for i, name in enumerate(closure)}

    def weight(names: Iterable[str]) -> int:
        return sum(sizes[n] for n in names)

    wanted = sorted(set(roots), key=lambda n: (-weight(closure[n]), order[n]))
    runs: list[set[str]] = []
    for root in wanted:
        reach = set(closure[root])
        best: set[str] | None = None
        best_extra = 0
        for run in runs:
            extra = weight(reach - run)
            if not reach - run or (weight(run) + extra <= budget and (best is None or extra < best_extra)):
                best, best_extra = run, extra
            if not reach - run:
                break  # already read by that run
        if best is None:
            runs.append(reach)
        else:
            best |= reach
    planned = [tuple(sorted(run, key=order.__getitem__)) for run in runs]
    return sorted(planned, key=lambda run: order[run[0]])


# ---------------------------------------------------------------- the model generator's output, cut into units


def _names(node: ast.AST) -> Iterator[str]:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            yield sub.id


def _creation_names(node: ast.ClassDef) -> set[str]:
    """Names evaluated while the class statement runs: bases, keywords, decorators, values in its body.

    Annotations are not among them: models.py starts with ``from __future__ import annotations``.
    """
    found: set[str] = set()
    for expr in [*node.bases, *(k.value for k in node.keywords), *node.decorator_list]:
        found |= set(_names(expr))
    for stmt in node.body:
        if isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            found |= set(_names(stmt.value))
        elif isinstance(stmt, ast.Assign):
            found |= set(_names(stmt.value))
        elif not isinstance(stmt, (ast.AnnAssign, ast.Expr, ast.Pass)):
            found |= set(_names(stmt))  # anything else: count all it names
    return found


@dataclass(frozen=True)
class Class:
    """One class statement of the model generator's output."""

    text: str
    uses: tuple[str, ...]  # every name in it, once each, in a fixed order (ast.walk's)
    creation: frozenset[str]  # those evaluated when the class is created (see _creation_names)
    binds: frozenset[str]  # names its body binds


@dataclass(frozen=True)
class Output:
    """One run's text, read: its imports (name -> module and name) and its classes, by name, in order."""

    imports: dict[str, tuple[str, str]]
    classes: dict[str, Class]


def read(raw: str) -> Output | None:
    """The imports and class blocks of a model generator's module; None if it holds anything else."""
    try:
        tree = ast.parse(raw)
    except SyntaxError:
        return None
    lines = _python_lines(raw)
    imports: dict[str, tuple[str, str]] = {}
    classes: dict[str, Class] = {}
    covered: set[int] = set()
    for node in tree.body:
        end = node.end_lineno or node.lineno
        start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        covered |= set(range(start, end + 1))
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "__future__":
                if [a.name for a in node.names] != ["annotations"]:
                    return None
                continue
            for alias in node.names:
                if alias.asname is not None or alias.name == "*":
                    return None  # an alias means a name clash the model generator settled module-wide
                imports[alias.name] = (node.module, alias.name)
        elif isinstance(node, ast.ClassDef):
            if node.name in classes:
                return None
            uses = dict.fromkeys(sub.id for sub in ast.walk(node) if isinstance(sub, ast.Name))
            text = "".join(lines[start - 1 : end]).rstrip("\r\n")
            classes[node.name] = Class(text, tuple(uses), frozenset(_creation_names(node)), _binds(node))
        elif isinstance(node, ast.Expr) and _REBUILD.match(ast.unparse(node)):
            continue  # models defer building and resolve their references then; see compose
        else:
            return None
    stray = [i for i, line in enumerate(lines, 1) if line.strip() and i not in covered and not line.startswith("#")]
    if stray:
        return None
    return Output(imports, classes)


def _binds(node: ast.ClassDef) -> frozenset[str]:
    found: set[str] = set()
    for stmt in node.body:
        targets = (
            [stmt.target] if isinstance(stmt, ast.AnnAssign) else stmt.targets if isinstance(stmt, ast.Assign) else []
        )
        found |= {n for t in targets for n in _names(t)}
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(stmt.name)
    return frozenset(found)


def _python_lines(text: str) -> list[str]:
    """``text`` cut into lines as Python numbers them (``\\r`` ends one too), each with its line break."""
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


def split(
    out: Output,
    components: dict[str, str],
    issued: frozenset[str],
) -> dict[str, Unit] | None:
    """The units of the schemas in ``components`` (schema -> class) found in one run's output.

    Each inline class belongs to the one component that reaches it (through
    its bases, annotations and values, past no other component) or, if none
    does (a discriminator can leave an enum behind), to the one component
    whose class name starts its own. None when that is not clear-cut, or when
    a class name is not one our namer gave out (the model generator numbered
    it to settle a clash, which depends on the rest of the spec).
    """
    owner_of_class = {cls: schema for schema, cls in components.items()}
    if any(cls not in out.classes for cls in owner_of_class):
        return None
    prefixes = {schema: naming.pascal(cls) or cls for schema, cls in components.items()}
    reached: dict[str, str] = {}
    for schema, cls in components.items():
        for name in _post_order([cls], out.classes, owner_of_class, set()):
            if name != cls and reached.setdefault(name, schema) != schema:
                return None  # two components reach it
    orphans: dict[str, list[str]] = {schema: [] for schema in components}
    for name in sorted(out.classes):
        if name not in reached and name not in owner_of_class:
            owners = [s for s, prefix in prefixes.items() if name.startswith(prefix)]
            if len(owners) != 1:
                return None
            orphans[owners[0]].append(name)
    units: dict[str, Unit] = {}
    for schema, cls in components.items():
        names = _post_order([*orphans[schema], cls], out.classes, owner_of_class, set())
        if not all(_given(n, issued, names) and n.startswith(prefixes[schema]) for n in names if n != cls):
            return None
        own = set(names)
        used = {u for n in names for u in out.classes[n].uses}
        needs = {x for n in names for x in out.classes[n].creation if x not in own and x in out.classes}
        imports = tuple(sorted(out.imports[u] for u in used if u in out.imports and u not in out.classes))
        binds = tuple(sorted({b for n in names for b in out.classes[n].binds}))
        units[schema] = Unit(tuple(out.classes[n].text for n in names), imports, tuple(sorted(needs)), binds)
    return units


_NUMBERED = re.compile(r"(.*?)(\d+)")


def _given(name: str, issued: frozenset[str], unit: list[str]) -> bool:
    """Our namer gave out ``name``, or the model generator numbered it apart from another class of the same unit.

    The model generator numbers a second class whose name is taken
    (``AVariant``, ``AVariant1`` for the two inline variants of a ``oneOf``):
    within one schema that depends on that schema alone; a number that keeps
    it apart from another unit's class depends on the rest of the spec.
    """
    if name in issued:
        return True
    match = _NUMBERED.fullmatch(name)
    return match is not None and match.group(1) in issued and match.group(1) in unit


def _post_order(roots: list[str], classes: dict[str, Class], components: dict[str, str], seen: set[str]) -> list[str]:
    """The roots and the inline classes they reach, each after the classes it uses (in order of use)."""
    order: list[str] = []

    def visit(name: str) -> None:
        seen.add(name)
        for used in classes[name].uses:
            if used in classes and used not in components and used not in seen:
                visit(used)
        order.append(name)

    for root in roots:
        if root not in seen:
            visit(root)
    return order


# ---------------------------------------------------------------- models.py from units


def compose(header: str, units: list[Unit], first_party: frozenset[str]) -> str | None:
    """models.py's text from the units of every schema, given in the spec's order.

    Classes: units in the spec's order, except that a unit comes after the
    units whose classes it needs at class creation (a base class, a default
    such as ``TokenType.bearer``, the type of a ``RootModel``); within a unit,
    each class after the inline classes it uses. Imports: all the units need,
    in one fixed order. None when two units define one class, units need
    each other at class creation, or a class or field is named like an import.
    """
    defined: dict[str, int] = {}
    for index, unit in enumerate(units):
        for block in unit.blocks:
            name = _class_name(block)
            if name is None or name in defined:
                return None
            defined[name] = index
    after: dict[int, set[int]] = {i: set() for i in range(len(units))}
    waiting = [0] * len(units)
    for index, unit in enumerate(units):
        for need in {defined[n] for n in unit.needs if n in defined} - {index}:
            after[need].add(index)
            waiting[index] += 1
    ready = [i for i, count in enumerate(waiting) if count == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        index = heapq.heappop(ready)
        order.append(index)
        for nxt in sorted(after[index]):
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                heapq.heappush(ready, nxt)
    if len(order) != len(units):
        return None
    pairs = {pair for unit in units for pair in unit.imports}
    if {name for _, name in pairs} & ({b for unit in units for b in unit.binds} | set(defined)):
        return None  # a field or class named like an import: the model generator aliases the import module-wide
    blocks = [block for index in order for block in units[index].blocks]
    imports = _import_lines(pairs, first_party)
    return f"{header}\n\nfrom __future__ import annotations\n\n{imports}\n\n" + "\n\n\n".join(blocks) + "\n"


_CLASS = re.compile(r"^class (\w+)\b")


def _class_name(block: str) -> str | None:
    match = _CLASS.match(block)
    return match.group(1) if match else None


def _import_lines(pairs: Iterable[tuple[str, str]], first_party: frozenset[str]) -> str:
    """``from`` imports grouped as isort would (standard library, others, the package), sorted within."""
    by_module: dict[str, set[str]] = {}
    for module, name in pairs:
        by_module.setdefault(module, set()).add(name)

    def group(module: str) -> int:
        top = module.split(".")[0]
        return 2 if module in first_party else 0 if top in sys.stdlib_module_names else 1

    modules = sorted(by_module, key=lambda m: (group(m), m))
    return "".join(f"from {m} import {', '.join(sorted(by_module[m]))}\n" for m in modules)


# ---------------------------------------------------------------- keys


def unit_key(
    schema: str,
    closure: tuple[str, ...],
    digests: dict[str, str],
    classes: dict[str, str],
    bases: dict[str, str],
    components: frozenset[str],
    openapi: str,
) -> str:
    """Everything a unit's text depends on: its closure as the model generator reads it, names, bases.

    ``digests`` are those of each schema as the model generator reads it
    (prose as placeholders); the field aliases of the closure follow from
    them and from the naming module (part of the generator's version).
    ``components`` are all the spec's component classes: of them, those that
    an inline name of this unit could meet (they start with its class name)
    steer ``naming.inline_class_name``.
    """
    cls = classes[schema]
    prefix = naming.pascal(cls)
    own = {classes[s] for s in closure}
    return cache.digest(
        "model-unit",
        cache.generator_version(),
        cache.tool_version("datamodel-code-generator"),
        openapi,
        schema,
        *(part for s in closure for part in (s, classes[s], digests[s])),
        json.dumps(sorted((k, v) for k, v in bases.items() if k in own)),
        json.dumps(sorted(c for c in components if c.startswith(prefix))),
    )


def schema_path(schema: str) -> str:
    return SCHEMAS_PREFIX + escape_pointer_token(schema)
