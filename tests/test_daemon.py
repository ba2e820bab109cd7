"""The warm generation server (generator/daemon.py, generator/server.py) answers exactly as a local run would.

Every test switches the server on for itself (conftest switches it off for
the rest of the suite), with its own cache folder and its own socket folder
(XDG_RUNTIME_DIR), and stops every server it started, pass or fail.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "authlete.yaml"
MINIMAL = ROOT / "tests" / "specs" / "minimal.yaml"
BAD = ROOT / "tests" / "specs" / "bad_type.yaml"


@dataclass
class Daemon:
    """One cache folder and one socket folder; ``run`` is ``python -m generator`` with the server switched on."""

    cache: Path
    runtime: Path
    env: dict[str, str]
    started: list[int] = field(default_factory=list)

    def run(
        self, *args: str, cwd: Path = ROOT, local: bool = False, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        extra = ["--no-daemon"] if local else []
        return subprocess.run(
            [sys.executable, "-m", "generator", *args, *extra],
            cwd=cwd,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )

    def status(self, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
        """``daemon status`` of the generator found from ``cwd``."""
        return self.run("daemon", "status", "--cache-dir", str(self.cache), cwd=cwd)

    def ready(self, timeout: float = 90, cwd: Path = ROOT) -> dict[str, str]:
        """Wait for the server of this cache folder to answer; its status line, parsed a little."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.status(cwd)
            if shown.returncode == 0:
                (line,) = [line for line in shown.stdout.splitlines() if ", current," in line]
                pid = int(line.split("pid ")[1].split(",")[0])
                if pid not in self.started:
                    self.started.append(pid)
                return {"line": line, "pid": str(pid), "served": line.split("served ")[1].split(" ")[0]}
            time.sleep(0.1)
        raise AssertionError(f"no server became ready: {self.status().stdout}\n{self.log()}")

    def served(self, cwd: Path = ROOT) -> int:
        return int(self.ready(cwd=cwd)["served"])

    def log(self) -> str:
        path = self.cache / "daemon.log"
        return path.read_text() if path.exists() else ""

    def stop(self) -> None:
        self.run("daemon", "stop", "--cache-dir", str(self.cache))


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def _gone(pid: int, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


def _server_pids(runtime: Path) -> list[int]:
    """Every server that holds a lock in this socket folder."""
    pids = []
    for lock in (runtime / "authlete-codegen").glob("*.lock"):
        try:
            pids.append(int(lock.read_text().strip()))
        except (OSError, ValueError):
            pass
    return [p for p in pids if _alive(p)]


@contextlib.contextmanager
def _daemon(base: Path) -> Iterator[Daemon]:
    """A Daemon with folders of its own; every server it started is stopped after, and must be gone."""
    # A short socket folder of its own: a socket's path must stay under 108 bytes, and this is never the user's.
    runtime = Path(tempfile.mkdtemp(prefix="acg-", dir="/tmp"))
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTHONHASHSEED")}
    env.update({"AUTHLETE_CODEGEN_DAEMON": "1", "XDG_RUNTIME_DIR": str(runtime)})
    made = Daemon(base / "cache", runtime, env)
    try:
        yield made
    finally:
        made.stop()
        for pid in set(made.started + _server_pids(runtime)):  # whatever `stop` missed, and their runs
            for child in _children(pid):
                os.kill(child, signal.SIGKILL)
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(runtime, ignore_errors=True)
        assert not any(_alive(p) for p in made.started), "a server outlived `daemon stop`"


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[Daemon]:
    with _daemon(tmp_path) as made:
        yield made


def _started(made: Daemon) -> Daemon:
    """``made`` with a ready server, started the way a user starts one: by a first cached run."""
    first = made.run("validate", "--spec", str(MINIMAL), "--cache-dir", str(made.cache))
    assert first.returncode == 0, first.stderr
    made.ready()
    return made


@pytest.fixture
def warm(daemon: Daemon) -> Daemon:
    """A server of this test's own (it will be stopped or lose its cache folder)."""
    return _started(daemon)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    """One server for the tests that only run commands through it: starting one costs a second or two of CPU."""
    with _daemon(tmp_path_factory.mktemp("shared")) as made:
        yield _started(made)


def _tree(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mode)
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


Outcome = tuple[int, str, str, "dict[str, tuple[bytes, int]] | None"]


def _pair(daemon: Daemon, base: Path, spec: Path, *args: str, prepare: Callable[[Path], None] | None = None) -> Outcome:
    """The same command in two copies of one folder, through the server and locally: identical in every way."""
    results = {}
    for side in ("served", "local"):
        work = base / side
        work.mkdir(parents=True)
        shutil.copy(spec, work / "spec.yaml")
        if prepare is not None:
            prepare(work)
        cache = daemon.cache if side == "served" else base / "local-cache"
        before = daemon.served()
        shown = daemon.run(*args, "--spec", "spec.yaml", "--cache-dir", str(cache), cwd=work, local=side == "local")
        assert daemon.served() == before + (side == "served"), f"{side} run went the wrong way\n{daemon.log()}"
        tree = _tree(work / "out") if (work / "out").exists() else None
        results[side] = (shown.returncode, shown.stdout, shown.stderr, tree)
    assert results["served"] == results["local"]
    return results["served"]


def test_generate_through_the_server_equals_a_local_run(shared: Daemon, tmp_path: Path) -> None:
    code, out, err, tree = _pair(shared, tmp_path, SPEC, "generate", "--out", "out", "--package", "authlete_cli")
    assert (code, err) == (0, "")
    assert re.fullmatch(r"out: (\d+) files, \1 changed\n", out), out
    assert tree and "authlete_cli/models.py" in tree


def test_the_client_s_umask_reaches_the_run(shared: Daemon, tmp_path: Path) -> None:
    """Written modes follow the client's umask, not the server's."""
    before = shared.served()
    for side in ("served", "local"):
        work = tmp_path / side
        work.mkdir()
        shell = f"umask 027; exec {sys.executable} -m generator generate --spec {MINIMAL} --out out"
        shell += f" --package mini --cache-dir {shared.cache if side == 'served' else tmp_path / 'lc'}"
        subprocess.run(
            ["sh", "-c", shell + (" --no-daemon" if side == "local" else "")], cwd=work, env=shared.env, check=True
        )
    assert shared.served() == before + 1
    assert _tree(tmp_path / "served" / "out") == _tree(tmp_path / "local" / "out")
    assert (tmp_path / "served" / "out").stat().st_mode & 0o777 == 0o750


def test_check_with_drift_exits_1_with_the_same_report(shared: Daemon, tmp_path: Path) -> None:
    def drifted(work: Path) -> None:
        shutil.copytree(ROOT / "generated", work / "out", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
        readme = work / "out" / "README.md"
        readme.write_text(readme.read_text() + "\nedited by hand\n")

    code, out, err, _ = _pair(shared, tmp_path, SPEC, "check", "--out", "out", prepare=drifted)
    assert code == 1
    assert "changed: README.md" in out and "-edited by hand" in out


def test_a_bad_spec_exits_2_with_its_located_error(shared: Daemon, tmp_path: Path) -> None:
    code, out, err, tree = _pair(shared, tmp_path, BAD, "generate", "--out", "out", "--package", "bad")
    assert code == 2 and out == "" and tree is None
    assert err.startswith("spec.yaml:") and err.endswith("nothing was written\n")


def test_strict_warnings_are_the_same_errors(shared: Daemon, tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths['/nope'].get\n    update: {summary: x}\n"
    )
    args = ("generate", "--out", "out", "--package", "mini", "--overlay", str(overlay))
    code, _, err, _ = _pair(shared, tmp_path / "lenient", MINIMAL, *args)
    assert code == 0 and "1 warning; generation went on" in err
    code, _, err, tree = _pair(shared, tmp_path / "strict", MINIMAL, *args, "--strict")
    assert code == 2 and "matches nothing" in err and tree is None


def test_an_argument_error_is_argparse_s_own(shared: Daemon, tmp_path: Path) -> None:
    code, out, err, _ = _pair(shared, tmp_path, MINIMAL, "describe", "--format", "yaml")
    assert code == 2 and "invalid choice: 'yaml'" in err


@pytest.mark.parametrize("stream", ["0", "1", "2"])
def test_a_closed_standard_stream_runs_locally(shared: Daemon, tmp_path: Path, stream: str) -> None:
    """The client cannot hand over a stream it does not have (and its socket must not stand in for it)."""
    before = shared.served()
    argv = f"{sys.executable} -m generator validate --spec {MINIMAL} --cache-dir {shared.cache}"
    runs = [
        subprocess.run(["sh", "-c", f"exec {stream}>&-; {argv}{extra}"], cwd=ROOT, env=shared.env, capture_output=True)
        for extra in ("", " --no-daemon")
    ]
    assert runs[0].returncode == runs[1].returncode == 0
    assert (runs[0].stdout, runs[0].stderr) == (runs[1].stdout, runs[1].stderr)
    assert shared.served() == before


def test_two_clients_at_once(shared: Daemon, tmp_path: Path) -> None:
    local = shared.run(
        "generate", "--spec", str(MINIMAL), "--out", str(tmp_path / "local"), "--package", "mini", local=True
    )
    before = shared.served()
    procs = []
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        args = [
            "generate",
            "--spec",
            str(MINIMAL),
            "--out",
            "out",
            "--package",
            "mini",
            "--cache-dir",
            str(shared.cache),
        ]
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "generator", *args],
                cwd=tmp_path / name,
                env=shared.env,
                stdout=subprocess.PIPE,
                text=True,
            )
        )
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outs == [local.stdout.replace(str(tmp_path / "local"), "out")] * 2
    assert shared.served() == before + 2
    assert _tree(tmp_path / "one" / "out") == _tree(tmp_path / "two" / "out") == _tree(tmp_path / "local")


