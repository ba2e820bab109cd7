"""Black's layout for the code shapes we emit, computed without running black.

Black is the formatter of record and the slowest stage of a cold generation.
Most of what the model generator writes differs from black's output only in
quotes, blank lines and a few long lines, so a top-level class block is laid
out here, statement by statement, when every statement is one this module can
vouch for; whatever it cannot vouch for (a statement black would wrap, a
construct it does not know) is handed back to black, statement by statement or
block by block. Tests compare the result with black run over the whole file.

The rules are deliberately narrow: anything outside them is black's to decide.
"""

from __future__ import annotations

import io
import keyword
import re
import tokenize
from dataclasses import dataclass

LINE_LENGTH = 100
INDENT = "    "

# Pieces of a block's layout: finished text, or a statement black must lay out.


@dataclass(frozen=True)
class Statement:
    """One logical line of a class body that black has to lay out (it is too long, or unusual)."""

    source: str  # the statement's source, dedented, on one or more lines

    def job(self) -> str:
        """The statement as a module black can format: inside a class, at the depth it has here."""
        body = "".join(INDENT + line + "\n" for line in self.source.split("\n"))
        return "class _:\n" + body

    @staticmethod
    def result(formatted: str) -> str:
        """Black's layout of the statement, from the formatted ``job()`` module."""
        head, _, rest = formatted.partition("\n")
        assert head == "class _:", formatted
        return rest


Piece = str | Statement

_SKIP = frozenset({tokenize.NL, tokenize.COMMENT, tokenize.ENCODING})
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:e-?[0-9]+)?")
# A hex, unicode or named escape black would re-case (an odd run of backslashes before it).
_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\[uUxN]")
_ODD_CHARACTERS = re.compile("[\r\x00\x0b\x0c]")
_OPENING = {"(": ")", "[": "]", "{": "}"}
_CLOSING = frozenset(_OPENING.values())
_OPERATORS = frozenset({"(", ")", "[", "]", "{", "}", ",", ":", "=", "|", ".", "-"})
_CONSTANTS = frozenset({"None", "True", "False"})


class _Unsure(Exception):
    """A construct outside the shapes this module vouches for."""


def class_block(block: str) -> list[Piece] | None:
    """Black's layout of one top-level class statement, or None when black must do the whole block.

    The block must be a class header and a body of simple statements (no nested
    blocks, no comments, no blank lines between statements).
    """
    if _ODD_CHARACTERS.search(block):
        return None  # black rewrites line endings and form feeds even inside strings
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(block).readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    lines = block.split("\n")  # rows as tokenize counts them: str.splitlines also cuts at \x85 and more
    statements: list[list[tokenize.TokenInfo]] = []
    current: list[tokenize.TokenInfo] = []
    depth = 0
    for tok in tokens:
        if tok.type in _SKIP:
            if tok.type == tokenize.COMMENT:
                return None
            continue
        if tok.type == tokenize.INDENT:
            depth += 1
            if depth > 1:
                return None
        elif tok.type == tokenize.DEDENT:
            depth -= 1
        elif tok.type == tokenize.NEWLINE:
            statements.append(current)
            current = []
        elif tok.type == tokenize.ENDMARKER:
            break
        else:
            if not current and statements and depth == 0:
                return None  # a second top-level statement after the class
            current.append(tok)
    if current or len(statements) < 2 or not _blank_lines_fit(statements, lines):
        return None
    header, body = statements[0], statements[1:]
    if header[0].string != "class" or header[0].start[1] != 0 or header[-1].string != ":":
        return None
    if any(_opens_block(statement) for statement in body):
        return None  # black's blank lines around a def or a nested block depend on what precedes it
    try:
        head = _one_line(header, lines, 0)
        if head is None:
            head = _split_header(header)
    except _Unsure:
        return None
    if head is None:
        return None
    pieces: list[Piece] = [head + "\n"]
    for index, statement in enumerate(body):
        if statement[0].start[1] != len(INDENT):
            return None
        if index == 0 and len(statement) == 1 and statement[0].type == tokenize.STRING:
            doc = docstring(statement[0].string, 1)
            if doc is None:
                return None
            pieces.append(INDENT + doc + "\n" + ("\n" if len(body) > 1 else ""))
            continue
        piece = _statement(statement, lines)
        if piece is None:
            return None
        pieces.append(piece)
    return pieces


