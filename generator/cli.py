"""``python -m generator generate|check|validate|describe|diff|daemon``.

Exit codes: 0 done (or no drift, or no change to the surface), 1 drift found
by ``check`` or compatible changes found by ``diff``, 2 bad input (a spec
problem, a bad option), 3 an unexpected internal error, 4 a breaking change
(``diff``, or ``check`` when the drift breaks users), 5 the output could not be
written (the out folder or standard output), 141 the reader of our output left.
"""

from __future__ import annotations

import argparse
import keyword
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from generator.paths import DEFAULT_OUT, DEFAULT_PACKAGE, DEFAULT_SPEC

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from generator.diagnostics import Diagnostic
    from generator.memo import Options

_PACKAGE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="Generate the Authlete CLI, models and client from an OpenAPI spec."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser, out: bool = True) -> None:
        p.add_argument(
            "--spec", type=Path, default=DEFAULT_SPEC, help="OpenAPI spec, YAML or JSON (default: specs/authlete.yaml)"
        )
        p.add_argument(
            "--skip",
            action="append",
            default=[],
            metavar="OPERATION_ID",
            help="leave this operation out (repeatable); needed for operations the generator cannot support",
        )
        p.add_argument(
            "--overlay",
            action="append",
            default=[],
            type=Path,
            metavar="FILE",
            help="an OpenAPI Overlay 1.0 file applied to the spec before validation (repeatable, in order)",
        )
        p.add_argument(
            "--strict",
            action="store_true",
            help="treat warnings as errors (for CI), such as an overlay target that matches nothing: exit 2 and write nothing",
        )
        p.add_argument(
            "--cache-dir",
            type=Path,
            default=None,
            metavar="DIR",
            help="keep stage results here to redo only what changed (default: .cache/ at the project root)",
        )
        p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
        p.add_argument("--no-daemon", action="store_true", help=_NO_DAEMON)
        if out:
            p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: generated/)")
            p.add_argument("--package", default=DEFAULT_PACKAGE, help="Python package name (default: authlete_cli)")

    common(sub.add_parser("generate", help="write the generated package to --out"))
    check = sub.add_parser(
        "check", help="exit 1 when --out differs from what the inputs produce (4 when the difference breaks users)"
    )
    common(check)
    check.add_argument("--format", choices=("text", "json", "github"), default="text", help="how to print the report")
    common(sub.add_parser("validate", help="validate the spec and report every problem"), out=False)
    describe = sub.add_parser("describe", help="list the commands the spec produces")
    common(describe, out=False)
    describe.add_argument("--format", choices=("text", "json"), default="text")
    _diff_parser(sub)
    _daemon_parser(sub)
    return parser


def _diff_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diff = sub.add_parser(
        "diff",
        help="what changes for users between two specs or two generated trees, compatible or breaking",
        description="Exit 0 when nothing users touch changed, 1 for compatible changes only, 4 when any change "
        "breaks users, 2 for bad input. OLD and NEW are each a spec file or a generated tree (a folder).",
    )
    diff.add_argument("old", type=Path, metavar="OLD", help="the spec or generated tree before")
    diff.add_argument("new", type=Path, metavar="NEW", help="the spec or generated tree after")
    diff.add_argument("--format", choices=("text", "json", "github"), default="text", help="how to print the report")
    for flag, side in (("--overlay", "both specs"), ("--old-overlay", "OLD only"), ("--new-overlay", "NEW only")):
        diff.add_argument(
            flag, action="append", default=[], type=Path, metavar="FILE", help=f"an overlay applied to {side}"
        )
    diff.add_argument("--skip", action="append", default=[], metavar="OPERATION_ID", help="leave this operation out")
    diff.add_argument("--strict", action="store_true", help="treat warnings as errors")
    diff.add_argument(
        "--cache-dir", type=Path, default=None, metavar="DIR", help="stage cache folder (default: .cache/)"
    )
    diff.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    diff.add_argument("--no-daemon", action="store_true", help=_NO_DAEMON)


_NO_DAEMON = "run in this process, not in the warm generation server (see `daemon`)"


def _daemon_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    daemon = sub.add_parser(
        "daemon",
        help="the warm generation server that serves cached runs: status, stop",
        description="A cached run (no --no-cache, no --no-daemon, AUTHLETE_CODEGEN_DAEMON not 0, no CI variable) "
        "is served by a background server that has the generator and its tools imported already; the first such "
        "run starts it. It stops itself after AUTHLETE_CODEGEN_DAEMON_IDLE seconds idle (default 1800). "
        "`status` exits 0 when the server of this generator is ready, 1 otherwise.",
    )
    daemon.add_argument("action", choices=("status", "stop", "serve"), metavar="{status,stop}")
    daemon.add_argument(
        "--cache-dir", type=Path, default=None, metavar="DIR", help="the cache folder it serves (default: .cache/)"
    )