def _blocked_run(shared: Daemon, tmp_path: Path) -> tuple[subprocess.Popen[bytes], int]:
    """A served `check` whose report (half a megabyte) fills a pipe nobody reads: its child waits for ever."""
    (tmp_path / "empty").mkdir()
    client = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "check",
            "--out",
            str(tmp_path / "empty"),
            "--cache-dir",
            str(shared.cache),
        ],
        cwd=ROOT,
        env=shared.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    server = int(shared.ready()["pid"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _children(server):
        time.sleep(0.05)
    children = _children(server)
    assert children, "the run never reached the server"
    time.sleep(1.0)
    assert client.poll() is None and _alive(children[0]), "the run was expected to block on its full pipe"
    return client, children[0]


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "killed"])
def test_a_stopped_client_leaves_no_child(shared: Daemon, tmp_path: Path, how: signal.Signals) -> None:
    client, child = _blocked_run(shared, tmp_path)
    client.send_signal(how)
    code = client.wait(timeout=30)
    assert code == (130 if how == signal.SIGINT else -signal.SIGKILL)
    assert client.stdout is not None
    client.stdout.close()
    assert _gone(child), f"run {child} outlived its client"
    assert shared.status().returncode == 0  # the server itself goes on


def test_a_stale_server_is_never_used(daemon: Daemon, tmp_path: Path) -> None:
    """Edit a template of a copy of the generator: the next run has the edit, the old server serves nothing more."""
    repo = tmp_path / "repo"
    for part in ("generator", "templates"):
        shutil.copytree(ROOT / part, repo / part, ignore=shutil.ignore_patterns("__pycache__"))
    args = ["generate", "--spec", str(MINIMAL), "--out", "out", "--package", "mini", "--cache-dir", str(daemon.cache)]
    first = daemon.run(*args, cwd=repo)
    assert first.returncode == 0, first.stderr
    old = int(daemon.ready(cwd=repo)["pid"])
    assert daemon.run(*args, cwd=repo).returncode == 0
    assert daemon.served(repo) == 1
    template = repo / "templates" / "README.md.j2"
    template.write_text(template.read_text() + "\nEdited after the server started.\n")
    assert daemon.status(repo).returncode == 1  # the old server is not this generator's
    edited = daemon.run(*args, cwd=repo)
    assert edited.returncode == 0, edited.stderr
    assert "Edited after the server started." in (repo / "out" / "README.md").read_text()
    new = int(daemon.ready(cwd=repo)["pid"])  # the edited run started it
    assert new != old
    assert _gone(old, 60), "the stale server did not leave"
    again = daemon.run(*args, cwd=repo)
    assert again.returncode == 0 and daemon.served(repo) == 1