def _split_header(header: list[tokenize.TokenInfo]) -> str | None:
    """A class header too long for one line, as black splits it: at its parentheses, the bases on one line.

    ``class Name(Base, Other):`` becomes the name and the opening bracket, the
    bases one level in, and ``):``, however long the name; None when the bases
    do not fit on their line (black would split them too) or for any other shape.
    """
    if len(header) < 6 or header[1].type != tokenize.NAME or header[2].string != "(" or header[-2].string != ")":
        return None
    if _closing(header, 2) != len(header) - 2:
        return None  # the parenthesis after the name closes before the end: not the bases
    bases = header[3:-2]
    if not bases or bases[-1].string == ",":
        return None  # no bases, or a magic trailing comma: one base a line
    inside = _flat(bases, "(")
    if not _fits(INDENT + inside):
        return None
    return f"class {header[1].string}(\n{INDENT}{inside}\n):"  # a name too long for its line stays on it


_IMPORT = re.compile(r"from [\w.]+ import \w+(?:, \w+)*|import \w+(?:\.\w+)*")
_COMMENT = re.compile(r"#(?: \S(?:.*\S)?)?")


def preamble(block: str) -> str | None:
    """A module's opening block of comment lines and then plain import lines, as black leaves it.

    Black drops blank lines at the top of the file and keeps at most two in a
    row; it changes nothing else in such lines. None for anything else (a
    docstring, a statement, a comment after the imports, an import too long).
    """
    out: list[str] = []
    blanks = 0
    imports = False
    for line in block.split("\n"):
        if not line.strip():
            blanks += 1
            continue
        if _IMPORT.fullmatch(line):
            imports = True
        elif imports or not _COMMENT.fullmatch(line):
            return None
        if width(line) > LINE_LENGTH:
            return None
        if out:
            out += [""] * min(blanks, 2)
        out.append(line)
        blanks = 0
    return "\n".join(out) + "\n" if out else None


def _opens_block(statement: list[tokenize.TokenInfo]) -> bool:
    """A statement that is not a simple one: a def, a decorator, a nested class, if, for, with..."""
    first = statement[0]
    return first.string == "@" or (
        first.type == tokenize.NAME and keyword.iskeyword(first.string) and first.string not in _CONSTANTS
    )


def _blank_lines_fit(statements: list[list[tokenize.TokenInfo]], lines: list[str]) -> bool:
    """Only the shape the model generator writes: no blank line from the class line to the end."""
    first, last = statements[0][0].start[0], statements[-1][-1].end[0]
    inside_string = {
        row for s in statements for t in s if t.type == tokenize.STRING for row in range(t.start[0] + 1, t.end[0] + 1)
    }
    return all(lines[row - 1].strip() or row in inside_string for row in range(first, last + 1))


def _statement(tokens: list[tokenize.TokenInfo], lines: list[str]) -> Piece | None:
    """A body statement (depth 1) as black lays it out, or handed to black; None: black takes the block.

    A string alone (a field's docstring) is kept as written, as black keeps it;
    a statement with a string over several lines is not cut out of its block.
    """
    if len(tokens) == 1 and tokens[0].type == tokenize.STRING:
        text = string_token(tokens[0].string, alone=True)
        return None if text is None else INDENT + text + "\n"
    if any(t.type == tokenize.STRING and t.start[0] != t.end[0] for t in tokens):
        return None
    try:
        exploded = _exploded_call(tokens, lines, 1)
        if exploded is not None:
            return exploded
        text = _one_line(tokens, lines, 1)
        if text is None:
            wrapped = _annotated(tokens, 1)
            if wrapped is not None:
                return wrapped
    except _Unsure:
        text = None
    if text is not None:
        return INDENT + text + "\n"
    first, last = tokens[0].start[0], tokens[-1].end[0]
    source = "\n".join(lines[first - 1 : last])
    return Statement(_dedent(source))


