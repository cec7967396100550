"""`schedule --once`, the loop, locks and the `crawls` record, through the real CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from newscrawl.scheduling import SourceLock
from tests.conftest import ROOT, run_cli
from tests.discovery_site import FAST, ConditionalSite, article_paths, build_site, rows, rss, sitemap, stored_slugs

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl


@pytest.fixture
def valley():
    site = build_site(ConditionalSite())
    yield site
    site.close()


def write(tmp_path, base, every="1h"):
    path = tmp_path / "sources.toml"
    path.write_text(f"""
[[source]]
name = "valley-rss"
feeds = ["{base}/feeds/rss.xml"]
every = "{every}"

[[source]]
name = "valley-sitemaps"
sitemaps = ["{base}/robots.txt"]
every = "{every}"
""")
    return path


def age_runs(db_path, hours=2):
    """Make every recorded run look `hours` older, as if time had passed."""
    conn = sqlite3.connect(db_path)
    with conn:
        for row_id, started in conn.execute("select id, started from crawls").fetchall():
            older = dt.datetime.fromisoformat(started) - dt.timedelta(hours=hours)
            conn.execute("update crawls set started = ? where id = ?", [older.isoformat(), row_id])
    conn.close()


def test_schedule_once_runs_only_due_sources_and_only_new_items(valley, tmp_path, db_path):
    sources = write(tmp_path, valley.base)
    first = run_cli("--sources", str(sources), "schedule", "--once", *FAST, db=db_path)
    assert first.code == 0, first.stderr
    assert stored_slugs(db_path) == ["bakery-award", "ferry-fares", "harbour-lights", "orchard-census"]

    # Just crawled: nothing is due, nothing is requested.
    mark = len(valley.requests)
    idle = run_cli("--sources", str(sources), "schedule", "--once", *FAST, db=db_path)
    assert idle.code == 0, idle.stderr
    assert "nothing due" in idle.stderr
    assert valley.since(mark) == []

    # Time passes; the feed gains an item, the sitemap a fresh entry and an
    # old one never seen before (its lastmod predates the last run).
    age_runs(db_path)
    valley.add("/feeds/rss.xml", rss(valley.base, ["/news/harbour-lights.html", "/news/orchard-census.html",
                                                   "/news/tram-timetable.html"]),
               content_type="application/rss+xml", headers={"ETag": '"rss-2"'})
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    valley.add("/sitemaps/google-news.xml", sitemap(valley.base, [
        ("/news/ferry-fares.html", "2024-05-12T10:00:00+00:00"),
        ("/news/market-hall.html", "2024-05-01"),
        ("/news/school-garden.html", now),
    ]), content_type="application/xml")
    mark = len(valley.requests)
    due = run_cli("--sources", str(sources), "schedule", "--once", *FAST, db=db_path)
    assert due.code == 0, due.stderr
    assert sorted(article_paths(valley.since(mark))) == ["/news/school-garden.html", "/news/tram-timetable.html"]
    assert "school-garden" in stored_slugs(db_path) and "market-hall" not in stored_slugs(db_path)

    runs = rows(db_path, "select * from crawls order by id")
    assert [r["status"] for r in runs] == ["ok"] * 4
    latest = {r["source"]: r for r in runs[2:]}
    assert latest["valley-rss"]["fetched"] == 1 and latest["valley-rss"]["stored"] == 1
    assert latest["valley-rss"]["skipped"] == 2  # harbour-lights and orchard-census, already stored
    assert all(r["finished"] and r["errors"] == "[]" and r["pid"] for r in runs)


def test_a_crawl_counts_as_a_run_for_the_schedule(valley, tmp_path, db_path):
    sources = write(tmp_path, valley.base)
    assert run_cli("--sources", str(sources), "crawl", "valley-rss", *FAST, db=db_path).code == 0
    once = run_cli("--sources", str(sources), "schedule", "--once", *FAST, db=db_path)
    assert once.code == 0, once.stderr
    assert "due: valley-sitemaps" in once.stderr
    assert [r["source"] for r in rows(db_path, "select source from crawls order by id")] == ["valley-rss", "valley-sitemaps"]


def test_a_source_locked_by_another_process_is_skipped(valley, tmp_path, db_path):
    sources = write(tmp_path, valley.base)
    lock = SourceLock(db_path, "valley-rss")
    assert lock.acquire()
    try:
        result = run_cli("--sources", str(sources), "crawl", "valley-rss", *FAST, db=db_path)
    finally:
        lock.release()
    assert result.code == 0, result.stderr
    assert f"valley-rss: skipped, already being crawled (pid {os.getpid()})" in result.stderr
    assert valley.requests == []


def test_a_dead_process_leaves_no_lock_behind(valley, tmp_path, db_path):
    sources = write(tmp_path, valley.base)
    # A crawler killed with SIGKILL: its lock file stays, its flock does not.
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from newscrawl.scheduling import SourceLock; "
        f"assert SourceLock({str(db_path)!r}, 'valley-rss').acquire(); print('locked', flush=True); time.sleep(60)"
    )], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    result = run_cli("--sources", str(sources), "crawl", "valley-rss", *FAST, db=db_path)
    assert result.code == 0, result.stderr
    assert "skipped" not in result.stderr
    assert "harbour-lights" in stored_slugs(db_path)


def test_schedule_loop_runs_sources_again_when_due(valley, tmp_path, db_path):
    sources = write(tmp_path, valley.base, every="3s")
    cmd = [sys.executable, "-m", "newscrawl.cli", "--db", str(db_path), "--sources", str(sources), "schedule",
           *FAST, "--set", "NEWSCRAWL_SCHEDULE_MAX_SLEEP=1"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        runs = []
        while time.monotonic() < deadline:
            time.sleep(1)
            if db_path.exists():
                try:
                    runs = rows(db_path, "select * from crawls where source = 'valley-rss' and status = 'ok'")
                except sqlite3.OperationalError:
                    continue
            if len(runs) >= 2:
                break
        assert len(runs) >= 2, proc.stderr.read() if proc.poll() is not None else runs
        gap = dt.datetime.fromisoformat(runs[1]["started"]) - dt.datetime.fromisoformat(runs[0]["started"])
        assert gap >= dt.timedelta(seconds=3)
        # The second run found everything stored: no article downloaded twice.
        assert runs[1]["fetched"] == 0
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def news_sitemap(base: str, entries: list[tuple[str, str]]) -> str:
    """A Google News sitemap: publication dates, no <lastmod>."""
    urls = "".join(
        f"<url><loc>{base}{path}</loc><news:news><news:publication><news:name>Valley</news:name>"
        f"<news:language>en</news:language></news:publication><news:publication_date>{date}"
        f"</news:publication_date><news:title>t</news:title></news:news></url>"
        for path, date in entries
    )
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>')


def test_google_news_publication_date_counts_when_there_is_no_lastmod(valley, tmp_path, db_path):
    sources = write(tmp_path, valley.base)
    assert run_cli("--sources", str(sources), "crawl", "valley-sitemaps", *FAST, db=db_path).code == 0
    age_runs(db_path)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    valley.add("/sitemaps/google-news.xml", news_sitemap(valley.base, [
        ("/news/market-hall.html", "2024-05-01T08:00:00+00:00"),
        ("/news/school-garden.html", now),
    ]), content_type="application/xml")
    mark = len(valley.requests)
    result = run_cli("--sources", str(sources), "crawl", "valley-sitemaps", *FAST, db=db_path)
    assert result.code == 0, result.stderr
    # Published before the last run and never seen: skipped, like an old <lastmod>.
    assert "/news/market-hall.html" not in article_paths(valley.since(mark))
    assert "/news/school-garden.html" in article_paths(valley.since(mark))


def test_a_killed_run_is_shown_and_recorded_as_interrupted(valley, tmp_path, db_path):
    sources = write(tmp_path, valley.base)
    assert run_cli("--sources", str(sources), "crawl", "valley-rss", *FAST, db=db_path).code == 0
    # A run whose process died without writing its end (SIGKILL, power cut).
    conn = sqlite3.connect(db_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    conn.execute("update crawls set status = 'running', finished = null, pid = ? where source = 'valley-rss'", [dead.pid])
    conn.commit()
    conn.close()
    listing = run_cli("--sources", str(sources), "sources", "--format", "json", db=db_path)
    assert listing.code == 0, listing.stderr
    (row,) = [r for r in json.loads(listing.stdout) if r["name"] == "valley-rss"]
    assert row["result"] == "interrupted (its process is gone)"
    assert run_cli("--sources", str(sources), "crawl", "valley-rss", *FAST, db=db_path).code == 0
    assert [r["status"] for r in rows(db_path, "select status from crawls where source = 'valley-rss' order by id")] == [
        "interrupted", "ok"]
