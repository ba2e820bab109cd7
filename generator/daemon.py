"""A warm generation server: ``python -m generator`` hands a cached run to a process that imported everything.

A regeneration whose schemas changed reruns the validator and the model
generator, and a fresh process spends more time importing them than running
them. So, like Gradle's daemon or dmypy, a run that finds no server does its
work as always and then starts one, detached: the server imports every stage
and tool, runs the pipeline once on a small spec of its own (the tools build
their lazy caches on a first call), and waits on a Unix socket.

The client (``__main__``) decides, before importing anything heavy, whether
its run may be served; if so it connects and sends its argv, working folder,
environment and umask as one JSON line, with its stdin, stdout and stderr
attached (SCM_RIGHTS). The server forks a child per run: the child takes those
three descriptors as its own, runs ``generator.cli.main`` and reports the exit
code. Output is what a local run prints, byte for byte, to the same terminal
or pipe; no state passes from one run to the next, since each child starts
from the server as it was after warming up.

A server is never used unless it is the very generator the client would run:
its identity is a digest of the Python executable and its flags, the import
path and the distributions on it, the generator's source and the templates,
and the socket's name holds it. A server whose identity goes stale, whose
cache folder disappears, or that sat idle for ``AUTHLETE_CODEGEN_DAEMON_IDLE``
seconds (30 minutes) exits. Anything that goes wrong before the child starts
(no server, a refused connection, a folder with the wrong owner or mode) makes
the client run locally, silently. JSON is all that is read from the socket,
and only from a peer of the same user.

Switches: ``--no-daemon``, ``--no-cache`` (a cold run stays cold),
``AUTHLETE_CODEGEN_DAEMON=0``, or a ``CI`` variable (unless
``AUTHLETE_CODEGEN_DAEMON=1``). ``python -m generator daemon status|stop``.
"""

from __future__ import annotations

import json
import os
import socket
import struct
import sys

TYPE_CHECKING = False  # the typing module costs the client a few milliseconds it does not need
if TYPE_CHECKING:
    from typing import Any

ENV_SWITCH = "AUTHLETE_CODEGEN_DAEMON"
COMMANDS = frozenset({"generate", "check", "validate", "describe", "diff"})
GRACE = 3.0  # seconds a child has to stop after an interrupt before it is killed
MAX_REQUEST = 4 << 20

_PACKAGE = os.path.dirname(os.path.realpath(__file__))
_ROOT = os.path.dirname(_PACKAGE)
_TEMPLATES = os.path.join(_ROOT, "templates")
DEFAULT_CACHE = os.path.join(_ROOT, ".cache")
# Variables read when an interpreter starts, which a forked child cannot take from its client.
_STARTUP_VARS = (
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "PYTHONHASHSEED",
    "PYTHONIOENCODING",
    "PYTHONUNBUFFERED",
    "PYTHONUTF8",
    "PYTHONWARNINGS",
)
_OFF = frozenset({"0", "false", "no", "off"})
_ON = frozenset({"1", "true", "yes", "on"})


# ---------------------------------------------------------------- where and who


class Plan:
    """The server a run would use: its cache folder, its socket's folder and name, its identity."""

    __slots__ = ("cache_dir", "folder", "name", "identity")

    def __init__(self, cache_dir: str, folder: str, name: str, identity: str) -> None:
        self.cache_dir = cache_dir
        self.folder = folder
        self.name = name
        self.identity = identity

    @property
    def socket(self) -> str:
        return os.path.join(self.folder, self.name + ".sock")

    @property
    def lock(self) -> str:
        return os.path.join(self.folder, self.name + ".lock")

    @property
    def failed(self) -> str:
        return os.path.join(self.folder, self.name + ".failed")

    @property
    def log(self) -> str:
        return os.path.join(self.cache_dir, "daemon.log")