def _dedent(source: str) -> str:
    out = []
    for line in source.split("\n"):
        out.append(line[len(INDENT) :] if line.startswith(INDENT) else line.lstrip())
    return "\n".join(out)


def width(text: str) -> int:
    """An upper bound of black's width of ``text`` (a wide character counts two)."""
    return len(text) if text.isascii() else 2 * len(text)


def _fits(text: str) -> bool:
    """Whether black keeps ``text`` as one line; _Unsure when only black's own width table could say.

    Black counts East Asian wide characters as two columns and combining ones
    as none; for text that is not ASCII only the clear cases are decided here.
    """
    if text.isascii():
        return len(text) <= LINE_LENGTH
    ascii_part = sum(ch.isascii() for ch in text)
    if ascii_part + 2 * (len(text) - ascii_part) <= LINE_LENGTH:
        return True
    if ascii_part > LINE_LENGTH:
        return False
    raise _Unsure


def _one_line(tokens: list[tokenize.TokenInfo], lines: list[str], depth: int, inside: str = "") -> str | None:
    """The statement on one line in black's spacing, or None when that line is too long for black to keep.

    Raises _Unsure for anything outside the vouched shapes, a magic trailing comma included.
    """
    _continuations(tokens, lines)
    line = _flat(tokens, inside)
    return line if _fits(INDENT * depth + line) else None


def _flat(tokens: list[tokenize.TokenInfo], inside: str = "") -> str:
    """``tokens`` in black's spacing on one line, however long; ``inside`` is the bracket they sit in."""
    parts: list[str] = []
    stack: list[str] = [inside] if inside else []
    previous: tokenize.TokenInfo | None = None
    for index, tok in enumerate(tokens):
        text = _token_text(tok, index, tokens)
        parts.append(_space(previous, tok, stack, index, tokens) + text)
        if tok.string in _OPENING and tok.type == tokenize.OP:
            stack.append(tok.string)
        elif tok.string in _CLOSING and tok.type == tokenize.OP:
            if not stack or _OPENING[stack.pop()] != tok.string:
                raise _Unsure
        previous = tok
    if stack != ([inside] if inside else []):
        raise _Unsure
    return "".join(parts)


def _split_items(tokens: list[tokenize.TokenInfo]) -> list[list[tokenize.TokenInfo]]:
    """Tokens between brackets, cut at their own commas (not at commas of nested brackets)."""
    items: list[list[tokenize.TokenInfo]] = [[]]
    depth = 0
    for tok in tokens:
        if tok.type == tokenize.OP and tok.string in _OPENING:
            depth += 1
        elif tok.type == tokenize.OP and tok.string in _CLOSING:
            depth -= 1
        elif depth == 0 and tok.type == tokenize.OP and tok.string == ",":
            items.append([])
            continue
        items[-1].append(tok)
    if any(not item for item in items):
        raise _Unsure
    return items


def _closing(tokens: list[tokenize.TokenInfo], opening: int) -> int:
    """Index of the bracket that closes the one at ``opening``."""
    depth = 0
    for index in range(opening, len(tokens)):
        tok = tokens[index]
        if tok.type == tokenize.OP and tok.string in _OPENING:
            depth += 1
        elif tok.type == tokenize.OP and tok.string in _CLOSING:
            depth -= 1
            if depth == 0:
                return index
    raise _Unsure