def test_a_folder_others_may_write_is_never_used(daemon: Daemon, tmp_path: Path) -> None:
    folder = daemon.runtime / "authlete-codegen"
    folder.mkdir(mode=0o700)
    folder.chmod(0o777)
    _falls_back(daemon, tmp_path)


def test_a_folder_of_another_user_is_never_used(daemon: Daemon, tmp_path: Path) -> None:
    if os.getuid() != 0:
        pytest.skip("only root can give a folder to another user")
    folder = daemon.runtime / "authlete-codegen"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    _falls_back(daemon, tmp_path)


def _falls_back(daemon: Daemon, tmp_path: Path) -> None:
    for side in ("served", "local"):
        (tmp_path / side).mkdir()
    args = ["generate", "--spec", str(MINIMAL), "--out", "out", "--package", "mini", "--cache-dir", str(daemon.cache)]
    runs = [daemon.run(*args, cwd=tmp_path / "served") for _ in range(2)]
    local = daemon.run(*args, cwd=tmp_path / "local", local=True)
    assert [(r.returncode, r.stdout, r.stderr) for r in runs] == [
        (0, local.stdout, ""),
        (0, re.sub(r"files, \d+ changed", "files, 0 changed", local.stdout), ""),
    ]
    assert _tree(tmp_path / "served" / "out") == _tree(tmp_path / "local" / "out")
    time.sleep(2)
    assert _server_pids(daemon.runtime) == []
    assert list((daemon.runtime / "authlete-codegen").iterdir()) == []
    assert daemon.status().returncode == 1


