"""Our help layout (runtime/help_format.py) is click's, character for character; it only measures faster."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from authlete_cli import _table
from authlete_cli.runtime import app
from authlete_cli.runtime.help_format import HelpFormatter, wrap
from click.formatting import wrap_text
from hypothesis import assume, given, settings
from hypothesis import strategies as st

# Words as help texts have them: plain, hyphenated, long (URLs), and runs of spaces or tabs.
_WORD = st.one_of(
    st.text(alphabet="abcdefghij", min_size=1, max_size=8),
    st.text(alphabet="abc-", min_size=1, max_size=30),
    st.text(alphabet="xyz/.:", min_size=20, max_size=130),
    st.sampled_from(["", " ", "  ", "\t", "-", "--", "\b", "é", "日本"]),
)
_LINE = st.builds(lambda indent, words: " " * indent + " ".join(words), st.integers(0, 6), st.lists(_WORD, max_size=12))
_TEXT = st.lists(_LINE, max_size=10).map("\n".join)


def _widest_indent(text: str) -> int:
    """The deepest indent of a line once tabs are expanded (a line of blanks counts whole): click's
    paragraph wrapping loops for ever where that and the current indent reach the width."""
    return max((len(line) - len(line.lstrip()) for line in text.expandtabs().splitlines()), default=0)


@settings(max_examples=400, deadline=None)
@given(
    text=_TEXT,
    width=st.integers(1, 130),
    first=st.sampled_from(["", " ", "    ", "> "]),
    rest=st.sampled_from(["", "  ", "      "]),
    paragraphs=st.booleans(),
)
def test_wrapping_matches_click(text: str, width: int, first: str, rest: str, paragraphs: bool) -> None:
    widest = _widest_indent(text)
    assume(width > max(len(first), len(rest)) + (widest if paragraphs else 0))  # else click never returns
    try:
        expected = wrap_text(text, width, first, rest, paragraphs)
    except ValueError as exc:  # a width the indents leave no room in: both refuse it
        with pytest.raises(ValueError, match=str(exc)[:20]):
            wrap(text, width, first, rest, paragraphs)
        return
    assert wrap(text, width, first, rest, paragraphs) == expected


def _both(width: int, indent: int, write: object) -> tuple[str, str]:
    shown = []
    for formatter in (HelpFormatter(width=width), click.HelpFormatter(width=width)):
        formatter.current_indent = indent
        write(formatter)  # type: ignore[operator]
        shown.append(formatter.getvalue())
    return shown[0], shown[1]


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(st.tuples(st.text(alphabet="-abcz, =<>", max_size=45), _TEXT), min_size=1, max_size=6),
    width=st.integers(12, 130),
    indent=st.integers(0, 6),
    col_max=st.integers(5, 40),
)
def test_definition_lists_match_click(rows: list[tuple[str, str]], width: int, indent: int, col_max: int) -> None:
    ours, theirs = _both(width, indent, lambda f: f.write_dl(rows, col_max=col_max))
    assert ours == theirs


@settings(max_examples=200, deadline=None)
@given(text=_TEXT, width=st.integers(12, 130), indent=st.integers(0, 6))
def test_paragraph_text_matches_click(text: str, width: int, indent: int) -> None:
    assume(width > indent + _widest_indent(text))  # else click never returns (see the test below)
    ours, theirs = _both(width, indent, lambda f: f.write_text(text))
    assert ours == theirs


def test_a_paragraph_indented_past_the_width_still_prints() -> None:
    """Where click would loop for ever (it is given the same text in a child with a deadline), we print."""
    text = "First paragraph.\n\n" + " " * 60 + "\nsecond one, indented past the width"
    shown = wrap(text, 30, preserve_paragraphs=True)
    assert "".join(shown.split()) == "Firstparagraph.secondone,indentedpastthewidth"  # nothing lost
    probe = f"from click.formatting import wrap_text; wrap_text({text!r}, 30, preserve_paragraphs=True)"
    with pytest.raises(subprocess.TimeoutExpired):
        subprocess.run([sys.executable, "-c", probe], timeout=3)


def test_a_bad_table_fails_as_in_click() -> None:
    for rows in ([], [("a", "b", "c")]):
        with pytest.raises(TypeError, match="two columns"):
            HelpFormatter().write_dl(rows)


def test_styled_text_is_left_to_click() -> None:
    styled = "\x1b[1m" + "bold " * 30 + "\x1b[0m"  # escapes count for nothing in click's width
    assert wrap(styled, 40, preserve_paragraphs=True) == wrap_text(styled, 40, preserve_paragraphs=True)
    assert wrap(styled, 40) != "\n".join(__import__("textwrap").wrap(styled, 40))
    ours, theirs = _both(50, 2, lambda f: f.write_dl([("\x1b[1m--flag\x1b[0m", "x " * 60)]))
    assert ours == theirs


def _commands() -> list[tuple[str, ...]]:
    """Every group and command path of the generated CLI, the root included."""
    found: list[tuple[str, ...]] = []
    for words, group in _table.GROUPS.items():
        path = tuple(words.split()) if words else ()
        found.append(path)
        found += [(*path, name) for name in group["commands"]]
    return found


@pytest.mark.parametrize("width", [30, 80, 110, 200])
def test_every_generated_help_is_what_click_prints(width: int) -> None:
    """Each command's and group's whole help, laid out by our formatter and by click's own."""
    root = app.root()
    assert len(_commands()) > 10
    for path in _commands():
        command: click.Command = root
        ctx = root.make_context(_table.PROG, [], resilient_parsing=True, terminal_width=width)
        for word in path:
            found = command.get_command(ctx, word)  # type: ignore[attr-defined]
            assert found is not None, path
            command = found
            ctx = command.make_context(word, [], parent=ctx, resilient_parsing=True)
        assert isinstance(ctx.make_formatter(), HelpFormatter)
        shown = []
        for formatter in (
            HelpFormatter(width=width, max_width=ctx.max_content_width),
            click.HelpFormatter(width=width, max_width=ctx.max_content_width),
        ):
            command.format_help(ctx, formatter)
            shown.append(formatter.getvalue())
        assert shown[0] == shown[1], path
        assert shown[0].count("\n") > 3