def _annotated(tokens: list[tokenize.TokenInfo], depth: int) -> str | None:
    """A too-long ``name: Annotated[T, Field(...)] = default`` as black wraps it; None if not that shape.

    Black splits at the default's invisible parentheses when the rest of the line
    fits; otherwise inside ``Annotated[...]``: its items on one line, or one per
    line, a too-long ``Field(...)`` split the same way one level deeper.
    """
    if len(tokens) < 7 or tokens[0].type != tokenize.NAME or [t.string for t in tokens[1:4]] != [":", "Annotated", "["]:
        return None
    close = _closing(tokens, 3)
    rest = tokens[close + 1 :]
    if rest and not (rest[0].string == "=" and _is_atom(rest[1:])):
        return None
    items = [_flat(item, "[") for item in _split_items(tokens[4:close])]
    if len(items) < 2:
        return None
    indent, inner = INDENT * depth, INDENT * (depth + 1)
    left = _flat(tokens[: close + 1])
    if rest:
        default = _flat(rest[1:])
        if _fits(f"{indent}{left} = (") and _fits(inner + default):
            return f"{indent}{left} = (\n{inner}{default}\n{indent})\n"
    tail = "]" + (f" = {_flat(rest[1:])}" if rest else "")
    head = _flat(tokens[:3]) + "["
    if not _fits(indent + head) or not _fits(indent + tail):
        return None
    body = ", ".join(items)
    if _fits(inner + body):
        return f"{indent}{head}\n{inner}{body}\n{indent}{tail}\n"
    out = [f"{indent}{head}\n"]
    for item, item_tokens in zip(items, _split_items(tokens[4:close]), strict=True):
        if _fits(f"{inner}{item},"):
            out.append(f"{inner}{item},\n")
            continue
        call = _call_lines(item_tokens, depth + 1)
        if call is None:
            return None
        out.append(call)
    out.append(f"{indent}{tail}\n")
    return "".join(out)


def _call_lines(tokens: list[tokenize.TokenInfo], depth: int) -> str | None:
    """A too-long ``Name(args)`` item (with its comma) split as black splits it; None if not that shape."""
    if (
        len(tokens) < 4
        or tokens[0].type != tokenize.NAME
        or tokens[1].string != "("
        or _closing(tokens, 1) != len(tokens) - 1
    ):
        return None
    indent, inner = INDENT * depth, INDENT * (depth + 1)
    args = [_flat(arg, "(") for arg in _split_items(tokens[2:-1])]
    body = ", ".join(args)
    if _fits(inner + body):
        return f"{indent}{tokens[0].string}(\n{inner}{body}\n{indent}),\n"
    if not all(_fits(f"{inner}{arg},") for arg in args):
        return None
    return f"{indent}{tokens[0].string}(\n" + "".join(f"{inner}{arg},\n" for arg in args) + f"{indent}),\n"


def _is_atom(tokens: list[tokenize.TokenInfo]) -> bool:
    """A default black cannot split: a name, a number, a string, or a negative number."""
    kinds = [t.type for t in tokens]
    if kinds in ([tokenize.NAME], [tokenize.NUMBER], [tokenize.STRING]):
        return True
    return kinds == [tokenize.OP, tokenize.NUMBER] and tokens[0].string == "-"


def _continuations(tokens: list[tokenize.TokenInfo], lines: list[str]) -> None:
    """A backslash continuation is kept by black as written: not ours to lay out."""
    for before, after in zip(tokens, tokens[1:], strict=False):
        if after.start[0] != before.end[0] and lines[before.end[0] - 1][before.end[1] :].strip():
            raise _Unsure


def _token_text(tok: tokenize.TokenInfo, index: int, tokens: list[tokenize.TokenInfo]) -> str:
    if tok.type == tokenize.NAME:
        if (
            keyword.iskeyword(tok.string)
            and tok.string not in _CONSTANTS
            and not (index == 0 and tok.string == "class")
        ):
            raise _Unsure
        return tok.string
    if tok.type == tokenize.NUMBER:
        if not _NUMBER.fullmatch(tok.string):
            raise _Unsure
        return tok.string
    if tok.type == tokenize.STRING:
        text = string_token(tok.string, alone=len(tokens) == 1)
        if text is None:
            raise _Unsure
        return text
    if tok.type == tokenize.OP and tok.string in _OPERATORS:
        return tok.string
    raise _Unsure