def enabled(environ: Any = os.environ) -> bool:
    """On unless switched off, or in CI (where no process should outlive the job) unless switched on."""
    setting = environ.get(ENV_SWITCH, "").strip().lower()
    if setting in _OFF or not (hasattr(os, "fork") and hasattr(socket, "SO_PEERCRED")):
        return False  # (the server forks, and knows its peers by SO_PEERCRED: Linux)
    if setting in _ON:
        return True
    return environ.get("CI", "").strip().lower() in ("", "0", "false")


def _is_abbrev(arg: str, option: str) -> bool:
    """Whether argparse would read ``arg`` as ``option`` (it accepts unambiguous prefixes)."""
    return len(arg) > 2 and option.startswith(arg)


def cache_dir_of(argv: list[str]) -> str | None:
    """The resolved cache folder of a run, or None when it must run locally (no cache, no daemon, help)."""
    if not argv or argv[0] not in COMMANDS:
        return None
    chosen: str | None = None
    rest = iter(argv[1:])
    for arg in rest:
        if arg == "--":
            break
        if not arg.startswith("--"):
            if arg.startswith("-") and arg != "-":
                return None  # -h, or an option we do not know: let argparse say
            continue
        name, eq, value = arg.partition("=")
        if any(_is_abbrev(name, o) for o in ("--no-cache", "--no-daemon", "--help")):
            return None
        if _is_abbrev(name, "--cache-dir"):
            given = value if eq else next(rest, None)
            if given is None:
                return None
            chosen = given
    return os.path.realpath(chosen if chosen is not None else DEFAULT_CACHE)


def runtime_folder(environ: Any = os.environ) -> str:
    """Where sockets live: $XDG_RUNTIME_DIR/authlete-codegen if usable, else /tmp/authlete-codegen-UID."""
    base = environ.get("XDG_RUNTIME_DIR", "")
    if base and os.path.isabs(base) and len(base) < 40 and _private(base):
        return os.path.join(base, "authlete-codegen")
    return f"/tmp/authlete-codegen-{os.getuid()}"


def _private(path: str) -> bool:
    """A real folder (not a link) of this user that nobody else may enter."""
    import stat

    try:
        found = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(found.st_mode) and found.st_uid == os.getuid() and found.st_mode & 0o077 == 0


def plan(cache_dir: str, environ: Any = os.environ) -> Plan:
    folder = runtime_folder(environ)
    ident = identity()
    name = _digest(cache_dir)[:16] + "-" + ident[:16]
    return Plan(cache_dir, folder, name, ident)


def _digest(*parts: str | bytes) -> str:
    try:
        from _blake2 import blake2b  # what hashlib.blake2b is, without importing OpenSSL's bindings
    except ImportError:
        from hashlib import blake2b

    h = blake2b(digest_size=32)
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        h.update(b"%d:" % len(data))
        h.update(data)
    return h.hexdigest()


def identity() -> str:
    """A digest of everything a run's code comes from; a server with another identity is never used.

    Python (its executable, version, flags and start-up variables), the import
    path after the working folder and the distributions on it (what the run
    memo trusts), the generator's sources and every template.
    """
    parts: list[str | bytes] = []
    try:
        exe = os.stat(os.path.realpath(sys.executable))
        parts.append(f"{sys.executable}\0{exe.st_ino}\0{exe.st_size}\0{exe.st_mtime_ns}")
    except OSError:
        parts.append(sys.executable)
    parts += [sys.version, repr(tuple(sys.flags)), repr(sorted(sys._xoptions.items())), repr(sys.warnoptions)]
    parts.append("\0".join(f"{k}={os.environ.get(k, '')}" for k in _STARTUP_VARS))
    for entry in sys.path[1:]:  # [0] is the working folder of `-m`; children take the client's
        parts.append(entry)
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        parts.append("\0".join(sorted(n for n in names if n.endswith((".dist-info", ".egg-info")))))
    for root in (_PACKAGE, _TEMPLATES):
        parts.append(root)
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if root == _PACKAGE and not name.endswith(".py"):
                    continue
                path = os.path.join(folder, name)
                try:
                    with open(path, "rb") as handle:
                        parts += [path, handle.read()]
                except OSError:
                    parts.append(path)
    return _digest(*parts)


