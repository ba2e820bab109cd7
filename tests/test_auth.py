"""auth login / whoami / logout and the bearer lookup order, with a file keyring backend (never a real keychain)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import yaml
from conftest import GENERATED

TESTS = Path(__file__).resolve().parent
TOKEN = "keychain-token-0123456789abcdef"


@pytest.fixture
def keychain(tmp_path: Path) -> dict[str, str]:
    """Environment for a CLI whose OS keychain is a JSON file in tmp_path."""
    return {
        "PYTHONPATH": os.pathsep.join([str(GENERATED), str(TESTS)]),
        "PYTHON_KEYRING_BACKEND": "keyring_file_backend.FileKeyring",
        "TEST_KEYRING_FILE": str(tmp_path / "keychain.json"),
    }


def config_of(tmp_path: Path) -> dict:
    path = tmp_path / ".config" / "authlete" / "config.yaml"
    return yaml.safe_load(path.read_text()) if path.exists() else {}


def test_login_stores_the_token_in_the_keychain(cli, tmp_path, keychain):
    r = cli("auth", "login", "--bearer", TOKEN, env=keychain)
    assert r.code == 0, r.err
    assert "in the OS keychain" in r.out and TOKEN not in r.out and "keyc…" in r.out
    assert TOKEN in (tmp_path / "keychain.json").read_text()
    config = config_of(tmp_path)
    assert config == {"bearer_store": "keychain"}  # the token itself is not in the file

    who = cli("auth", "whoami", env=keychain)
    assert who.code == 0, who.err
    assert "source: the OS keychain (" in who.out and "FileKeyring" in who.out
    assert "token:  keyc…(31 chars)" in who.out and TOKEN not in who.out

    sent = cli("introspection", "process", "-s", "1", "--token", "t", "--dry-run", env=keychain)
    assert sent.code == 0, sent.err
    assert "Authorization: Bearer keyc…(31 chars)" in sent.err


def test_logout_removes_it(cli, tmp_path, keychain):
    assert cli("auth", "login", "--bearer", TOKEN, env=keychain).code == 0
    r = cli("auth", "logout", env=keychain)
    assert r.code == 0, r.err
    assert "removed the bearer token from the OS keychain" in r.out
    assert TOKEN not in (tmp_path / "keychain.json").read_text()
    assert "bearer_store" not in config_of(tmp_path)
    who = cli("auth", "whoami", env=keychain)
    assert who.code == 2 and "no bearer token" in who.err and "auth login" in who.err
    assert cli("auth", "logout", env=keychain).out.strip() == "no saved bearer token"


def test_without_a_keychain_the_config_file_is_used_with_a_note(cli, tmp_path):
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    r = cli("auth", "login", "--bearer", TOKEN, env=env)
    assert r.code == 0, r.err
    assert "note: not stored in an OS keychain" in r.err
    path = tmp_path / ".config" / "authlete" / "config.yaml"
    assert config_of(tmp_path) == {"bearer": TOKEN}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    who = cli("auth", "whoami", env=env)
    assert f"source: the config file {path}" in who.out
    r = cli("auth", "logout", env=env)
    assert r.code == 0 and str(path) in r.out
    assert config_of(tmp_path) == {}


def test_no_keychain_flag(cli, tmp_path, keychain):
    r = cli("auth", "login", "--bearer", TOKEN, "--no-keychain", env=keychain)
    assert r.code == 0, r.err
    assert config_of(tmp_path) == {"bearer": TOKEN}
    assert not (tmp_path / "keychain.json").exists()
    assert r.err == ""


def test_lookup_order_flag_env_keychain_config(cli, tmp_path, keychain):
    assert cli("auth", "login", "--bearer", TOKEN, env=keychain).code == 0
    path = tmp_path / ".config" / "authlete" / "config.yaml"
    path.write_text(yaml.safe_dump({"bearer": "config-file-token-xyz", "bearer_store": "keychain"}))

    def source(*args: str, **env: str) -> str:
        r = cli("auth", "whoami", *args, env={**keychain, **env})
        assert r.code == 0, r.err
        return r.out

    assert "source: the --bearer option" in source("--bearer", "flag-token-12345", AUTHLETE_BEARER="env-token-12345")
    assert "source: the AUTHLETE_BEARER environment variable" in source(AUTHLETE_BEARER="env-token-12345")
    assert "source: the OS keychain" in source()
    (tmp_path / "keychain.json").unlink()
    assert "source: the config file" in source()


def test_configure_bearer_takes_over_from_the_keychain(cli, tmp_path, keychain):
    assert cli("auth", "login", "--bearer", TOKEN, env=keychain).code == 0
    assert cli("configure", "--bearer", "configured-token-123", env=keychain).code == 0
    assert "source: the config file" in cli("auth", "whoami", env=keychain).out


def test_login_needs_a_token(cli, keychain):
    r = cli("auth", "login", env=keychain)
    assert r.code == 2 and "no token to save" in r.err