def string_token(token: str, alone: bool = False) -> str | None:
    """A string literal in black's quotes, when the rule is plain: None otherwise.

    A triple-quoted string is vouched for only as a statement of its own (``alone``,
    a field's docstring), which black leaves as written.
    """
    if token[:1] not in "'\"" or _ESCAPE.search(token):
        return None  # a prefix (r, b, f, u) or an escape black re-cases
    if token.startswith('"""'):
        return token if alone else None
    if token.startswith("'''"):
        return None
    body = token[1:-1]
    if "'" in body or '"' in body or "\n" in body:
        return None
    return f'"{body}"'


def _space(
    previous: tokenize.TokenInfo | None,
    tok: tokenize.TokenInfo,
    stack: list[str],
    index: int,
    tokens: list[tokenize.TokenInfo],
) -> str:
    """Black's whitespace before ``tok`` for the vouched shapes; _Unsure for any other pair."""
    if previous is None:
        return ""
    p, c = previous.string, tok.string
    p_op = previous.type == tokenize.OP
    c_op = tok.type == tokenize.OP
    if p_op and p == "-":
        if tok.type != tokenize.NUMBER:
            raise _Unsure
        return ""
    if p_op and p == ".":
        if tok.type != tokenize.NAME:
            raise _Unsure
        return ""
    if c_op and c in _CLOSING:
        if p_op and p == ",":
            raise _Unsure  # a magic trailing comma: black explodes the brackets
        return ""
    if c_op and c in (",", ":"):
        if c == ":" and stack and stack[-1] == "[":
            raise _Unsure  # a slice
        if p_op and p in _OPENING:
            raise _Unsure
        return ""
    if c_op and c == ".":
        if previous.type != tokenize.NAME and not (p_op and p in _CLOSING):
            raise _Unsure
        return ""
    if c_op and c in ("(", "["):
        if previous.type == tokenize.NAME and p not in _CONSTANTS and not keyword.iskeyword(p):
            if c == "(" and index + 1 < len(tokens) and tokens[index + 1].string == ")" and tokens[0].string == "class":
                raise _Unsure  # black drops a class's empty parentheses
            return ""
        if p_op and p in ("]", ")"):
            return ""
        if c == "(":
            raise _Unsure  # a parenthesized expression: black may drop redundant parentheses
    if c_op and c == "=" or p_op and p == "=":
        if not stack:
            return " "
        if stack[-1] == "(":
            return ""
        raise _Unsure
    if c_op and c == "|" or p_op and p == "|":
        return " "
    if c_op and c == "-":
        if p_op and p in ("(", "[", "{"):
            return ""
        if p_op and p in (",", ":"):
            return " "
        raise _Unsure  # a binary minus: not a shape we emit
    if p_op and p in _OPENING:
        return ""
    if p_op and p in (",", ":"):
        return " "
    if index == 1 and p == "class" and tok.type == tokenize.NAME:
        return " "
    raise _Unsure


def _exploded_call(tokens: list[tokenize.TokenInfo], lines: list[str], depth: int) -> str | None:
    """``name = Callee(a=1, b=2,)``: black keeps a magic trailing comma's call one argument per line.

    Only the plain shape: a name, ``=``, a callee name, keyword arguments without
    brackets, and a trailing comma; None for anything else.
    """
    if len(tokens) < 8 or [t.string for t in tokens[1:4:2]] != ["=", "("] or tokens[-1].string != ")":
        return None
    if tokens[-2].string != "," or tokens[0].type != tokenize.NAME or tokens[2].type != tokenize.NAME:
        return None
    inner = tokens[4:-1]
    if any(t.type == tokenize.OP and t.string in _OPENING for t in inner):
        return None
    items: list[list[tokenize.TokenInfo]] = [[]]
    for tok in inner:
        if tok.type == tokenize.OP and tok.string == ",":
            items.append([])
        else:
            items[-1].append(tok)
    items = items[:-1]
    if len(items) < 2 or any(not item for item in items):
        return None
    head = _one_line(tokens[:3], lines, depth)
    rendered = [_one_line(item, lines, depth + 1, inside="(") for item in items]
    if head is None or not _fits(INDENT * depth + head + "("):
        return None
    if any(r is None or not _fits(INDENT * (depth + 1) + r + ",") for r in rendered):
        return None
    indent = INDENT * depth
    body = "".join(f"{indent}{INDENT}{r},\n" for r in rendered)
    return f"{indent}{head}(\n{body}{indent})\n"


