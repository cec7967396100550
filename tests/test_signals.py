"""Ctrl-C and SIGTERM: stop fetching, keep what is done, say what is not, exit 130 / 143."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import FAST, ROOT, rows

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

ARTICLE = ("<html><head><title>Harbour story {n}</title></head><body><article><h1>Harbour story {n}</h1>"
           "<p>The harbour council met on Monday to discuss repairs number {n} to the old pier, and members asked "
           "for a detailed plan and a budget before the summer recess, the chair said.</p>"
           "<p>Residents said the pier had waited years for repairs; several described boats damaged by the "
           "broken boards over the winter, and the council promised an answer within {n} weeks.</p></article></body></html>")


def start_ingest(site, db_path, urls):
    listing = db_path.parent / "urls.txt"
    listing.write_text("\n".join(urls))
    cmd = [sys.executable, "-m", "newscrawl.cli", "--db", str(db_path), "ingest", "--from-file", str(listing), *FAST,
           "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_rows(db_path, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if db_path.exists():
            try:
                if len(rows(db_path, "select id from articles")) >= count:
                    return
            except Exception:
                pass
        time.sleep(0.1)
    raise AssertionError(f"fewer than {count} articles stored after {timeout} s")


@pytest.mark.parametrize("signum,status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_ingest_keeps_what_is_stored_and_says_what_is_not(site, db_path, signum, status):
    urls = [site.add(f"/news/{n}.html", ARTICLE.format(n=n), delay=0.2) for n in range(200)]
    proc = start_ingest(site, db_path, urls)
    wait_for_rows(db_path, 2)
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    summary, last = lines[-2], lines[-1]
    stored = int(summary.split(" stored")[0])
    assert last == f"newscrawl: interrupted by {signal.Signals(signum).name}: {200 - stored} of 200 not processed"
    assert 0 < stored < 200
    # What the summary calls stored is in the store, whole.
    assert len(rows(db_path, "select id from articles where text != ''")) == stored
    assert rows(db_path, "pragma integrity_check") == [{"integrity_check": "ok"}]


def test_sigterm_stops_a_source_crawl_with_its_summary_and_no_traceback(site, db_path, tmp_path):
    links = [site.add(f"/news/{n}.html", ARTICLE.format(n=n), delay=0.2) for n in range(150)]
    items = "".join(f"<item><title>Story {n}</title><link>{url}</link></item>" for n, url in enumerate(links))
    feed = site.add("/feed/", f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>{items}'
                              "</channel></rss>", content_type="application/rss+xml")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "harbour"\nfeeds = ["{feed}"]\nevery = "1h"\n', encoding="utf-8")
    cmd = [sys.executable, "-m", "newscrawl.cli", "--db", str(db_path), "--sources", str(sources), "crawl", *FAST,
           "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "PYTHONWARNINGS": "ignore"}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    wait_for_rows(db_path, 2)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "Traceback" not in err and "ReactorNotRunning" not in err
    assert err.strip().splitlines()[-1].startswith("newscrawl: interrupted by SIGTERM")
    summary = next(line for line in err.splitlines() if line.startswith("harbour: "))
    stored = int(summary.split(" fetched, ")[1].split(" stored")[0])
    assert 0 < stored < 150 and len(rows(db_path, "select id from articles")) == stored
    # The run is recorded as interrupted; the next run fetches the rest.
    assert rows(db_path, "select status from crawls") == [{"status": "interrupted"}]
