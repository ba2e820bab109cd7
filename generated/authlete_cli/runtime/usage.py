"""``--usage``: the whole command tree as a KDL document (usage.jdx.dev style).

Built from the static table and the global option definitions, so it costs no
command-module import.
"""

from __future__ import annotations

from typing import Any

import click

from .. import _table
from .settings import global_options
from .surface import Command, all_commands


def _q(text: Any) -> str:
    """A KDL string literal."""
    out = (
        str(text)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{out}"'


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _flag(
    names: str,
    help_text: str,
    *,
    arg: str | None,
    required: bool = False,
    repeatable: bool = False,
    choices: list[str] | None = None,
    default: str | None = None,
    global_: bool = False,
    indent: str = "",
) -> list[str]:
    attrs = [f"help={_q(help_text.split(chr(10))[0])}"]
    if required:
        attrs.append("required=true")
    if repeatable:
        attrs.append("var=true")
    if global_:
        attrs.append("global=true")
    if default is not None:
        attrs.append(f"default={_q(default)}")
    head = f"{indent}flag {_q(names)} {' '.join(attrs)}"
    if arg is None:
        return [head]
    lines = [head + " {", f"{indent}    arg {_q('<' + arg + '>')}" + (" {" if choices else "")]
    if choices:
        lines.append(f"{indent}        choices {' '.join(_q(c) for c in choices)}")
        lines.append(f"{indent}    }}")
    lines.append(f"{indent}}}")
    return lines


def _global_lines() -> list[str]:
    lines = []
    defaults = {
        "output_format": "pretty",
        "color": "auto",
        "timeout": "30s",
        "max_response_size": "64MB",
    }
    for option in global_options():
        names = " ".join(sorted(option.opts, key=len))
        takes_value = not option.is_flag
        choices = list(option.type.choices) if isinstance(option.type, click.Choice) else None
        arg = None
        if takes_value:
            arg = (
                (option.metavar or option.name or "value").strip("[]=").lower()
                if not choices
                else (option.name or "value")
            )
        lines += _flag(
            names,
            option.help or "",
            arg=arg,
            repeatable=option.multiple,
            choices=choices,
            default=defaults.get(option.name or ""),
            global_=True,
        )
    lines += _flag("--usage", "Print this usage schema in KDL and exit.", arg=None, global_=True)
    lines += _flag("--version", "Print the version and exit.", arg=None)
    return lines


def _command_lines(name: str, entry: Command, indent: str) -> list[str]:
    lines = [f"{indent}cmd {_q(name)} help={_q(entry['summary'])} {{"]
    inner = indent + "    "
    for option in entry["options"]:
        names = f"{option['short']} {option['flag']}" if option["short"] else option["flag"]
        arg = option["type"] if option["kind"] != "boolean" else None
        if option["kind"] == "boolean":
            arg = None
        lines += _flag(
            names,
            option["help"],
            arg=arg,
            required=option["required"],
            repeatable=option["repeatable"],
            choices=option["choices"] or None,
            indent=inner,
        )
    if entry["body"]:
        lines += _flag(
            "--body",
            "The request body as JSON ('-' for stdin, '@file' for a file).",
            arg="JSON",
            required=entry["body"]["array"],
            indent=inner,
        )
        if entry["body"]["form_field"]:
            lines += _flag(
                "--param",
                "One form parameter as KEY=VALUE.",
                arg="KEY=VALUE",
                repeatable=True,
                indent=inner,
            )
    if entry.get("pagination"):
        lines += _flag(
            "--all", "Fetch every page and print one combined result.", arg=None, indent=inner
        )
        lines += _flag("--max-pages", "With --all, stop after N pages.", arg="N", indent=inner)
    lines.append(f"{inner}example {_q(entry['example'])}")
    lines.append(f"{indent}}}")
    return lines


def _group_lines(words: tuple[str, ...], indent: str, commands: dict[str, Command]) -> list[str]:
    entry = _table.GROUPS[" ".join(words)]
    lines: list[str] = []
    for name in sorted({*entry["groups"], *entry["commands"]}):
        if name in entry["groups"]:
            child = (*words, name)
            lines.append(f"{indent}cmd {_q(name)} help={_q(entry['groups'][name])} {{")
            lines += _group_lines(child, indent + "    ", commands)
            lines.append(f"{indent}}}")
        else:
            lines += _command_lines(name, commands[" ".join((*words, name))], indent)
    return lines


def kdl() -> str:
    lines = [
        f"name {_q(_table.TITLE)}",
        f"bin {_q(_table.PROG)}",
        f"version {_q(_table.CLI_VERSION)}",
        f"about {_q('Command-line interface for the ' + _table.TITLE)}",
        *_global_lines(),
        f"cmd \"configure\" help={_q('Save a bearer token, server URL and default service ID.')} {{",
        *_flag("--bearer", "Bearer token to save.", arg="TOKEN", indent="    "),
        *_flag("--server-url", "Default server URL to save.", arg="URL", indent="    "),
        *_flag("--service-id", "Default service ID to save.", arg="ID", indent="    "),
        *_flag("--show", "Print the saved settings.", arg=None, indent="    "),
        "}",
        f"cmd \"auth\" help={_q('Save, show or remove the bearer token (OS keychain).')} {{",
        f"    cmd \"login\" help={_q('Save a bearer token in the OS keychain.')} {{",
        *_flag("--bearer", "The token to save.", arg="TOKEN", indent="        "),
        *_flag(
            "--no-keychain",
            "Save to the config file even when a keychain is available.",
            arg=None,
            indent="        ",
        ),
        "    }",
        f"    cmd \"whoami\" help={_q('Say which bearer token is in use and where it comes from.')} {{",
        *_flag("--bearer", "A token given on the command line.", arg="TOKEN", indent="        "),
        "    }",
        f"    cmd \"logout\" help={_q('Remove the saved bearer token.')}",
        "}",
        f"cmd \"completion\" help={_q('Print a shell completion script.')} {{",
        '    arg "<shell>" {',
        '        choices "bash" "zsh" "fish"',
        "    }",
        "}",
        *_group_lines((), "", all_commands()),
    ]
    return "\n".join(lines) + "\n"