def ensure_folder(folder: str) -> bool:
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return False
    return _private(folder)


def peer_uid(sock: socket.socket) -> int:
    raw = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return int(struct.unpack("3i", raw)[1])


def _connect(path: str, timeout: float | None = None) -> socket.socket | None:
    """A connection to the server at ``path``, if one of this user answers there."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(path)
        if peer_uid(sock) != os.getuid():
            raise OSError("the server belongs to another user")
        return sock
    except OSError:
        sock.close()
        return None


class _Lines:
    """JSON lines read from a socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def next(self) -> dict[str, Any] | None:
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buffer += chunk
            if len(self.buffer) > MAX_REQUEST:
                return None
        line, _, self.buffer = self.buffer.partition(b"\n")
        try:
            message = json.loads(line)
        except ValueError:
            return None
        return message if isinstance(message, dict) else None


def ask(path: str, message: dict[str, Any], timeout: float = 5.0) -> dict[str, Any] | None:
    """One question to a server, one answer; None when nobody answers."""
    sock = _connect(path, timeout)
    if sock is None:
        return None
    try:
        sock.sendall(json.dumps(message).encode() + b"\n")
        return _Lines(sock).next()
    except OSError:
        return None
    finally:
        sock.close()


# ---------------------------------------------------------------- the client


def client(argv: list[str]) -> tuple[int | None, Plan | None]:
    """Run ``argv`` on a server: ``(exit code, plan)``; ``(None, plan)`` when it must run locally.

    The plan is None when the run may not use a server at all (switched off,
    no cache, a folder that is not private); otherwise it names the server
    to start after a local run.
    """
    try:
        if not enabled():
            return None, None
        cache_dir = cache_dir_of(argv)
        if cache_dir is None:
            return None, None
        chosen = plan(cache_dir)
        if not _private(chosen.folder):
            return None, (chosen if not os.path.lexists(chosen.folder) else None)
        return _served(chosen, argv), chosen
    except Exception:  # whatever it was, the run itself goes on here
        return None, None


def _served(chosen: Plan, argv: list[str]) -> int | None:
    try:
        for fd in (0, 1, 2):  # before the socket exists, or it could take the number of a closed one
            os.fstat(fd)  # a closed standard stream: a local run knows what to do with it
    except OSError:
        return None
    sock = _connect(chosen.socket)
    if sock is None:
        return None
    try:
        mask = os.umask(0)
        os.umask(mask)
        request = {
            "op": "run",
            "identity": chosen.identity,
            "argv": argv,
            "argv0": sys.argv[0],
            "cwd": os.getcwd(),
            "env": dict(os.environ),
            "umask": mask,
        }
        payload = json.dumps(request).encode("utf-8", "surrogateescape") + b"\n"
        sent = socket.send_fds(sock, [payload], [0, 1, 2])
        sock.sendall(payload[sent:])
        return _wait(sock)
    except (OSError, ValueError):
        return None
    finally:
        sock.close()


def _wait(sock: socket.socket) -> int | None:
    """The child's exit code; None if the server refused (nothing ran). ^C here stops the child."""
    lines = _Lines(sock)
    started = False
    try:
        while True:
            try:
                message = lines.next()
            except OSError:  # the connection broke: as good as closed
                message = None
            if message is None:
                if started:  # the server and the child are gone without a word
                    print("internal error: the generation server stopped; run again with --no-daemon", file=sys.stderr)
                    return 3
                return None
            if "exit" in message:
                code = message["exit"]
                return code if isinstance(code, int) else 3
            if message.get("refused") and not started:
                return None
            started = started or bool(message.get("started"))
    except KeyboardInterrupt:
        return _interrupted(sock, lines)