def _shown(path: Path) -> Path:
    """Paths inside the working folder are shown (and reported in errors) relative to it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    for name in ("spec", "out"):
        if getattr(args, name, None) is not None:
            setattr(args, name, _shown(getattr(args, name)))
    for name in ("overlay", "old_overlay", "new_overlay"):
        if getattr(args, name, None):
            setattr(args, name, [_shown(p) for p in getattr(args, name)])
    for name in ("old", "new"):
        if getattr(args, name, None) is not None:
            setattr(args, name, _shown(getattr(args, name)))
    package = getattr(args, "package", DEFAULT_PACKAGE)
    if not _PACKAGE_NAME.match(package) or keyword.iskeyword(package):
        print(f"error: --package {package!r} is not a valid Python package name", file=sys.stderr)
        return 2
    if package in sys.stdlib_module_names:  # `import os` would find Python's, never the package
        print(
            f"error: --package {package!r} is a module of Python's standard library; pick another name", file=sys.stderr
        )
        return 2
    from generator.cache import DEFAULT_DIR, Cache, using

    stdout = sys.stdout
    if stdout is not None:  # None: started with standard output closed
        sys.stdout = _Stdout(stdout)
    try:
        if args.command == "daemon":
            return _daemon(args, args.cache_dir or DEFAULT_DIR)
        with using(Cache(None if args.no_cache else (args.cache_dir or DEFAULT_DIR))):
            code: int = _COMMANDS[args.command](args)
        if stdout is not None:
            sys.stdout.flush()  # a full disk is found here, while it can still be reported
        return code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # no traceback for users; the message says where to look
        return _failed(exc)
    finally:
        sys.stdout = stdout


def _daemon(args: argparse.Namespace, cache_dir: Path) -> int:
    from generator import daemon, server

    folder = str(cache_dir.resolve())
    if args.action == "serve":  # the server's own process: it leaves at once, no interpreter teardown
        code = server.serve(folder)
        sys.stderr.flush()
        os._exit(code)
    actions = {"status": daemon.status, "stop": daemon.stop}
    try:
        return actions[args.action](folder)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        return _failed(exc)


# What a shell shows for a process that SIGPIPE ended (128 + 13): the reader of our output left early.
READER_LEFT = 141


def _stdout_gone() -> bool:
    """Whether standard output is a pipe nobody reads any more (``| head`` has exited).

    If so it is pointed at /dev/null, so that the interpreter's last flush
    does not print its own complaint on the way out.
    """
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    except (OSError, ValueError, AttributeError):
        return False
    try:
        fd = sys.stdout.fileno()
        import select

        poll = select.poll()
        poll.register(fd, select.POLLERR)
        gone = any(event & select.POLLERR for _, event in poll.poll(0))
    except (OSError, ValueError, AttributeError):
        return False
    if gone:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    return gone


# The output folder or standard output could not be written (no space, no permission): exit 5.
UNWRITABLE = 5


def _failed(exc: Exception) -> int:
    """Exit 2 with every located error of a bad input, 5 when the output cannot be written, 3
    with one line for anything else.

    The diagnostics module is imported only here and by the stages, so a run
    served by the memo does not pay for it.
    """
    from generator.diagnostics import GeneratorError, count
    from generator.write import OutputError

    if isinstance(exc, BrokenPipeError) and _stdout_gone():
        return READER_LEFT
    if isinstance(exc, GeneratorError):
        print(str(exc), file=sys.stderr)
        errors = count(exc.diagnostics, "error")
        print(f"{errors} error{'s' if errors != 1 else ''}; nothing was written", file=sys.stderr)
        return 2
    if isinstance(exc, OutputError):
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return UNWRITABLE
    if isinstance(exc, StdoutError):
        _silence(exc.stream)
        print(f"error: cannot write standard output: {exc.strerror or exc}", file=sys.stderr)
        return UNWRITABLE
    print(f"internal error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
    return 3


class StdoutError(OSError):
    """Standard output refused what we wrote (a full disk, /dev/full): not a bug of ours."""

    stream: object = None


class _Stdout:
    """``sys.stdout`` while a command runs, whose write failures say they are standard output's.

    A reader that left (BrokenPipeError) keeps its own way out (``_stdout_gone``).
    """

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        try:
            return self.inner.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._error(exc) from None

    def flush(self) -> None:
        try:
            self.inner.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._error(exc) from None

    def _error(self, exc: OSError) -> StdoutError:
        error = StdoutError(exc.errno, exc.strerror)
        error.stream = self.inner
        return error

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _silence(stream: object) -> None:
    """Point a failed standard output at /dev/null: the interpreter's last flush would complain again."""
    try:
        fd = stream.fileno()  # type: ignore[attr-defined]
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _options(args: argparse.Namespace) -> Options:
    from generator.memo import Options

    return Options(args.spec, tuple(args.overlay), args.package, frozenset(args.skip), args.strict)


