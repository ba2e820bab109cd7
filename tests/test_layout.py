"""generator/layout.py against black itself: the shortcut must never change a byte of black's output.

Hypothesis (fixed seed, bounded examples) writes component schemas with awkward
names, descriptions, enum values and defaults; datamodel-code-generator turns
them into models.py; the fast path (fmt.format_tree) must give exactly what
black gives for the whole file. Every generated file of every spec is checked
separately (tests/test_cover_specs.py, tests/test_cache.py).
"""

from __future__ import annotations

from typing import Any

import black
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import fmt, layout, naming
from generator.cache import Cache, using
from generator.load import Document
from generator.models import render_models

AWKWARD = [
    "it's",
    'say "hi"',
    "back\\slash",
    "\\d+\\.\\w",
    "ünï 日本語",
    "tab\there",
    "\\u00e9 \\x41",
    '"""',
    "'''",
    "x" * 120,
]
_text = st.one_of(st.sampled_from(AWKWARD), st.text(min_size=0, max_size=150))
_names = st.one_of(
    st.sampled_from(["type", "class", "from", "a-b", "élan", "x" * 90, "camelCaseName", "_under", "9lives"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40),
)


@st.composite
def _schema(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    kind = draw(
        st.sampled_from(["string", "integer", "number", "boolean", "array", "enum", "object"][: 7 if depth < 2 else 5])
    )
    schema: dict[str, Any]
    if kind == "enum":
        values = draw(
            st.lists(st.one_of(_text, st.sampled_from(["A", "b-c", "1"])), min_size=1, max_size=5, unique=True)
        )
        schema = {"type": "string", "enum": values}
    elif kind == "array":
        schema = {"type": "array", "items": draw(_schema(depth + 1))}
    elif kind == "object":
        schema = draw(_object(depth + 1))
    else:
        schema = {"type": kind}
        if kind == "integer" and draw(st.booleans()):
            schema["format"] = draw(st.sampled_from(["int32", "int64"]))
        if kind == "string" and draw(st.booleans()):
            schema["maxLength"] = draw(st.integers(0, 10**6))
        if kind == "string" and draw(st.booleans()):
            schema["pattern"] = draw(st.sampled_from(["^\\d+$", "^[a-z]'\"$", "\\u00e9"]))
        if kind == "number" and draw(st.booleans()):
            schema["minimum"] = draw(st.floats(allow_nan=False, allow_infinity=False))
        if kind == "string" and draw(st.booleans()):
            schema["default"] = draw(_text)
    if draw(st.booleans()):
        schema["description"] = draw(_text)
    return schema


@st.composite
def _object(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    props = draw(st.dictionaries(_names, _schema(depth), min_size=0, max_size=6))
    schema: dict[str, Any] = {"type": "object", "properties": props}
    if props and draw(st.booleans()):
        schema["required"] = draw(st.lists(st.sampled_from(sorted(props)), unique=True))
    if draw(st.booleans()):
        schema["description"] = draw(_text)
    return schema


_schemas = st.dictionaries(
    st.sampled_from(["Pet", "pet_kind", "Very" + "Long" * 20 + "Name", "x", "Item2", "ünï"]),
    st.one_of(_object(), _schema()),
    min_size=1,
    max_size=4,
)


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(_schemas)
def test_models_laid_out_as_black_would(schemas: dict[str, Any]) -> None:
    data = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": schemas}}
    doc = Document("h.yaml", data, {})
    models = tuple(naming.model_names(schemas).values())
    try:
        with using(Cache(None)):
            text = render_models(doc, models)
    except Exception:  # the model generator refused the schema: nothing to format
        return
    try:
        expected = black.format_str(text, mode=fmt.mode())
    except black.InvalidInput:  # not Python at all: the pipeline reports it as a located error
        return
    with using(Cache(None)):
        ours = fmt.format_tree({"m.py": text})["m.py"]
    assert ours == expected


BLOCKS = [
    "class A(BaseModel):\n    x: int = -1\n    y: Annotated[str, Field(alias='y', ge=-2)] = 'v'\n",
    "class A(Enum):\n    '''single'''\n    X = 'x'\n",
    'class A(Enum):\n    """\n\tTabbed\n    """\n    X = 1\n',
    'class A(Enum):\n    """Ends with a quote\\""""\n',
    'class A(Enum):\n    """\n    ' + "y" * 120 + '"""\n    X = 1\n',
    'class A:\n    """"Quoted" start and end x"""\n',
    "class A():\n    x = 1\n",
    "class A(B):\n    x = (1)\n    y = [1,]\n    z = f(a=1,)\n",
    "class A(B):\n    x = a \\\n        + 1\n",
    "class A(B):  # comment\n    x = 1\n",
    "class A(B):\n    x = 1\n\n    y = 2\n",
    "class A(B):\n    def f(self):\n        pass\n",
    "class A(B):\n    x = {'a': 1, 'b': [1, 2]}\n    y: dict[str, Any] = {}\n    z = 1e-05\n    w = 0XFF\n",
    "class A(B):\n    model_config = ConfigDict(\n        a=1,\n        b='x',\n    )\n    c = 1\n",
    "class A(B):\n    model_config = ConfigDict(a=1, b=2,)\n",
    "class A(B):\n    x: Literal['a'] | None = None\n    y = b'x'\n    z = r'\\d'\n",
    "class A(B):\n    x = 'é' * 3\n    y = '" + "w" * 96 + "'\n    z = '" + "日" * 50 + "'\n",
    "class A(B):\n    x: "
    + "Annotated[int | None, Field(alias='abc', ge=-9223372036854775808, le=9223372036854775807)]"
    + " = None\n",
    "class A(B):\n    x = 1; y = 2\n",
    "class A(B): x = 1\n",
    "class A(B):\n    y: int = f(a,)\n    def f(self): return 1\n",
    "class A(B):\n    x = 1\n    @property\n    def f(self): return 1\n",
    "class A(B):\n    x = 1\n    class Config: pass\n",
    "class A(B):\n    x = 1\n    pass\n",
    "class A(B):\n    if x: y = 1\n",
]


def test_awkward_blocks_are_exact_or_handed_to_black() -> None:
    """Each shape the fast path knows or refuses; the result is black's either way."""
    vouched = 0
    for block in BLOCKS:
        vouched += layout.class_block(block) is not None
        with using(Cache(None)):
            ours = fmt.format_tree({"m.py": "import x\n\n\n" + block})["m.py"]
        assert ours == black.format_str("import x\n\n\n" + block, mode=fmt.mode()), block
    assert vouched >= 8  # the common shapes do take the fast path


def _sweep() -> list[str]:
    """Field declarations of every length around black's thresholds (wrap or not, and where)."""
    shapes = [
        "{n}: Annotated[bool | None, Field(alias='{a}')] = None",
        "{n}: Annotated[int | None, Field(alias='{a}', ge=-9223372036854775808, le=9223372036854775807)] = None",
        "{n}: Annotated[int, Field(alias='{a}', ge=-9223372036854775808, le=9223372036854775807)]",
        "{n}: Annotated[str | None, Field(alias='{a}', description='{a}', title='{a}')] = '{a}'",
        "{n}: Annotated[list[str], Field(alias='{a}', min_length=1, max_length=2, title='{a}{a}')] = -1",
    ]
    blocks = []
    for shape in shapes:
        for size in range(1, 100, 2):
            for alias in ("a", "b" * 18, "c" * 45, "名前", "café" * 5):  # both parities; wide and accented
                blocks.append(shape.format(n="f" * size, a=alias))
    return blocks


def test_long_field_declarations_wrap_exactly_as_black_wraps_them() -> None:
    source = "".join(f"class M{i}(BaseModel):\n    {line}\n\n\n" for i, line in enumerate(_sweep()))
    blocks = [block for block in fmt.split_blocks(source) if block.isascii()]
    pieces = [layout.class_block(block) for block in blocks]
    native = [p is not None and not any(isinstance(x, layout.Statement) for x in p) for p in pieces]
    assert sum(native) > 0.7 * len(native)  # most are laid out here: the comparison below tests them
    with using(Cache(None)):
        ours = fmt.format_tree({"m.py": source})["m.py"]
    assert ours == black.format_str(source, mode=fmt.mode())


def _headers() -> list[str]:
    """Class headers of every length around black's limit, with one base, several, a subscripted one."""
    shapes = [
        "class {n}(OpenEnum):",
        "class {n}(BaseModel, Generic[T]):",
        "class {n}(RootModel[{n}Inline | {n}Other]):",
        "class {n}(RootModel[list[{n}Item]], metaclass=Meta):",
        "class {n}(Base,):",  # a magic trailing comma: one base a line
        "class {n}(RootModel[Annotated[{n}A | {n}B | {n}C, Field(discriminator='type')]]):",
        "class {n}(Base, Other):",
        "class {n}():",
    ]
    return [shape.format(n="N" + "x" * size) for shape in shapes for size in range(20, 140, 3)]


def test_long_class_headers_split_exactly_as_black_splits_them() -> None:
    """GitHub's spec: 435 enums whose name alone makes the header too long went whole to black."""
    blocks = [f"{header}\n    X = 'x'\n    y: int = 1\n" for header in _headers()]
    split = 0
    for block in blocks:
        pieces = layout.class_block(block)
        long = len(block.split("\n")[0]) > layout.LINE_LENGTH
        if long and pieces is not None:
            split += 1
            assert all(isinstance(piece, str) for piece in pieces)
            assert "".join(str(piece) for piece in pieces) == black.format_str(block, mode=fmt.mode()), block
    assert split > 60  # the split headers are laid out here, not handed to black
    source = "\n\n".join(blocks)
    with using(Cache(None)):
        assert fmt.format_tree({"m.py": source})["m.py"] == black.format_str(source, mode=fmt.mode())


DOC_TEXTS = [
    *AWKWARD,
    "",
    "  padded  ",
    '"quoted"',
    'ends with a quote"',
    "ends with a backslash\\",
    "nul\x00 and \u2028",
    "a\tb\x0cc",
]


def test_docstrings_of_any_text_are_what_black_leaves() -> None:
    """The client's and the package's docstrings hold spec text (summaries, the title) as black keeps it."""
    for text in DOC_TEXTS:
        module = f'"""The {layout.docstring_text(text)} API.\n\nMore.\n"""\n\n\ndef f():\n    {layout.one_line_docstring(text + " x")}\n'
        assert black.format_str(module, mode=fmt.mode()) == module, repr(text)
        namespace: dict[str, Any] = {}
        exec(module, namespace)
        assert namespace["f"].__doc__.strip() == " ".join((text + " x").split()), repr(text)


@pytest.mark.parametrize("prop", ["S", "s"])
def test_items_of_a_property_whose_singular_is_empty_get_a_class_name(prop: str) -> None:
    """datamodel-code-generator singularizes "S" to "": the items used to become `class (RootModel[int])`."""
    items = {"type": "array", "items": {"type": "integer", "format": "int32"}}
    schemas = {"Pet": {"type": "object", "properties": {prop: items}}}
    data = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": schemas}}
    doc = Document("h.yaml", data, {})
    with using(Cache(None)):
        text = render_models(doc, tuple(naming.model_names(schemas).values()))
    assert "class PetSItem(RootModel[int]):" in text
    assert "list[PetSItem] | None" in text
    namespace: dict[str, Any] = {}
    exec(compile(text, "models.py", "exec"), namespace)  # noqa: S102 (our own generated code)
    pet = namespace["Pet"]
    pet.model_rebuild(_types_namespace=namespace)
    assert pet.model_validate({prop: [1, 2]}).model_dump(by_alias=True)[prop] is not None
    with pytest.raises(Exception, match="less than or equal"):
        pet.model_validate({prop: [2**31]})


# ---------------------------------------------------------------- files our templates lay out (the client)

CLIENT = '''"""A client."""

from __future__ import annotations

OPERATIONS = {
    "op": {
        "path": "/v1/environments/{environment_id}/work/{work_id}/heartbeat/records/latest/acknowledged?beta=true",
        "method": "POST",
    },
}


class Client:
    """Methods."""

    def short(self) -> int:
        """Fits."""
        return 1

    def record_heartbeat_of_the_work_item_in_this_environment(self, environment_id: str, work_id: str) -> None:
        """Black wraps this one's signature."""
        return self.record_heartbeat_of_the_work_item_in_this_environment_raw(environment_id, work_id, extra=None)

    async def other(self) -> int:
        return 2
'''


def test_a_laid_out_file_sends_black_only_the_methods_with_lines_too_long(monkeypatch: pytest.MonkeyPatch) -> None:
    """The client: kept as written where every line fits or cannot be split; black gets one method."""
    sent: list[str] = []
    real = fmt._format_all

    def spy(todo: dict[str, tuple[str, bool]]) -> tuple[dict[str, str], set[str]]:
        sent.extend(text for text, _ in todo.values())
        return real(todo)

    monkeypatch.setattr(fmt, "_format_all", spy)
    with using(Cache(None)):
        out = fmt.format_tree({"c.py": CLIENT}, laid_out={"c.py"})["c.py"]
    assert out == black.format_str(CLIENT, mode=fmt.mode()) != CLIENT
    assert len(sent) == 1 and sent[0].startswith("class _:\n    def record_heartbeat_of_the_work_item")


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ('        "path": "' + "p" * 120 + '",', True),
        ('        "' + "s" * 120 + '",', True),
        ('        "a\\\\b": "' + "c" * 120 + '",', True),
        ('        x = "' + "y" * 120 + '",', False),  # an assignment black may wrap in parentheses
        ('        "' + "s" * 120 + '"', False),  # no trailing comma: black adds one, or joins the bracket
        ('        f"' + "s" * 120 + '",', False),
        ('        "k": "' + "v" * 120 + '" + x,', False),
    ],
)
def test_only_a_lone_string_item_is_taken_as_unsplittable(line: str, kept: bool) -> None:
    assert fmt._fits(line) is kept
    if kept:  # black agrees: such an item in a bracket split one item a line stays as it is
        text = "x = [\n" + line.replace("        ", "    ", 1) + "\n]\n"
        if ":" in line:
            text = "x = {\n" + line.replace("        ", "    ", 1) + "\n}\n"
        assert black.format_str(text, mode=fmt.mode()) == text


def test_a_laid_out_module_docstring_may_run_long() -> None:
    """Black never wraps a docstring: a long title in the client's module docstring sends nothing to black."""
    text = '"""' + "A title " * 20 + 'of the client.\n\nMore.\n"""\n\nfrom __future__ import annotations\n\nX = 1\n'
    assert black.format_str(text, mode=fmt.mode()) == text
    with using(Cache(None)):
        block = fmt._plan_laid_out(fmt.split_blocks(text)[0], True, Cache(None), {}, todo := {})
    assert not todo and block.items == [text]


LONG_SUMMARY = "Lists the organization roles assigned to a group within the organization, " * 2


@pytest.mark.parametrize(
    ("header", "docstring", "kept"),
    [
        ("    def roles(self) -> int:", f'"""{LONG_SUMMARY.strip()}."""', True),
        ("    ) -> int:", f'"""{LONG_SUMMARY.strip()}: say "why"."""', True),
        ("class Roles:", f'"""{LONG_SUMMARY.strip()}."""', True),
        ("    def roles(self) -> int:", f'""" {LONG_SUMMARY.strip()}."""', False),  # black strips the space
        ("    def roles(self) -> int:", f'"""{LONG_SUMMARY}"""', False),  # and the trailing one
        ("    def roles(self) -> int:", f'"""{LONG_SUMMARY.strip()}."""  # note', False),
        ("    x = 1", f'"""{LONG_SUMMARY.strip()}."""', False),  # not a docstring's place
    ],
)
def test_a_long_one_line_docstring_is_left_as_black_leaves_it(header: str, docstring: str, kept: bool) -> None:
    line = "        " + docstring
    assert layout.width(line) > layout.LINE_LENGTH
    assert fmt._all_fit([header, line]) is kept


def test_a_method_whose_only_long_line_is_its_docstring_goes_nowhere_near_black(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """OpenAI's long operation summaries sent 577 client methods through black, for nothing."""
    text = (
        '"""A client."""\n\n\nclass Client:\n    """Methods."""\n\n'
        f'    def roles(self) -> int:\n        """{LONG_SUMMARY.strip()}."""\n        return 1\n\n'
        "    def groups(\n        self,\n        group_id: str,\n    ) -> int:\n"
        f'        """{LONG_SUMMARY.strip()}: status, headers and the parsed answer."""\n        return 2\n'
    )
    assert black.format_str(text, mode=fmt.mode()) == text
    sent: list[str] = []
    real = fmt._format_all
    monkeypatch.setattr(fmt, "_format_all", lambda todo: sent.extend(todo) or real(todo))
    with using(Cache(None)):
        assert fmt.format_tree({"c.py": text}, laid_out={"c.py"})["c.py"] == text
    assert sent == []