def test_a_socket_that_answers_nothing_falls_back(daemon: Daemon, tmp_path: Path) -> None:
    """A server that died and left its socket: the run goes on locally, and a new server takes the name."""
    first = daemon.run("validate", "--spec", str(MINIMAL), "--cache-dir", str(daemon.cache))
    assert first.returncode == 0
    old = int(daemon.ready()["pid"])
    os.kill(old, signal.SIGKILL)
    assert _gone(old)
    sockets = list((daemon.runtime / "authlete-codegen").glob("*.sock"))
    assert len(sockets) == 1  # left behind
    shown = daemon.run("validate", "--spec", str(MINIMAL), "--cache-dir", str(daemon.cache))
    assert (shown.returncode, shown.stdout) == (0, "tests/specs/minimal.yaml: valid; 1 operation\n")
    assert int(daemon.ready()["pid"]) != old


def test_garbage_on_the_socket_harms_nothing(shared: Daemon, tmp_path: Path) -> None:
    import socket

    (path,) = (shared.runtime / "authlete-codegen").glob("*.sock")
    for junk in (b"\x80\x04\x95not json at all\n", b'["a list"]\n', b'{"op": "run"}\n', b"{" * 100):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(10)
            sock.connect(str(path))
            sock.sendall(junk)
            sock.shutdown(socket.SHUT_WR)
            answer = sock.recv(4096)
            assert b"started" not in answer
    _pair(shared, tmp_path, MINIMAL, "validate")


