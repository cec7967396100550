"""Failures, kills and concurrent readers never lose or corrupt what is stored."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT
from tests.conftest import FAST, rows

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl


def _integrity(db_path) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("pragma integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_ingest_while_a_reader_holds_a_snapshot(site, cli, db_path):
    first = site.add_page("/a.html", "wp-article.html")
    assert cli("ingest", first, *FAST, db=db_path).code == 0
    reader = sqlite3.connect(db_path)
    reader.execute("begin")
    assert reader.execute("select count(*) from articles").fetchone()[0] == 1
    try:
        second = site.add_page("/b.html", "de-article.html")
        result = cli("ingest", second, *FAST, db=db_path)
        assert result.code == 0, result.stderr
        # The reader keeps its snapshot; a new reader sees both articles.
        assert reader.execute("select count(*) from articles").fetchone()[0] == 1
    finally:
        reader.rollback()
        reader.close()
    assert len(rows(db_path)) == 2


def test_the_wal_is_folded_back_when_a_crawl_ends(site, cli, db_path):
    url = site.add_page("/a.html", "wp-article.html")
    assert cli("ingest", url, *FAST, db=db_path).code == 0
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_two_ingests_at_once_both_store(site, db_path):
    a = site.add_page("/a.html", "wp-article.html")
    b = site.add_page("/b.html", "de-article.html")
    cmd = [sys.executable, "-m", "newscrawl.cli", "--db", str(db_path), "ingest", *FAST]
    procs = [subprocess.Popen(cmd + [url], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for url in (a, b)]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    assert sorted(r["url"] for r in rows(db_path)) == sorted([a, b])


def test_a_killed_crawl_leaves_a_consistent_store(site, cli, db_path):
    stored = site.add_page("/first.html", "wp-article.html")
    assert cli("ingest", stored, *FAST, db=db_path).code == 0
    before = rows(db_path)
    slow = [site.add_page(f"/slow-{i}.html", "de-article.html", delay=0.4) for i in range(12)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "newscrawl.cli", "--db", str(db_path), "ingest", *FAST, *slow],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline and sum(p.startswith("/slow-") for p in site.paths()) < 3:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert _integrity(db_path) == "ok"
    after = {r["url"]: r for r in rows(db_path)}
    assert after[stored] == before[0]
    # Full-text index and rows still agree.
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("insert into articles_fts(articles_fts) values('integrity-check')")
    finally:
        conn.close()
    # Running again completes the work.
    result = cli("ingest", *slow, *FAST, db=db_path)
    assert result.code == 0, result.stderr
    assert len(rows(db_path)) == 13


def test_scrapy_crawl_from_the_project_root(site, db_path):
    url = site.add_page("/a.html", "wp-article.html")
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"urls={url}", "-s", f"NEWSCRAWL_DB={db_path}",
         "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=ERROR"],
        cwd=ROOT, capture_output=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert [r["url"] for r in rows(db_path)] == [url]