def docstring(token: str, depth: int) -> str | None:
    """A class or function docstring as black rewrites it, for plain triple-double-quoted text."""
    if not token.startswith('"""') or "\\" in token or "\r" in token or "\t" in token:
        return None
    text = token[3:-3]
    indent = INDENT * depth
    started_empty = not text
    if "\n" in token:
        text = _reindent(text, indent)
    else:
        text = text.strip()
    if text:
        if text[0] == '"':
            text = " " + text
        if text[-1] == '"':
            text += " "
    elif not started_empty:
        text = " "
    parts = text.splitlines()
    last = len(parts[-1]) if text and not text.endswith("\n") else 0
    if len(parts) > 1 and last + 3 > LINE_LENGTH and len(indent) + 3 <= LINE_LENGTH:
        return '"""' + text + "\n" + indent + '"""'
    return '"""' + text + '"""'


def _reindent(text: str, prefix: str) -> str:
    """PEP 257's trimming, as black applies it: common indentation out, ``prefix`` in."""
    lines = text.split("\n")
    margins = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    out = [lines[0].strip()]
    if margins:
        margin = min(margins)
        for i, line in enumerate(lines[1:]):
            trimmed = line[margin:].rstrip()
            out.append(prefix + trimmed if trimmed or i == len(lines) - 2 else "")
    return "\n".join(out)


# ---------------------------------------------------------------- code we write ourselves


@dataclass(frozen=True)
class Brackets:
    """``head`` + items + ``tail``: a signature, a call or a dict display, laid out as black would.

    On one line when it fits; otherwise one item per line with a trailing comma,
    which black then keeps as it is (the "magic trailing comma"), each item laid
    out the same way one level deeper.
    """

    head: str  # up to and with the opening bracket: "def f(", "return self.g(", '"path": {'
    items: tuple[Brackets | str, ...]
    tail: str  # from the closing bracket on: ") -> int:", ").parsed", "}"


def flat(node: Brackets | str) -> str:
    if isinstance(node, str):
        return node
    return node.head + ", ".join(flat(item) for item in node.items) + node.tail


def lay_out(node: Brackets | str, depth: int) -> str:
    """``node`` at ``depth``, as lines without the final newline."""
    indent = INDENT * depth
    one = indent + flat(node)
    if isinstance(node, str) or not node.items or width(one) <= LINE_LENGTH:
        return one
    items = "".join(lay_out(item, depth + 1) + ",\n" for item in node.items)
    return f"{indent}{node.head}\n{items}{indent}{node.tail}"


def code_fits(text: str) -> bool:
    """Every line but docstrings' within black's length: a longer one black would wrap its own way.

    Only for our own templates' output, whose docstrings are one line each
    (``one_line_docstring``) or the module's, and which has no other strings
    over several lines.
    """
    in_module_docstring = text.startswith('"""')
    for number, line in enumerate(text.split("\n")):
        if in_module_docstring:
            in_module_docstring = not (number and line.endswith('"""'))
            continue
        if width(line) > LINE_LENGTH and not line.lstrip().startswith('"""'):
            return False
    return True


def docstring_text(text: str) -> str:
    """Any text inside a docstring's line, as black leaves it: spaces collapsed, quotes and backslashes escaped."""
    body = " ".join(text.split()).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if body.isprintable():
        return body
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in body)


def one_line_docstring(text: str) -> str:
    """A one-line docstring of any text, as black leaves it (a quote at either end gets a space)."""
    body = docstring_text(text)
    if body.startswith('"'):
        body = " " + body
    if body.endswith('"'):
        body += " "
    return f'"""{body}"""'
