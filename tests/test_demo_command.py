"""`newscrawl demo` end to end: serve the sample sites, crawl them, report."""

from __future__ import annotations

import sqlite3

import pytest

from newscrawl.sources import load_sources
from tests.conftest import free_ports, run_cli

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl


def test_demo_crawls_the_sample_sites_into_the_database(db_path, tmp_path):
    sources = tmp_path / "sources.toml"
    # Ports of its own: another `demo` on this machine may hold the default ones.
    wanted = free_ports(3)
    ports = ["--set", "NEWSCRAWL_DEMO_PORTS=" + ",".join(map(str, wanted))]
    result = run_cli("--sources", str(sources), "demo", *ports, db=db_path, cwd=tmp_path, timeout=300)
    assert result.code == 0, result.stderr
    assert all(f" at http://127.0.0.1:{port}/" in result.stderr for port in wanted), result.stderr
    assert "Traceback" not in result.stderr
    # One summary line per site, no failure.
    summaries = [line for line in result.stderr.splitlines() if " discovered, " in line]
    assert len(summaries) == 3 and all(line.endswith(" 0 failed") for line in summaries)
    conn = sqlite3.connect(db_path)
    try:
        total, sites, languages = conn.execute(
            "select count(*), count(distinct site), count(distinct language) from articles"
        ).fetchone()
        shared_stories = conn.execute(
            "select count(*) from (select story_id from articles group by story_id having count(distinct site) > 1)"
        ).fetchone()[0]
        originals = conn.execute(
            "select count(*) from (select story_id, sum(is_original) as o from articles group by story_id) where o != 1"
        ).fetchone()[0]
    finally:
        conn.close()
    assert total >= 30 and sites == 3 and languages >= 6
    assert shared_stories >= 8
    assert originals == 0  # exactly one original per story
    # What was stored and a sample query are printed.
    assert f"{total} articles in {db_path}" in result.stdout
    assert "Sample query:" in result.stdout
    # A sources file for the sites just crawled, and what to try next.
    written = load_sources(sources)
    conn = sqlite3.connect(db_path)
    try:
        crawled = dict(conn.execute("select distinct source_name, site from articles").fetchall())
    finally:
        conn.close()
    assert {s.name for s in written} == set(crawled)
    for source in written:
        assert {url.split("/")[2] for url in source.feeds + source.sitemaps + source.start_urls} == {crawled[source.name]}
    next_steps = result.stdout.split("Next, try:\n", 1)[1].splitlines()
    commands = [line.split("#")[0].split() for line in next_steps if line.startswith("  newscrawl ")]
    assert {c[5] for c in commands} >= {"sites", "stories", "show", "export", "serve", "sources"}
    # A second run stores nothing twice, and leaves the sources file alone.
    sources.write_text(sources.read_text() + "# edited\n")
    again = run_cli("--sources", str(sources), "demo", *ports, db=db_path, cwd=tmp_path, timeout=300)
    assert again.code == 0, again.stderr
    assert sources.read_text().endswith("# edited\n") and f"{sources} exists: left as it is" in again.stdout
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("select count(*) from articles").fetchone()[0] == total
    finally:
        conn.close()
