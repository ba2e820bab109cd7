"""The option surface of the generated CLI: the seed's flags, the table's flags and the spec's fields.

The seed is the published page of the real Authlete CLI for ``authlete token process``
(/work/shared/seeds/000_*.txt); its option names and short flags are copied here so the
test stands on its own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from authlete_cli import _outcomes, _table
from authlete_cli.runtime.app import root
from conftest import ADDED_GLOBAL_OPTIONS, GLOBAL_OPTIONS, SEED_GLOBAL_OPTIONS

SPEC = Path(__file__).resolve().parent.parent / "specs" / "authlete.yaml"

# `authlete token process`: "Options" section of the seed (long name -> short flag).
SEED_COMMAND_OPTIONS = {
    "--access-token": None,
    "--access-token-duration": None,
    "--body": None,
    "--cimd-options": None,
    "--client-certificate": None,
    "--client-certificate-path": None,
    "--client-id": None,
    "--client-secret": None,
    "--dpop": None,
    "--dpop-nonce-required": None,
    "--help": "-h",
    "--htm": None,
    "--htu": None,
    "--jwt-at-claims": "-j",
    "--oauth-client-attestation": None,
    "--oauth-client-attestation-pop": None,
    "--parameters": None,
    "--properties": None,
    "--refresh-token-duration": "-r",
    "--service-id": "-s",
}
# Ours beside the seed's: --param KEY=VALUE builds the form-encoded --parameters.
# --param encodes the form field; the x-cli-oauth extension adds the client assertion options.
EXTRA_COMMAND_OPTIONS = {"--param": None, "--client-assertion-key": None, "--client-assertion-audience": None}


# --------------------------------------------------------------------------- helpers


def resolve(words: list[str]) -> tuple[click.Command, click.Context]:
    """The click command for ``authlete WORDS`` and its context, as the CLI resolves it."""
    command: click.Command = root()
    ctx = click.Context(command, info_name=_table.PROG, **command.context_settings)
    for word in words:
        assert isinstance(command, click.Group), f"{word!r}: parent is not a group"
        sub = command.get_command(ctx, word)
        assert sub is not None, f"no command {word!r} under {ctx.command_path!r}"
        ctx = click.Context(sub, info_name=word, parent=ctx, **(sub.context_settings or {}))
        command = sub
    return command, ctx


def options_of(command: click.Command, ctx: click.Context) -> dict[str, str | None]:
    """Long option name -> short flag (or None), for every option incl. --help."""
    out: dict[str, str | None] = {}
    for param in command.get_params(ctx):
        if not isinstance(param, click.Option):
            continue
        names = [*param.opts, *param.secondary_opts]
        longs = [n for n in names if n.startswith("--")]
        shorts = [n for n in names if not n.startswith("--")]
        assert len(longs) == 1, f"{names}: expected exactly one long name"
        assert len(shorts) <= 1, f"{names}: more than one short flag"
        assert longs[0] not in out, f"{longs[0]} defined twice on {ctx.command_path}"
        out[longs[0]] = shorts[0] if shorts else None
    return out


def param_by_flag(command: click.Command, ctx: click.Context, flag: str) -> click.Option:
    for param in command.get_params(ctx):
        if isinstance(param, click.Option) and flag in param.opts:
            return param
    raise AssertionError(f"{ctx.command_path}: no option {flag}")


_HELP_OPTION = re.compile(r"^  (?:(-\w), )?(--[a-z0-9][a-z0-9-]*)\b", re.M)


def help_options(text: str) -> dict[str, str | None]:
    """Options listed in a click help page: long name -> short flag."""
    return {long: short or None for short, long in _HELP_OPTION.findall(text)}


def mentions(text: str, flag: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", text) is not None


# --------------------------------------------------------------------------- the seed


def test_token_process_options_match_seed_by_introspection():
    command, ctx = resolve(["token", "process"])
    expected = {
        **SEED_COMMAND_OPTIONS,
        **EXTRA_COMMAND_OPTIONS,
        **SEED_GLOBAL_OPTIONS,
        **ADDED_GLOBAL_OPTIONS,
        "--usage": None,
    }
    assert options_of(command, ctx) == expected


def test_token_process_help_lists_exactly_the_seed_options(cli):
    r = cli("token", "process", "--help")
    assert r.code == 0, r.err
    assert r.err == ""
    expected = {**SEED_COMMAND_OPTIONS, **EXTRA_COMMAND_OPTIONS, **SEED_GLOBAL_OPTIONS, **ADDED_GLOBAL_OPTIONS}
    assert help_options(r.out) == expected


def test_token_process_option_kinds_match_seed():
    command, ctx = resolve(["token", "process"])
    for flag in ("--access-token-duration", "--refresh-token-duration"):
        assert isinstance(param_by_flag(command, ctx, flag).type, click.types.IntParamType), flag
    assert param_by_flag(command, ctx, "--client-certificate-path").multiple
    assert param_by_flag(command, ctx, "--header").multiple
    nonce = param_by_flag(command, ctx, "--dpop-nonce-required")
    assert isinstance(nonce.type, click.types.BoolParamType)
    for flag in ("--parameters", "--service-id", "--body", "--jq", "--server", "--timeout"):
        param = param_by_flag(command, ctx, flag)
        assert not param.is_flag and not param.multiple, flag
    for flag in ("--dry-run", "--debug", "--include-headers", "--no-interactive"):
        assert param_by_flag(command, ctx, flag).is_flag, flag
    fmt = param_by_flag(command, ctx, "--output-format").type
    assert isinstance(fmt, click.Choice)
    assert set(fmt.choices) == {"pretty", "json", "yaml", "table", "toon", "http"}
    color = param_by_flag(command, ctx, "--color").type
    assert isinstance(color, click.Choice) and set(color.choices) == {"auto", "always", "never"}


def test_required_markers_in_token_process_help(cli):
    r = cli("token", "process", "--help")
    assert r.code == 0
    # click wraps help text; join the option's block and look for the marker.
    blocks = re.split(r"\n(?=  -)", r.out)
    for flag in ("--parameters", "--service-id"):
        block = next(b for b in blocks if mentions(b.split("\n")[0], flag))
        assert "[required]" in block, flag


def test_root_has_usage_and_version_and_globals():
    command, ctx = resolve([])
    opts = options_of(command, ctx)
    assert "--usage" in opts and "--version" in opts
    for flag, short in GLOBAL_OPTIONS.items():
        assert opts.get(flag, "missing") == short, flag


def test_root_help_lists_global_options_and_groups(cli):
    r = cli("--help")
    assert r.code == 0, r.err
    opts = help_options(r.out)
    for flag, short in {**GLOBAL_OPTIONS, "--usage": None, "--version": None}.items():
        assert opts.get(flag, "missing") == short, flag
    commands = r.out.split("Commands:", 1)[1]
    for name in [*_table.GROUPS[""]["groups"], "configure", "completion"]:
        assert re.search(rf"^  {re.escape(name)}\b", commands, re.M), name


# --------------------------------------------------------------------------- the table


@pytest.mark.parametrize("command", sorted(_table.COMMANDS))
def test_every_command_help_lists_its_table_flags(cli, command):
    entry = _table.COMMANDS[command]
    r = cli(*command.split(), "--help")
    assert r.code == 0, r.err
    assert "Traceback" not in r.err
    listed = help_options(r.out)
    for option in entry["options"]:
        assert option["flag"] in listed, f"{command}: {option['flag']} missing from --help"
        assert listed[option["flag"]] == option["short"], f"{command}: short flag of {option['flag']}"
    if entry["body"]:
        assert "--body" in listed
        assert ("--param" in listed) == bool(entry["body"]["form_field"])
    else:
        assert "--body" not in listed and "--param" not in listed
    for flag, short in GLOBAL_OPTIONS.items():
        assert listed.get(flag, "missing") == short, f"{command}: global {flag}"


@pytest.mark.parametrize("group", sorted(g for g in _table.GROUPS if g))
def test_every_group_help_lists_its_children(cli, group):
    r = cli(*group.split(), "--help")
    assert r.code == 0, r.err
    entry = _table.GROUPS[group]
    commands = r.out.split("Commands:", 1)[1]
    for name in [*entry["groups"], *entry["commands"]]:
        assert re.search(rf"^  {re.escape(name)}\b", commands, re.M), f"{group}: {name}"


@pytest.mark.parametrize("command", sorted(_table.COMMANDS))
def test_click_command_matches_table_entry(command):
    entry = _table.COMMANDS[command]
    cmd, ctx = resolve(command.split())
    opts = options_of(cmd, ctx)
    table_flags = {o["flag"]: o["short"] for o in entry["options"]}
    extras = {"--help": "-h"}
    if entry["body"]:
        extras["--body"] = None
        if entry["body"]["form_field"]:
            extras["--param"] = None
    if command in _outcomes.CLIENT_ASSERTION_COMMANDS:
        extras.update({"--client-assertion-key": None, "--client-assertion-audience": None})
    if entry["pagination"]:
        extras.update({"--all": None, "--max-pages": None})
    assert opts == {**table_flags, **extras, **SEED_GLOBAL_OPTIONS, **ADDED_GLOBAL_OPTIONS, "--usage": None}
    for option in entry["options"]:
        param = param_by_flag(cmd, ctx, option["flag"])
        assert param.multiple == option["repeatable"], option["flag"]
        if option["choices"]:
            assert isinstance(param.type, click.Choice), option["flag"]
            assert list(param.type.choices) == option["choices"], option["flag"]


def test_table_groups_and_commands_are_consistent():
    """Every command's words lead through GROUPS, and every group lists exactly its children."""
    for command in _table.COMMANDS:
        *parents, leaf = command.split()
        group = " ".join(parents)
        assert leaf in _table.GROUPS[group]["commands"], command
    for name, entry in _table.GROUPS.items():
        for leaf in entry["commands"]:
            assert " ".join(filter(None, [name, leaf])) in _table.COMMANDS
        for sub in entry["groups"]:
            assert " ".join(filter(None, [name, sub])) in _table.GROUPS