def _interrupted(sock: socket.socket, lines: _Lines) -> int:
    """^C: tell the server (it interrupts the child) and wait a little for the child to stop, as a local run would."""
    try:
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(GRACE + 2)
        while True:
            message = lines.next()
            if message is None:
                return 130
            if "exit" in message:
                code = message["exit"]
                return code if isinstance(code, int) and code < 128 else 130
    except (OSError, KeyboardInterrupt):
        return 130


def start(chosen: Plan) -> None:
    """Start a server for ``chosen`` in the background, unless one is starting or failed lately."""
    try:
        _start(chosen)
    except Exception:
        pass  # the run is done; the next one runs locally too


def _start(chosen: Plan) -> None:
    import time

    if not os.path.isdir(chosen.cache_dir) or not ensure_folder(chosen.folder):
        return
    try:
        if time.time() - os.stat(chosen.failed).st_mtime < 600:
            return  # it failed to start a moment ago: do not try on every run
    except OSError:
        pass
    if _locked(chosen.lock):
        return
    import subprocess

    try:
        subprocess.Popen(
            [
                sys.executable,
                *subprocess._args_from_interpreter_flags(),  # type: ignore[attr-defined]
                "-m",
                "generator",
                "daemon",
                "serve",
                "--cache-dir",
                chosen.cache_dir,
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            start_new_session=True,  # no terminal, no signal from the shell, no caller's pipe held
        )
    except (OSError, ValueError):
        pass


def _locked(path: str) -> bool:
    """Whether a server holds this lock (it is running or starting)."""
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


# ---------------------------------------------------------------- status and stop


def servers(cache_dir: str) -> list[tuple[str, str]]:
    """``(name, lock path)`` of every server of this cache folder, current or stale, running or starting."""
    folder = runtime_folder()
    prefix = _digest(cache_dir)[:16] + "-"
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = sorted({n[: -len(".lock")] for n in names if n.startswith(prefix) and n.endswith(".lock")})
    return [(name, os.path.join(folder, name)) for name in found]


def _lock_pid(base: str) -> int | None:
    try:
        with open(base + ".lock", encoding="ascii") as handle:
            return int(handle.read().strip() or "0") or None
    except (OSError, ValueError):
        return None


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie is not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rpartition(") ")[2][:1] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            pass
        return True


def status(cache_dir: str) -> int:
    """Print the servers of this cache folder; 0 when the current one is ready, else 1."""
    current = plan(cache_dir)
    ready = False
    shown = False
    for name, base in servers(cache_dir):
        if not _locked(base + ".lock"):
            continue
        shown = True
        answer = ask(base + ".sock", {"op": "status"})
        which = "current" if name == current.name else "for another generator, Python or environment"
        if answer is None:
            print(f"starting: pid {_lock_pid(base)}, {which}")
            continue
        ready = ready or name == current.name
        runs = answer.get("children") or []
        busy = f", running {len(runs)} (pids {' '.join(map(str, runs))})" if runs else ""
        print(
            f"ready: pid {answer.get('pid')}, {which}, served {answer.get('served')} runs{busy}, "
            f"idle timeout {answer.get('idle')} s"
        )
        print(f"  socket: {base}.sock")
        print(f"  log: {answer.get('log')}")
    if not shown:
        print(f"no generation server for {cache_dir}")
    return 0 if ready else 1


def stop(cache_dir: str, wait: float = 10.0) -> int:
    """Stop every server of this cache folder and wait until each has exited."""
    import signal
    import time

    stopped = 0
    for _name, base in servers(cache_dir):
        lock = base + ".lock"
        if not _locked(lock):
            continue
        pid = _lock_pid(base)
        if ask(base + ".sock", {"op": "stop"}) is None and pid:
            try:
                os.kill(pid, signal.SIGTERM)  # still starting: it exits on SIGTERM
            except OSError:
                pass
        deadline = time.monotonic() + wait
        while (_locked(lock) or (pid and _running(pid))) and time.monotonic() < deadline:
            time.sleep(0.02)
        stopped += 1
    print(f"stopped {stopped} generation server{'s' if stopped != 1 else ''} of {cache_dir}")
    return 0
