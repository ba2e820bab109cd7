"""The CLI's entry point: a click command tree built from the command table.

Groups come from the ``_table`` index alone; a group's entries
(``commands/<group>.py``, plain data) are read only when one of its commands
is resolved, and a command's click options are made from its entry then, so
start-up cost does not grow with the spec. Every failure leaves through
``main`` as one line and an exit code; no traceback reaches the user.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO, cast

import click

from .. import _outcomes, _table
from . import errors, groups, settings
from .errors import CODE_NAMES, EXIT_FAILURE, EXIT_USAGE, CliError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from . import surface

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 110}
_PACKAGE = __name__.rsplit(".", 2)[0]


_SECTION_ORDER = ("Parameters", "Request", "Options", "Global options")


def _format_sections(
    command: click.Command, ctx: click.Context, formatter: click.HelpFormatter
) -> None:
    """Options under headings (the operation's own first, global ones last) instead of one long list."""
    sections: dict[str, list[tuple[str, str]]] = {}
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record:
            title = getattr(param, "rich_help_panel", None) or "Options"
            sections.setdefault(title, []).append(record)
    for title in sorted(
        sections, key=lambda t: _SECTION_ORDER.index(t) if t in _SECTION_ORDER else 2
    ):
        with formatter.section(title):
            formatter.write_dl(sections[title])


class _Context(click.Context):
    """Help printed through ``help_format`` (click's layout, measured faster), imported only for help;
    a usage error raised while this context parses says it is this command's."""

    def make_formatter(self) -> click.HelpFormatter:
        from .help_format import HelpFormatter

        return HelpFormatter(width=self.terminal_width, max_width=self.max_content_width)

    @contextmanager
    def scope(self, cleanup: bool = True) -> Iterator[click.Context]:
        """Click's parser raises some usage errors (an option missing its value) without a context,
        which would point the user at the top-level help instead of this command's."""
        try:
            with super().scope(cleanup=cleanup) as ctx:
                yield ctx
        except click.UsageError as exc:
            if exc.ctx is None:
                exc.ctx = self
            raise


def _with_context(command: click.Command) -> click.Command:
    """``command`` and the commands under it parse in our context class (built-in groups included)."""
    command.context_class = _Context
    for sub in getattr(command, "commands", {}).values():
        _with_context(sub)
    return command


class ApiCommand(click.Command):
    """A generated leaf command; only its help layout differs from click's."""

    context_class = _Context

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _format_sections(self, ctx, formatter)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.epilog:  # examples are shell lines: never re-wrap them
            formatter.write_paragraph()
            for line in self.epilog.splitlines():
                formatter.write(f"  {line}\n" if line else "\n")


class _FiniteFloat(click.types.FloatParamType):
    """A number JSON can carry: NaN and the infinities (1e999 is one) have no JSON spelling."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if number - number != 0:  # NaN or an infinity, without importing math at start-up
            self.fail(f"{value!r} is not a finite number (JSON has no NaN or infinity)", param, ctx)
        return number


_TYPES: dict[str, click.ParamType[Any]] = {
    "string": click.STRING,
    "integer": click.INT,
    "number": _FiniteFloat(),
    "json": click.STRING,
    "file": click.STRING,
}
_BODY_HELP = "The whole request body as JSON; '-' reads standard input, '@file.json' a file. Flags override its fields."
_ARRAY_HELP = "The request body: a JSON array; '-' reads standard input, '@file.json' a file."


def _panel(option: click.Option, title: str) -> click.Option:
    option.rich_help_panel = title  # type: ignore[attr-defined]
    return option


def _option(spec: surface.Option) -> click.Option:
    """The click option of one table entry: flag, type, help and panel all come from the spec."""
    decls = [spec["name"], spec["flag"], *([spec["short"]] if spec["short"] else [])]
    help_text = spec["help"] + (
        " [required]"
        if spec["required"] and spec["help"]
        else "[required]" if spec["required"] else ""
    )
    extra: dict[str, Any] = {}
    if spec["kind"] == "enum":
        extra["type"] = click.Choice(spec["choices"])
    elif spec["kind"] == "boolean":  # --flag alone means true; --flag=false is accepted too
        extra.update(type=click.BOOL, is_flag=False, flag_value=True)
    else:
        extra["type"] = _TYPES[spec["kind"]]
    metavar = "|".join(spec["choices"]) if spec["kind"] == "enum" else spec["type"]
    option = click.Option(
        decls,
        help=help_text,
        metavar=metavar,
        multiple=spec["repeatable"],
        show_default=False,
        **extra,
    )
    return _panel(option, "Request" if spec["in"] == "body" else "Parameters")


def _body_options(entry: surface.Command) -> list[click.Option]:
    body = entry["body"]
    if body is None:
        return []
    help_text = (
        _ARRAY_HELP + " [required]"
        if body["array"] and body["required"]
        else _ARRAY_HELP if body["array"] else _BODY_HELP
    )
    if body["encoding"] in ("binary", "text"):
        help_text = f"The request body ({body['content_type']}): '@path' sends a file, '-' standard input, else the value itself."
        help_text += " [required]" if body["required"] else ""
    options = [
        _panel(
            click.Option(["body", "--body"], help=help_text, metavar="JSON", show_default=False),
            "Request",
        )
    ]
    form = body["form_field"]
    if form:
        flag = next(
            (o["flag"] for o in entry["options"] if o["in"] == "body" and o["wire"] == form),
            "--" + form,
        )
        text = f"One form parameter of {flag} as KEY=VALUE, URL-encoded for you; repeat it for each parameter."
        options.append(
            _panel(
                click.Option(
                    ["param", "--param"],
                    help=text,
                    metavar="KEY=VALUE",
                    multiple=True,
                    show_default=False,
                ),
                "Request",
            )
        )
    return options


def _paging_options() -> list[click.Option]:
    """--all and --max-pages of a paginated command."""
    every = click.Option(
        ["all_pages", "--all"],
        is_flag=True,
        default=False,
        help="Fetch every page and print them as one result (-q applies to the whole).",
    )
    bound = click.Option(
        ["max_pages", "--max-pages"],
        type=click.IntRange(min=1),
        metavar="N",
        help="With --all, stop after N pages.",
    )
    return [_panel(every, "Pages"), _panel(bound, "Pages")]


def build_command(name: str, words: str, entry: surface.Command) -> click.Command:
    """The click command of one table entry, with the global options."""

    def callback(**values: Any) -> None:
        from .command import run

        run(
            words,
            entry,
            {
                key: (list(value) or None) if isinstance(value, tuple) else value
                for key, value in values.items()
            },
        )

    params: list[click.Parameter] = [_option(o) for o in entry["options"]]
    params += _body_options(entry)
    if entry["pagination"]:
        params += _paging_options()
    params += settings.global_options()
    params.append(_usage_option(hidden=True))
    return ApiCommand(
        name,
        params=params,
        callback=callback,
        help=entry["help"],
        short_help=entry["summary"],
        epilog=f"Example:\n  {entry['example']}",
        context_settings=dict(CONTEXT),
    )


class LazyGroup(click.Group):
    """A command group whose leaves come from one lazily imported module."""

    context_class = _Context

    def __init__(self, words: tuple[str, ...], **kwargs: Any) -> None:
        entry = _table.GROUPS[" ".join(words)]
        super().__init__(
            name=words[-1] if words else _table.PROG,
            help=entry["help"],
            short_help=entry["help"].split("\n")[0],
            context_settings=CONTEXT,
            no_args_is_help=True,
            **kwargs,
        )
        self.words = words
        self.entry = entry
        options = settings.global_options()
        for option in options:  # accepted here too, but listed only by the root and the commands
            option.hidden = bool(words)
        self.params.extend(options)
        if words:
            self.params.append(_usage_option(hidden=True))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _format_sections(self, ctx, formatter)
        self.format_commands(ctx, formatter)
        if self.words:
            formatter.write_paragraph()
            formatter.write_text(
                f"Global options (see '{_table.PROG} --help') are accepted here and after the command."
            )

    def list_commands(self, ctx: click.Context) -> list[str]:
        extra = list(EXTRA_COMMANDS) if not self.words else []
        return sorted([*self.entry["groups"], *self.entry["commands"], *extra])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.entry["groups"]:
            return LazyGroup((*self.words, cmd_name))
        if cmd_name in self.entry["commands"] and self.entry["module"]:
            words = " ".join((*self.words, cmd_name))
            leaf = build_command(cmd_name, words, groups.commands_of(self.entry["module"])[words])
            if words in _outcomes.CLIENT_ASSERTION_COMMANDS:
                from .oauth_options import add_options

                leaf = add_options(leaf)
            return leaf
        if not self.words and cmd_name in EXTRA_COMMANDS:  # these have options of their own
            module = importlib.import_module(f"{__package__}.{EXTRA_COMMANDS[cmd_name]}")
            command: click.Command = _with_context(module.command())
            command.context_settings = dict(CONTEXT)
            return command
        return None


# Commands that exist in every generated CLI, beside the spec's own.
EXTRA_COMMANDS = {"auth": "auth", "configure": "configure", "completion": "completion"}
if _outcomes.OAUTH_HELPERS:  # the spec's x-cli-oauth switches the OAuth helpers on
    EXTRA_COMMANDS["oauth"] = "oauth"


def _version(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"{_table.PROG} {_table.CLI_VERSION} ({_table.TITLE}, API {_table.API_VERSION})")
        ctx.exit(0)


def _usage(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    if value and not ctx.resilient_parsing:
        from .usage import kdl

        click.echo(kdl(), nl=False)
        ctx.exit(0)


def _usage_option(hidden: bool) -> click.Option:
    """--usage is an option like any other: a value such as ``--parameters --usage`` is not it."""
    option = click.Option(
        ["--usage"],
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_usage,
        hidden=hidden,
        help="Print the whole CLI's usage schema in KDL and exit.",
    )
    option.rich_help_panel = "Global options"  # type: ignore[attr-defined]
    return option


def root() -> LazyGroup:
    group = LazyGroup(())
    group.params.append(
        click.Option(
            ["--version"],
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=_version,
            help="Print the version and exit.",
        )
    )
    group.params[-1].rich_help_panel = "Global options"  # type: ignore[attr-defined]
    group.params.append(_usage_option(hidden=False))
    return group


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the process exit code.

    For the whole run stdout and stderr mask every secret the user gave
    (``redact.ScrubbedStream``), whichever layer prints, and stderr shows
    control characters from a server as escapes.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    complete_var = "_" + _table.PROG.upper().replace("-", "_") + "_COMPLETE"
    if os.environ.get(complete_var):
        from click.shell_completion import shell_complete

        return shell_complete(root(), {}, _table.PROG, complete_var, os.environ[complete_var])
    from . import redact

    redact.forget_all()
    redact.remember_argv(args)
    settings.explicit_agent_mode = None
    streams = (sys.stdout, sys.stderr)
    stdout = cast("TextIO", _Stdout(sys.stdout))
    sys.stdout = redact.ScrubbedStream(stdout, credentials_only=True)  # type: ignore[assignment,unused-ignore]
    if sys.stderr is not None:
        sys.stderr = redact.ScrubbedStream(sys.stderr, neutralise=True)  # type: ignore[assignment,unused-ignore]
    try:
        errors.agent_mode = _agent_mode(args)
        code = _run(args)
        try:  # the last of the output may still sit in a buffer: losing it is a failure too
            sys.stdout.flush()
        except OutputError as exc:
            if code == 0:
                code = _output_lost(exc, args)
        except (OSError, ValueError):
            pass
        return code
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                pass
        sys.stdout, sys.stderr = streams


class OutputError(OSError):
    """Standard output cannot take what the CLI prints (closed, a full disk): not a bug of ours."""


class _Stdout:
    """Standard output for one run; a failed write or flush becomes an OutputError.

    A reader that went away (``| head``) stays a BrokenPipeError, the quiet success ``_run``
    makes of it, but one without an errno: click turns an EPIPE it sees into a silent exit 1.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        try:
            if self.inner is None:  # started with stdout closed (`>&-`)
                raise OSError(errno.EBADF, "standard output is closed")
            return int(self.inner.write(text))
        except BrokenPipeError:
            raise BrokenPipeError("the reader of standard output went away") from None
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror or str(exc)) from None

    def flush(self) -> None:
        try:
            if self.inner is not None:
                self.inner.flush()
        except BrokenPipeError:
            raise BrokenPipeError("the reader of standard output went away") from None
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror or str(exc)) from None

    def isatty(self) -> bool:
        return self.inner is not None and bool(self.inner.isatty())

    def __getattr__(self, name: str) -> Any:
        if self.inner is None:
            raise AttributeError(name)
        return getattr(self.inner, name)


