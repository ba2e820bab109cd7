"""``authlete --usage``: a KDL document (usage.jdx.dev style) that two KDL parsers accept and that matches the table."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ckdl
import kdl
import pytest
from authlete_cli import _table
from conftest import GLOBAL_OPTIONS

GENERATED = Path(__file__).resolve().parent.parent / "generated"

GLOBALS = {**GLOBAL_OPTIONS, "--usage": None}
VALUE_GLOBALS = {
    "--bearer",
    "--server-url",
    "--server",
    "--output-format",
    "--jq",
    "--color",
    "--header",
    "--timeout",
    "--retries",
    "--max-response-size",
}


@dataclass
class Node:
    name: str
    args: list[Any]
    props: dict[str, Any]
    children: list[Node] = field(default_factory=list)

    def nodes(self, name: str) -> list[Node]:
        return [c for c in self.children if c.name == name]


def _from_kdl_py(node: Any) -> Node:
    return Node(node.name, list(node.args), dict(node.props), [_from_kdl_py(c) for c in node.nodes])


def _from_ckdl(node: Any) -> Node:
    return Node(node.name, list(node.args), dict(node.properties), [_from_ckdl(c) for c in node.children])


@pytest.fixture(scope="module")
def usage_text(tmp_path_factory) -> str:
    """``authlete --usage`` from a fresh process with a clean environment."""
    home = tmp_path_factory.mktemp("usage-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUTHLETE_")}
    env.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "PYTHONPATH": str(GENERATED)})
    proc = subprocess.run(
        [sys.executable, "-m", "authlete_cli", "--usage"], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return proc.stdout


@pytest.fixture(scope="module", params=["kdl-py", "ckdl"])
def doc(request, usage_text) -> Node:
    if request.param == "kdl-py":
        parsed = kdl.parse(usage_text)
        return Node("<root>", [], {}, [_from_kdl_py(n) for n in parsed.nodes])
    parsed = ckdl.parse(usage_text)
    return Node("<root>", [], {}, [_from_ckdl(n) for n in parsed.nodes])


def _names(flag: Node) -> list[str]:
    assert len(flag.args) == 1 and isinstance(flag.args[0], str), flag
    return flag.args[0].split()


def _flags(node: Node) -> dict[str, tuple[str | None, Node]]:
    """long name -> (short flag, node) for the flag children of ``node``."""
    out: dict[str, tuple[str | None, Node]] = {}
    for flag in node.nodes("flag"):
        names = _names(flag)
        longs = [n for n in names if n.startswith("--")]
        shorts = [n for n in names if not n.startswith("--")]
        assert len(longs) == 1 and len(shorts) <= 1, names
        assert all(len(s) == 2 and s.startswith("-") for s in shorts), names
        assert longs[0] not in out, f"{longs[0]} twice under {node.name} {node.args}"
        out[longs[0]] = (shorts[0] if shorts else None, flag)
    return out


def _cmds(node: Node) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for cmd in node.nodes("cmd"):
        assert len(cmd.args) == 1, cmd
        assert cmd.args[0] not in out, f"cmd {cmd.args[0]} twice"
        out[cmd.args[0]] = cmd
    return out


def test_header_nodes(doc):
    by_name = {n.name: n for n in doc.children if n.name in ("name", "bin", "version", "about")}
    assert by_name["bin"].args == [_table.PROG]
    assert by_name["version"].args == [_table.CLI_VERSION]
    assert by_name["name"].args and isinstance(by_name["name"].args[0], str)


def test_global_flags(doc):
    flags = _flags(doc)
    for long, short in GLOBALS.items():
        assert long in flags, f"global {long} missing"
        got_short, node = flags[long]
        assert got_short == short, long
        assert node.props.get("global") is True, f"{long} lacks global=true"
        assert isinstance(node.props.get("help"), str) and node.props["help"], long
        if long != "--agent-mode":
            assert bool(node.nodes("arg")) == (long in VALUE_GLOBALS), f"{long}: arg child"
    assert flags["--header"][1].props.get("var") is True
    choices = flags["--output-format"][1].nodes("arg")[0].nodes("choices")
    assert choices and set(choices[0].args) == {"pretty", "json", "yaml", "table", "toon", "http"}


def test_agent_mode_is_a_boolean_flag(doc):
    """Like the seed's --agent-mode and like boolean command flags here: given alone it means true,
    so the schema must not demand an argument (--agent-mode=false is still accepted)."""
    flags = _flags(doc)
    assert not flags["--agent-mode"][1].nodes("arg")
    assert not flags["--dry-run"][1].nodes("arg")


def test_top_level_commands(doc):
    cmds = _cmds(doc)
    root = _table.GROUPS[""]
    expected = {*root["groups"], *root["commands"], "auth", "configure", "completion"}
    assert set(cmds) == expected


def _walk(node: Node, words: tuple[str, ...], seen: set[str]) -> None:
    group = _table.GROUPS[" ".join(words)]
    cmds = _cmds(node)
    extra = {"auth", "configure", "completion"} if not words else set()
    assert set(cmds) - extra == {*group["groups"], *group["commands"]}, words
    for name in group["groups"]:
        _walk(cmds[name], (*words, name), seen)
    for name in group["commands"]:
        key = " ".join((*words, name))
        _check_command(cmds[name], key)
        seen.add(key)


def _check_command(node: Node, key: str) -> None:
    entry = _table.COMMANDS[key]
    assert not node.nodes("cmd"), f"{key}: a leaf has sub-commands"
    assert node.props.get("help") == entry["summary"], key
    flags = _flags(node)
    expected = {o["flag"] for o in entry["options"]}
    if entry["body"]:
        expected.add("--body")
        if entry["body"]["form_field"]:
            expected.add("--param")
    if entry["pagination"]:
        expected |= {"--all", "--max-pages"}
    assert set(flags) == expected, key
    for option in entry["options"]:
        short, flag = flags[option["flag"]]
        where = f"{key} {option['flag']}"
        assert short == option["short"], where
        assert (flag.props.get("required") is True) == option["required"], f"{where}: required"
        assert (flag.props.get("var") is True) == option["repeatable"], f"{where}: var"
        assert "global" not in flag.props, where
        args = flag.nodes("arg")
        if option["kind"] == "boolean":
            assert not args, f"{where}: a boolean flag takes no arg"
        else:
            assert len(args) == 1, f"{where}: arg"
        if option["choices"]:
            choices = args[0].nodes("choices")
            assert choices and choices[0].args == option["choices"], f"{where}: choices"
    if "--param" in flags:
        assert flags["--param"][1].props.get("var") is True
    examples = node.nodes("example")
    assert examples and examples[0].args == [entry["example"]], key


def test_command_tree_matches_table(doc):
    seen: set[str] = set()
    _walk(doc, (), seen)
    assert seen == set(_table.COMMANDS)


def test_configure_and_completion_nodes(doc):
    cmds = _cmds(doc)
    assert {"--bearer", "--server-url", "--service-id", "--show"} <= set(_flags(cmds["configure"]))
    arg = cmds["completion"].nodes("arg")
    assert arg and set(arg[0].nodes("choices")[0].args) == {"bash", "zsh", "fish"}


@pytest.mark.parametrize(
    "args",
    [
        ("token", "process", "--usage"),
        ("token", "--usage"),
        ("--dry-run", "token", "management", "list", "--usage"),
    ],
)
def test_usage_anywhere_prints_the_same_document(cli, usage_text, args):
    r = cli(*args)
    assert r.code == 0, r.err
    assert r.out == usage_text


def test_usage_is_valid_utf8_text_ending_in_newline(usage_text):
    assert usage_text.endswith("\n")
    assert "\t" not in usage_text
    usage_text.encode("utf-8")
