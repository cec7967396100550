"""Shared fixtures: a real HTTP server on 127.0.0.1 and the real CLI."""

from __future__ import annotations

import gzip
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import sqlite3

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).resolve().parent / "pages"
SHARED = ROOT.parent / "shared"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    reset: bool = False  # close the connection with a TCP reset instead of answering


class LocalSite:
    """A small web server whose routes a test sets; it logs every request."""

    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str, dict]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                site.requests.append(("GET", self.path, dict(self.headers)))
                route = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0])
                if route is None:
                    route = Route(b"<html><body>not found</body></html>", 404)
                if route.delay:
                    time.sleep(route.delay)
                if route.reset:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
                try:
                    self.send_response(route.status)
                    if route.content_type:
                        self.send_header("Content-Type", route.content_type)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        # A client that gives up mid-answer (size caps, time-outs) is expected.
        self.server.handle_error = lambda request, client_address: None
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.host = host
        self.port = self.server.server_address[1]
        self.base = f"http://{host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str, **kw) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body, **kw)
        return self.url(path)

    def add_page(self, path: str, fixture: str, **kw) -> str:
        return self.add(path, (PAGES / fixture).read_bytes(), **kw)

    def paths(self) -> list[str]:
        return [p for _m, p, _h in self.requests]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    s = LocalSite()
    s.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    yield s
    s.close()


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


def run_cli(*args: str, db: Path | None = None, input: str | bytes | None = None, cwd: Path | None = None,
            env: dict | None = None, timeout: float = 120) -> Result:
    """Run the installed `newscrawl` command in a subprocess, as a user would."""
    cmd = [sys.executable, "-m", "newscrawl.cli"]
    if db is not None:
        cmd += ["--db", str(db)]
    cmd += list(args)
    # What the user's shell sets must not reach a test: each passes its own.
    outer = {k: v for k, v in os.environ.items() if k not in ("NEWSCRAWL_DB", "NEWSCRAWL_REDIS_URL")}
    full_env = {**outer, "PYTHONWARNINGS": "ignore", **(env or {})}
    if isinstance(input, str):
        input = input.encode("utf-8")
    # What the interpreter reads at start-up (PYTHONPATH, PYTHONHASHSEED…)
    # needs a new one.
    starts_fresh = any(name.startswith("PYTHON") and name != "PYTHONWARNINGS" for name in env or {})
    if starts_fresh or os.environ.get("NEWSCRAWL_TEST_FRESH_PROCESS"):
        proc = subprocess.run(cmd, input=input, capture_output=True, cwd=cwd or ROOT, env=full_env, timeout=timeout)
        return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))
    code, out, err = _forkserver().run(cmd[3:], input=input, cwd=cwd or ROOT, env=full_env, timeout=timeout)
    return Result(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))


class ForkServer:
    """The client of tests/forkserver.py: one warm interpreter per test
    process, started on first use, that forks each command."""

    def __init__(self):
        import tempfile

        self.folder = tempfile.mkdtemp(prefix="newscrawl-forkserver-")
        self.path = os.path.join(self.folder, "socket")
        outer = {k: v for k, v in os.environ.items() if not k.startswith("NEWSCRAWL_")}
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.forkserver", self.path], cwd=ROOT, env=outer,
                                     stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
        if self.proc.stdout.readline().strip() != b"ready":
            raise RuntimeError("tests/forkserver.py did not start")

    def run(self, argv: list[str], *, input: bytes | None, cwd, env: dict, timeout: float) -> tuple[int, bytes, bytes]:
        import tempfile

        with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
            if input:
                stdin.write(input)
                stdin.seek(0)
            request = json.dumps({"argv": argv, "env": env, "cwd": str(cwd)}).encode() + b"\n"
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
                conn.connect(self.path)
                socket.send_fds(conn, [request], [stdin.fileno(), stdout.fileno(), stderr.fileno()])
                reader = conn.makefile("rb")
                pid = int(reader.readline().split()[1])
                conn.settimeout(timeout)
                try:
                    line = reader.readline()
                except (TimeoutError, socket.timeout):
                    os.kill(pid, 9)
                    raise subprocess.TimeoutExpired(argv, timeout) from None
                code = int(line.split()[1])
            stdout.seek(0)
            stderr.seek(0)
            return code, stdout.read(), stderr.read()

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)


_FORKSERVER: ForkServer | None = None


def _forkserver() -> ForkServer:
    global _FORKSERVER
    if _FORKSERVER is None or _FORKSERVER.proc.poll() is not None:
        import atexit

        _FORKSERVER = ForkServer()
        atexit.register(_FORKSERVER.close)
    return _FORKSERVER


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "news.db"


def gz(data: bytes) -> bytes:
    return gzip.compress(data)


# Politeness is for other people's sites; test servers are local.
FAST = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "RETRY_TIMES=0"]


def rows(db_path, sql="select * from articles order by id", params=()):
    """Rows of a test database, read with a plain sqlite3 connection."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def invoke_cli(*args: str, db: Path | None = None, input: str | bytes | None = None, env: dict | None = None,
               columns: int = 200) -> Result:
    """Run the CLI in this process (click's CliRunner isolation), as
    `newscrawl` would: for the read-only commands, which start no crawl."""
    from click.testing import CliRunner

    from newscrawl.cli import main

    argv = (["--db", str(db)] if db is not None else []) + list(args)
    with CliRunner().isolation(input=input, env={"COLUMNS": str(columns), "NEWSCRAWL_DB": None, **(env or {})}) as (
            out, err, _mixed):
        try:
            main(argv)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.stdout.flush()
        sys.stderr.flush()
        return Result(code, out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace"))


@dataclass
class DemoStore:
    db: Path
    sources: Path
    demo: Result  # what `newscrawl demo` printed


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> DemoStore:
    """The bundled sample sites crawled once into a database, for the tests
    that only read it (the demo's own run is tested in test_demo_command)."""
    folder = tmp_path_factory.mktemp("demo-store")
    db, sources = folder / "demo.db", folder / "sources.toml"
    ports = ",".join(map(str, free_ports(3)))
    result = run_cli("--sources", str(sources), "demo", "--set", f"NEWSCRAWL_DEMO_PORTS={ports}", db=db, cwd=folder,
                     timeout=300)
    assert result.code == 0, result.stderr
    return DemoStore(db, sources, result)


def free_ports(count: int) -> list[int]:
    """Ports free on 127.0.0.1 right now, for servers that need known ports
    (`demo`): tests running at once never share them."""
    holders = []
    try:
        for _ in range(count):
            holder = socket.socket()
            holder.bind(("127.0.0.1", 0))
            holders.append(holder)
        return [holder.getsockname()[1] for holder in holders]
    finally:
        for holder in holders:
            holder.close()


GOLDEN = Path(__file__).resolve().parent / "golden"


def golden(name: str):
    """A golden file of tests/golden/: values this version computes for fixed inputs."""
    return json.loads((GOLDEN / name).read_text(encoding="utf-8"))


def module_output_in_another_process(module: str):
    """What `python -m MODULE` prints (JSON), run with another hash seed than this process's."""
    seed = "4242" if os.environ.get("PYTHONHASHSEED") != "4242" else "17"
    out = subprocess.run([sys.executable, "-m", module], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONHASHSEED": seed}, check=True, timeout=120)
    return json.loads(out.stdout)
