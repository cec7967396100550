"""Live progress on a terminal; plain lines when stderr is not one."""

from __future__ import annotations

import os
import select
import subprocess
import sys

import pytest

from tests.conftest import FAST, ROOT

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl


def _run_with_terminal_stderr(args: list[str]) -> tuple[int, str]:
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "newscrawl.cli", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=slave, env={**os.environ, "TERM": "xterm", "COLUMNS": "120"})
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def test_ingest_shows_live_counts_on_a_terminal(site, db_path):
    urls = [site.add_page(f"/a{i}.html", "wp-article.html", delay=0.2) for i in range(3)]
    code, screen = _run_with_terminal_stderr(["--db", str(db_path), "ingest", *urls, *FAST])
    assert code == 0, screen
    assert "crawling" in screen and "3/3" in screen and "3 stored" in screen
    assert screen.rstrip().endswith("3 stored, 0 updated, 0 unchanged, 0 failed")


def test_no_progress_display_when_stderr_is_not_a_terminal(site, cli, db_path):
    urls = [site.add_page(f"/a{i}.html", "wp-article.html") for i in range(2)]
    result = cli("ingest", *urls, *FAST, db=db_path)
    assert result.code == 0
    assert "\x1b[" not in result.stderr and "crawling" not in result.stderr
    assert result.stderr == "2 stored, 0 updated, 0 unchanged, 0 failed\n"


def test_crawl_shows_live_counts_on_a_terminal(tmp_path, db_path):
    from tests.discovery_site import ConditionalSite, build_site, write_sources

    valley = build_site(ConditionalSite())
    try:
        sources = write_sources(tmp_path / "sources.toml", valley.base)
        code, screen = _run_with_terminal_stderr(
            ["--db", str(db_path), "--sources", str(sources), "crawl", "valley-feeds", *FAST])
    finally:
        valley.close()
    assert code == 0, screen
    assert "crawling 1 source(s)" in screen  # the live line, before the summary
    import re

    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)
    assert plain.rstrip().splitlines()[-1].startswith("valley-feeds: ")
