"""A warm interpreter the tests start `newscrawl` commands from.

Every CLI test runs the real command in a process of its own, with its own
standard streams, working directory and environment. Started afresh, each
such process spends about two seconds of CPU importing Scrapy, trafilatura,
SciPy (through datasketch) and reading the phrase and stop-word lists, which
is most of what a test suite of a few hundred commands costs. This server
imports those once, then forks one child per command: the child runs
`newscrawl.cli.main` exactly as `python -m newscrawl.cli` would.

What is imported here is only what reads no environment at import time
(third-party libraries, `cleaning`, `db`); `newscrawl` itself, whose settings
read `NEWSCRAWL_*` variables, is imported in each child after its
environment is set. Tests that need a brand-new interpreter (packaging,
signals, hash seeds) start one themselves; `NEWSCRAWL_TEST_FRESH_PROCESS=1`
sends every command to a new interpreter.

Protocol, on a Unix socket: the client sends one JSON line (argv, env, cwd)
with three file descriptors (stdin, stdout, stderr) attached; the server
answers `pid N` when the child runs and `exit CODE` when it ends (negative:
killed by that signal). The server is single-threaded: it forks only from
its main thread, and reaps children between accepts.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys

PRELOAD = [
    "scrapy", "scrapy.crawler", "scrapy.http", "scrapy.spiders", "scrapy.utils.test", "twisted.internet.defer",
    "trafilatura", "htmldate", "langdetect", "datasketch", "ftfy", "wordfreq", "lxml.html", "sqlite_utils",
    "click", "rich.console", "feedparser", "courlan", "babel", "regex",
    "cleaning.page", "cleaning.pipeline", "db.store", "db.queries", "db.stories",
]


def _warm() -> None:
    import importlib

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    # Phrase lists, stop words and word frequencies are read on first use;
    # a worker pool's warm-up is then already done in every child.
    from cleaning.page import PageOptions, process_text, warm_up

    warm_up()

    sample = ("The minister said on Monday that the talks would go on. " * 6
              + "\nLeave a Reply\nEl ministro dijo el lunes que las conversaciones seguirán.")
    process_text(sample, "A sample title", PageOptions())
    if "twisted.internet.reactor" in sys.modules:
        raise RuntimeError("a preloaded module installed Twisted's reactor; each command must choose its own")


def _run_child(request: dict, fds: list[int]) -> None:
    """In the forked child: become the command and never return."""
    code = 1
    try:
        for target, fd in zip((0, 1, 2), fds):
            os.dup2(fd, target)
            os.close(fd)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        if "ignore" in os.environ.get("PYTHONWARNINGS", ""):
            import warnings

            warnings.simplefilter("ignore")
        import random

        random.seed()
        sys.argv = [sys.argv[0]] + list(request["argv"])
        from newscrawl.cli import main

        try:
            main(list(request["argv"]))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except KeyboardInterrupt:
            code = 130
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _receive(conn: socket.socket) -> tuple[dict, list[int]]:
    data, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 3)
    while not data.endswith(b"\n"):
        more = conn.recv(1 << 20)
        if not more:
            break
        data += more
    return json.loads(data), list(fds)


def serve(path: str) -> None:
    _warm()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    print("ready", flush=True)
    running: dict[int, socket.socket] = {}
    while True:
        readable, _, _ = select.select([listener], [], [], 0.02)
        if readable:
            conn, _ = listener.accept()
            request, fds = _receive(conn)
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                listener.close()
                conn.close()
                for other in running.values():
                    other.close()
                _run_child(request, fds)
            for fd in fds:
                os.close(fd)
            conn.sendall(f"pid {pid}\n".encode())
            running[pid] = conn
        while running:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            conn = running.pop(pid, None)
            if conn is not None:
                try:
                    conn.sendall(f"exit {os.waitstatus_to_exitcode(status)}\n".encode())
                except OSError:
                    pass
                conn.close()


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the client's Ctrl-C must not stop the server
    serve(sys.argv[1])