# --------------------------------------------------------------------------- the spec


def _spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC.read_text(encoding="utf-8"))


def _deref(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def _kebab(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower()


def _kind(spec: dict[str, Any], schema: dict[str, Any]) -> str:
    schema = _deref(spec, schema)
    if "enum" in schema:
        return "enum"
    kind = schema.get("type")
    if kind == "array":
        items = _deref(spec, schema.get("items", {}))
        return "repeat" if items.get("type") in ("string", "integer", "number") and "enum" not in items else "json"
    if kind == "object":
        return "json"
    return kind or "json"


def _expected_from_spec() -> dict[str, dict[str, dict[str, Any]]]:
    """command -> flag -> {short, required, kind, choices, in, wire}, read from the spec alone."""
    spec = _spec()
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for item in spec["paths"].values():
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            flags: dict[str, dict[str, Any]] = {}
            for raw in op.get("parameters", []):
                param = _deref(spec, raw)
                flag = "--" + (param.get("x-cli-flag") or _kebab(param["name"]))
                schema = _deref(spec, param.get("schema", {}))
                flags[flag] = {
                    "short": "-" + param["x-cli-short"] if param.get("x-cli-short") else None,
                    "required": bool(param.get("required")),
                    "kind": _kind(spec, schema),
                    "choices": schema.get("enum"),
                    "in": param["in"],
                    "wire": param["name"],
                }
            body = op.get("requestBody")
            if body:
                schema = _deref(spec, body["content"]["application/json"]["schema"])
                if schema.get("type") == "object":
                    required = set(schema.get("required", []))
                    for name, prop in schema.get("properties", {}).items():
                        if prop.get("readOnly"):
                            continue
                        target = _deref(spec, prop)
                        flags["--" + (prop.get("x-cli-flag") or _kebab(name))] = {
                            "short": "-" + prop["x-cli-short"] if prop.get("x-cli-short") else None,
                            "required": name in required,
                            "kind": _kind(spec, prop),
                            "choices": target.get("enum"),
                            "in": "body",
                            "wire": name,
                        }
            out[op["x-cli-command"]] = flags
    return out


SPEC_FLAGS = _expected_from_spec()


def test_spec_operations_are_exactly_the_table_commands():
    assert set(SPEC_FLAGS) == set(_table.COMMANDS)


@pytest.mark.parametrize("command", sorted(SPEC_FLAGS))
def test_one_flag_per_spec_field(command):
    expected = SPEC_FLAGS[command]
    entry = _table.COMMANDS[command]
    table = {o["flag"]: o for o in entry["options"]}
    assert set(table) == set(expected), command
    cmd, ctx = resolve(command.split())
    for flag, want in expected.items():
        option = table[flag]
        assert option["short"] == want["short"], flag
        assert option["required"] == want["required"], flag
        assert option["in"] == want["in"], flag
        assert option["wire"] == want["wire"], flag
        param = param_by_flag(cmd, ctx, flag)
        assert set(param.opts) == {flag, *([want["short"]] if want["short"] else [])}, flag
        kind = want["kind"]
        if kind == "integer":
            assert isinstance(param.type, click.types.IntParamType), flag
        elif kind == "boolean":
            assert isinstance(param.type, click.types.BoolParamType), flag
        elif kind == "enum":
            assert isinstance(param.type, click.Choice), flag
            assert list(param.type.choices) == want["choices"], flag
        elif kind == "repeat":
            assert param.multiple, flag
        else:  # strings and JSON values are given as text
            assert isinstance(param.type, click.types.StringParamType), flag
            assert not param.multiple, flag