def _output_lost(exc: OSError, args: list[str]) -> int:
    return report(
        CliError(f"cannot write to standard output: {exc.strerror or exc}", EXIT_FAILURE), args
    )


def _run(args: list[str]) -> int:
    """Parse and run one command line; every failure becomes a message and an exit code."""
    try:
        args = settings.normalize_argv(args)
        errors.agent_mode = _agent_mode(args)
        result = root().main(args=args, prog_name=_table.PROG, standalone_mode=False)
        return result if isinstance(result, int) else 0
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
        return 0
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else _table.PROG
        return report(CliError(exc.format_message(), EXIT_USAGE, f"see '{command} --help'"), args)
    except click.Abort:
        return report(CliError("aborted", 130), args)
    except click.ClickException as exc:
        return report(CliError(exc.format_message(), exc.exit_code), args)
    except CliError as exc:
        return report(exc, args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        from .output import silence_stdout

        silence_stdout()
        return 0
    except RecursionError:
        return report(CliError("input nested too deeply to handle", EXIT_USAGE), args)
    except OutputError as exc:
        return _output_lost(exc, args)
    except Exception as exc:  # the last line of defence: never a traceback
        return report(
            CliError(
                f"internal error: {exc.__class__.__name__}: {exc}",
                EXIT_FAILURE,
                "please report this with the command you ran",
            ),
            args,
        )


def report(error: CliError, args: list[str]) -> int:
    """Print one line (or one JSON object in agent mode) to stderr."""
    agent = _agent_mode(args)
    message = " ".join(error.message.split())
    if agent:
        payload = {
            "error": {
                "code": CODE_NAMES.get(error.exit_code, "error"),
                "message": message,
                "hint": error.hint,
                "exit_code": error.exit_code,
            }
        }
        sys.stderr.write(json.dumps(payload) + "\n")
    else:
        hint = f" ({error.hint})" if error.hint else ""
        sys.stderr.write(f"{_table.PROG}: error: {message}{hint}\n")
    return error.exit_code


def _agent_mode(args: list[str]) -> bool:
    """Agent mode for error reporting, read straight from argv (parsing may have failed)."""
    value: bool | None = settings.explicit_agent_mode
    for arg in args:
        if arg == "--":
            break
        if arg == "--agent-mode":
            value = True
        elif arg.startswith("--agent-mode="):
            value = arg.split("=", 1)[1].lower() not in ("false", "0", "no", "off", "")
    return settings.agent_detected() if value is None else value


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
