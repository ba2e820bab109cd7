"""Help text laid out as click lays it out, measured with ``len`` when there is nothing to discount.

Click measures every word of a help text through an ANSI-aware width function
so that styled text wraps by what the eye sees. Our help texts come from the
spec and carry no escape sequences, so that care only costs time, and it is
most of what printing a long help costs (upstream's descriptions run to
hundreds of lines). Text with an ESC character in it still goes through
click's own wrapper. A test compares both layouts over every generated
command and over generated text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import click
from click.formatting import wrap_text as _click_wrap

_ESC = "\x1b"
_RAW_MARK = "\b"  # click's marker: a paragraph whose first line is this alone is printed as written


def wrap(
    text: str,
    width: int,
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    """What ``click.formatting.wrap_text`` returns for the same arguments."""
    if _ESC in text or _ESC in initial_indent or _ESC in subsequent_indent:
        return _click_wrap(text, width, initial_indent, subsequent_indent, preserve_paragraphs)
    text = text.expandtabs()
    if not preserve_paragraphs:
        return _wrapper(width, initial_indent, subsequent_indent).fill(text)
    parts = []
    for indent, raw, body in _paragraphs(text):
        extra = " " * indent
        wrapper = _wrapper(width, initial_indent + extra, subsequent_indent + extra)
        if raw:  # indented as the wrapper would indent it, never re-flowed
            lines = body.splitlines()
            parts.append(
                "\n".join(
                    (wrapper.initial_indent if i == 0 else wrapper.subsequent_indent) + line
                    for i, line in enumerate(lines)
                )
            )
        else:
            parts.append(wrapper.fill(body))
    return "\n\n".join(parts)


class _Wrapper(textwrap.TextWrapper):
    """The standard library's wrapper, cutting an over-long word as click does (never at a hyphen)."""

    def _handle_long_word(
        self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int
    ) -> None:
        room = max(width - cur_len, 1)
        if self.break_long_words:
            word = reversed_chunks[-1]
            if not word:  # only where indents outgrow the width; click would loop for ever here
                reversed_chunks.pop()
                return
            cur_line.append(word[:room])
            reversed_chunks[-1] = word[room:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())


def _wrapper(width: int, initial_indent: str, subsequent_indent: str) -> textwrap.TextWrapper:
    return _Wrapper(
        width,
        initial_indent=initial_indent,
        subsequent_indent=subsequent_indent,
        replace_whitespace=False,
    )


def _paragraphs(text: str) -> list[tuple[int, bool, str]]:
    """Blank-line separated paragraphs: their first line's indent, whether raw, and their text."""
    found: list[tuple[int, bool, str]] = []
    lines: list[str] = []
    indent: int | None = None
    for line in [*text.splitlines(), ""]:
        if line:
            if indent is None:
                stripped = line.lstrip()
                indent = len(line) - len(stripped)
                line = stripped
            lines.append(line)
            continue
        if lines:
            if lines[0].strip() == _RAW_MARK:
                found.append((indent or 0, True, "\n".join(lines[1:])))
            else:
                found.append((indent or 0, False, " ".join(lines)))
        lines, indent = [], None
    return found


class HelpFormatter(click.HelpFormatter):
    """Click's help layout, with the wrapping above."""

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap(text, self.width, indent, indent, preserve_paragraphs=True))
        self.write("\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        table = list(rows)
        if not table or any(len(row) != 2 for row in table):
            super().write_dl(table, col_max, col_spacing)  # click's own error for a bad table
            return
        if any(_ESC in first for first, _ in table):
            super().write_dl(table, col_max, col_spacing)
            return
        first_col = min(max((len(first) for first, _ in table), default=0), col_max) + col_spacing
        margin = " " * self.current_indent
        for first, second in table:
            self.write(f"{margin}{first}")
            if not second:
                self.write("\n")
                continue
            if len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(
                second, max(self.width - first_col - 2, 10), preserve_paragraphs=True
            ).splitlines()
            if not lines:
                self.write("\n")
                continue
            self.write(f"{lines[0]}\n")
            pad = " " * (first_col + self.current_indent)
            for line in lines[1:]:
                self.write(f"{pad}{line}\n")