def test_the_server_leaves_when_idle(daemon: Daemon) -> None:
    daemon.env["AUTHLETE_CODEGEN_DAEMON_IDLE"] = "2"
    assert daemon.run("validate", "--spec", str(MINIMAL), "--cache-dir", str(daemon.cache)).returncode == 0
    pid = int(daemon.ready()["pid"])
    assert _alive(pid)
    assert _gone(pid, 30)
    assert "idle for 2.0 s; leaving" in daemon.log()
    assert not list((daemon.runtime / "authlete-codegen").glob("*.sock"))


def test_the_server_leaves_with_its_cache_folder(warm: Daemon) -> None:
    pid = int(warm.ready()["pid"])
    shutil.rmtree(warm.cache)
    assert _gone(pid, 30)


@pytest.mark.parametrize(
    ("extra", "env"),
    [
        (["--no-cache"], {}),
        (["--no-daemon"], {}),
        ([], {"AUTHLETE_CODEGEN_DAEMON": "0"}),
        ([], {"CI": "true", "AUTHLETE_CODEGEN_DAEMON": ""}),  # CI, the switch neither on nor off
    ],
    ids=["no-cache", "no-daemon", "switched-off", "ci"],
)
def test_switches_keep_the_run_local(daemon: Daemon, extra: list[str], env: dict[str, str]) -> None:
    daemon.cache.mkdir()
    shown = daemon.run("validate", "--spec", str(MINIMAL), "--cache-dir", str(daemon.cache), *extra, env=env)
    assert shown.returncode == 0, shown.stderr
    time.sleep(2)
    assert _server_pids(daemon.runtime) == [] and daemon.status().returncode == 1


def test_ci_with_the_switch_on_uses_the_server(daemon: Daemon) -> None:
    env = {"CI": "true", "AUTHLETE_CODEGEN_DAEMON": "1"}
    assert daemon.run("validate", "--spec", str(MINIMAL), "--cache-dir", str(daemon.cache), env=env).returncode == 0
    daemon.ready()


def test_the_first_run_holds_no_pipe_of_its_caller(daemon: Daemon) -> None:
    """The server the first run starts must not keep the caller's pipes open: CI would wait for it."""
    start = time.monotonic()
    shown = daemon.run("validate", "--spec", str(MINIMAL), "--cache-dir", str(daemon.cache))  # reads to EOF
    assert shown.returncode == 0
    daemon.ready()
    assert time.monotonic() - start < 60


def test_a_served_client_imports_no_stage(shared: Daemon) -> None:
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['generator', 'validate', '--spec', {str(MINIMAL)!r}, '--cache-dir', {str(shared.cache)!r}]\n"
        "try:\n    runpy.run_module('generator', run_name='__main__')\nexcept SystemExit as exc:\n    code = exc.code\n"
        "heavy = [m for m in ('generator.cli', 'generator.pipeline', 'yaml', 'jinja2') if m in sys.modules]\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    before = shared.served()
    shown = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=shared.env, capture_output=True, text=True, timeout=60
    )
    assert shown.stderr == "0 []\n"
    assert shown.stdout == "tests/specs/minimal.yaml: valid; 1 operation\n"
    assert shared.served() == before + 1


def test_stop_and_status(warm: Daemon) -> None:
    shown = warm.status()
    assert shown.returncode == 0 and "ready: pid" in shown.stdout and "current" in shown.stdout
    pid = int(warm.ready()["pid"])
    stopped = warm.run("daemon", "stop", "--cache-dir", str(warm.cache))
    assert stopped.stdout.startswith("stopped 1 generation server ")
    assert _gone(pid)
    assert warm.status().returncode == 1
    assert "asked to stop" in warm.log()