def _generate(args: argparse.Namespace) -> int:
    """Write the package; with nothing changed since a remembered run, only confirm that the tree matches it."""
    from generator import memo

    memo_key = memo.key(_options(args))
    recalled = memo.recall(memo_key)
    if recalled is not None and recalled.matches(args.out):
        _say(recalled.stderr)
        return _generated(args, len(recalled.files), 0)

    from generator.pipeline import produce
    from generator.write import check_target, read_tree, write_tree

    check_target(args.out)
    files, api = produce(args.spec, args.package, frozenset(args.skip), overlays=args.overlay, strict=args.strict)
    lines = _say(_note_lines(api.notes))
    before = read_tree(args.out)
    changed = sum(1 for p in files if before.get(p) != files[p]) + len(set(before) - set(files))
    if changed:
        write_tree(files, args.out, before)
    memo.remember(memo_key, _options(args), files, lines)
    return _generated(args, len(files), changed)


def _generated(args: argparse.Namespace, files: int, changed: int) -> int:
    print(f"{args.out}: {files} files, {changed} changed")
    return 0


def _check(args: argparse.Namespace) -> int:
    """Compare --out with what the inputs produce; a remembered run whose tree is on disk needs no pipeline."""
    from generator import memo

    memo_key = memo.key(_options(args))
    recalled = memo.recall(memo_key)
    if recalled is not None and recalled.matches(args.out):
        _say(recalled.stderr)
        return _up_to_date(args)

    from generator.breaking import RENDERERS, text_line
    from generator.breaking import summary as surface_summary
    from generator.diff import compare
    from generator.pipeline import analyse, render_tree
    from generator.surface import from_spec
    from generator.write import read_tree

    doc, api = analyse(args.spec, args.package, frozenset(args.skip), strict=args.strict, overlays=args.overlay)
    lines = _say(_note_lines(api.notes))
    files = render_tree(api, doc)
    memo.remember(memo_key, _options(args), files, lines)
    drift = compare(read_tree(args.out), files, args.package, from_spec(api, doc))
    if drift.clean:
        return _up_to_date(args)
    code = 4 if drift.report.breaking else 1
    if args.format != "text":
        sys.stdout.write(RENDERERS[args.format](drift.report))
        return code
    print(f"{args.out} differs from what {args.spec} and templates/ produce; run `make regenerate`.")
    for label, paths in (("added", drift.added), ("removed", drift.removed), ("changed", drift.changed)):
        for path in paths:
            print(f"  {label}: {path}")
    print("What changes for users:")
    for change in drift.report.changes:
        print(f"  {text_line(change)}")
    print(f"  {surface_summary(drift.report)}")
    print(drift.diff, end="")
    return code


def _up_to_date(args: argparse.Namespace) -> int:
    """What ``check`` prints for a tree that matches, whether the memo or the pipeline found it so."""
    if args.format == "text":
        print(f"{args.out} is up to date with {args.spec}")
        return 0
    from generator.breaking import RENDERERS
    from generator.diff import Drift

    sys.stdout.write(RENDERERS[args.format](Drift().report))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from generator.pipeline import analyse

    _, api = analyse(args.spec, skip=frozenset(args.skip), overlays=args.overlay, strict=args.strict)
    _notes(api)
    count = len(api.operations)
    print(f"{args.spec}: valid; {count} operation{'s' if count != 1 else ''}")
    return 0


def _describe(args: argparse.Namespace) -> int:
    from generator.pipeline import analyse
    from generator.render import describe_json, describe_text

    _, api = analyse(args.spec, skip=frozenset(args.skip), overlays=args.overlay, strict=args.strict)
    _notes(api)
    sys.stdout.write(describe_json(api) if args.format == "json" else describe_text(api))
    return 0


def _diff(args: argparse.Namespace) -> int:
    from generator.breaking import RENDERERS
    from generator.diff import Side, diff_sides

    old = Side(args.old, tuple(args.overlay + args.old_overlay))
    new = Side(args.new, tuple(args.overlay + args.new_overlay))
    result, notes = diff_sides(old, new, frozenset(args.skip), args.strict)
    _notes(argparse.Namespace(notes=tuple(notes)))
    sys.stdout.write(RENDERERS[args.format](result))
    return result.exit_code


def _notes(api: object) -> None:
    _say(_note_lines(getattr(api, "notes", ())))


def _note_lines(notes: Sequence[Diagnostic]) -> list[str]:
    """Compiler-style warnings and notes (renamed flags, skipped operations...), then a count if any warns."""
    from generator.diagnostics import summary

    lines = [str(note) for note in notes]
    if any(d.severity == "warning" for d in notes):
        lines.append(f"{summary(notes)}; generation went on (--strict makes warnings errors)")
    return lines


def _say(lines: Iterable[str]) -> list[str]:
    """Print diagnostics on stderr and hand them back, so a run can remember what it said."""
    said = list(lines)
    for line in said:
        print(line, file=sys.stderr)
    return said


_COMMANDS = {"generate": _generate, "check": _check, "validate": _validate, "describe": _describe, "diff": _diff}
