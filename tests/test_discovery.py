"""Finding articles through feeds, sitemaps and in-site links, end to end:
a local site on 127.0.0.1, the real CLI in a subprocess, a real database."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT, run_cli
from tests.discovery_site import (
    FAST,
    FEED_ARTICLES,
    SITEMAP_ARTICLES,
    ConditionalSite,
    article_paths,
    build_site,
    rows,
    stored_slugs,
    write_sources,
)

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl


@pytest.fixture
def valley():
    site = build_site(ConditionalSite())
    yield site
    site.close()


@pytest.fixture
def sources(tmp_path, valley):
    return write_sources(tmp_path / "sources.toml", valley.base)


def crawl(sources, db_path, *args):
    return run_cli("--sources", str(sources), "crawl", *args, *FAST, db=db_path)


def never_fetched_forbidden(site):
    paths = [p for _m, p, _h in site.requests]
    assert not any(p.startswith("/private/") for p in paths), paths
    assert not any("passwd" in p for p in paths), paths


def test_rss_atom_json_and_malformed_feeds_store_each_article_once(valley, sources, db_path):
    result = crawl(sources, db_path, "valley-feeds")
    assert result.code == 0, result.stderr
    assert stored_slugs(db_path) == sorted(FEED_ARTICLES)
    # Tracking parameters and fragments are gone from the stored keys.
    assert not any("utm_" in r["url"] or "#" in r["url"] for r in rows(db_path))
    # Each article was requested once, although several feeds list it.
    fetched = article_paths(valley.requests)
    assert sorted(fetched) == sorted(f"/news/{slug}.html" for slug in FEED_ARTICLES)
    never_fetched_forbidden(valley)
    assert "valley-feeds: " in result.stderr and "5 stored" in result.stderr
    assert {r["source_name"] for r in rows(db_path)} == {"valley-feeds"}


def test_second_crawl_revalidates_the_feed_and_fetches_no_stored_article(valley, sources, db_path):
    assert crawl(sources, db_path, "valley-feeds", "valley-sitemaps").code == 0
    mark = len(valley.requests)
    again = crawl(sources, db_path, "valley-feeds", "valley-sitemaps")
    assert again.code == 0, again.stderr
    second = valley.since(mark)
    assert article_paths(second) == []
    headers = {p: h for _m, p, h in second}
    assert headers["/feeds/rss.xml"].get("If-None-Match") == '"rss-1"'
    assert headers["/sitemap_index.xml"].get("If-Modified-Since")
    assert "/feeds/rss.xml" in valley.not_modified and "/sitemap_index.xml" in valley.not_modified
    assert "0 fetched" in again.stderr
    assert len(rows(db_path)) == len(FEED_ARTICLES) + len(SITEMAP_ARTICLES)
    # The cache sits next to the database.
    assert (db_path.parent / f"{db_path.name}.httpcache").is_dir()


def test_refresh_fetches_stored_articles_again(valley, sources, db_path):
    assert crawl(sources, db_path, "valley-feeds").code == 0
    mark = len(valley.requests)
    again = crawl(sources, db_path, "valley-feeds", "--refresh")
    assert again.code == 0, again.stderr
    assert len(article_paths(valley.since(mark))) == len(FEED_ARTICLES)
    assert f"{len(FEED_ARTICLES)} unchanged" in again.stderr


def test_sitemaps_from_robots_index_gzip_and_google_news(valley, sources, db_path):
    result = crawl(sources, db_path, "valley-sitemaps")
    assert result.code == 0, result.stderr
    assert stored_slugs(db_path) == sorted(SITEMAP_ARTICLES)
    paths = [p for _m, p, _h in valley.requests]
    assert "/sitemaps/articles.xml.gz" in paths and "/sitemaps/google-news.xml" in paths
    never_fetched_forbidden(valley)


def test_site_crawl_from_home_page_stores_articles_not_listings(valley, sources, db_path):
    valley.routes["/about.html"].headers["ETag"] = '"about-1"'
    result = crawl(sources, db_path, "valley-site")
    assert result.code == 0, result.stderr
    assert stored_slugs(db_path) == ["bakery-award", "market-hall", "school-garden"]
    paths = [p for _m, p, _h in valley.requests]
    # Followed: a listing two levels down; found: the feed the home page announces.
    assert "/page/2/" in paths and "/auto/feed.xml" in paths
    # The about page was looked at but is no article.
    assert "/about.html" in paths
    assert article_paths(valley.requests).count("/news/school-garden.html") == 1
    never_fetched_forbidden(valley)
    # Next run: stored articles are not requested, the page that is no
    # article costs a 304.
    again = crawl(sources, db_path, "valley-site")
    assert again.code == 0, again.stderr
    assert article_paths(valley.requests).count("/news/school-garden.html") == 1
    assert "/about.html" in valley.not_modified


def test_max_depth_and_max_pages_bound_the_site_crawl(valley, tmp_path):
    base = write_sources(tmp_path / "sources.toml", valley.base).read_text()
    (tmp_path / "depth.toml").write_text(base.replace("max_depth = 2", "max_depth = 1"))
    (tmp_path / "pages.toml").write_text(base.replace("max_depth = 2", "max_depth = 2\nmax_pages = 1"))

    shallow = run_cli("--sources", str(tmp_path / "depth.toml"), "crawl", "valley-site", *FAST, db=tmp_path / "a.db")
    assert shallow.code == 0, shallow.stderr
    # /page/2/ is one hop from home: fetched; the story only it links to is two hops away.
    assert "/page/2/" in [p for _m, p, _h in valley.requests]
    assert "/news/bakery-award.html" not in article_paths(valley.requests)
    assert stored_slugs(tmp_path / "a.db") == ["market-hall", "school-garden"]

    mark = len(valley.requests)
    limited = run_cli("--sources", str(tmp_path / "pages.toml"), "crawl", "valley-site", *FAST, db=tmp_path / "b.db")
    assert limited.code == 0, limited.stderr
    # One page that might be an article, whatever it turned out to be.
    assert "1 fetched" in limited.stderr
    assert len(article_paths(valley.since(mark))) <= 1
    (run,) = rows(tmp_path / "b.db", "select * from crawls")
    # Articles were left for the next run: not a run later sitemap checks may start from.
    assert run["status"] == "stopped"


def test_robots_txt_answering_5xx_means_nothing_is_fetched(valley, sources, db_path):
    valley.add("/robots.txt", "temporarily unavailable", status=503, content_type="text/plain")
    result = crawl(sources, db_path, "valley-feeds")
    assert article_paths(valley.requests) == []
    assert rows(db_path) == []
    # The feed itself is refused too: that is a failure worth a line.
    assert "rss.xml" in result.stderr and result.code == 1


def test_spiders_run_with_scrapy_crawl(valley, sources, db_path):
    cmd = [sys.executable, "-m", "scrapy", "crawl", "feeds", "-a", "source=valley-feeds",
           "-s", f"NEWSCRAWL_DB={db_path}", "-s", f"NEWSCRAWL_SOURCES={sources}",
           "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=ERROR"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert stored_slugs(db_path) == sorted(FEED_ARTICLES)
    (run,) = rows(db_path, "select * from crawls")
    assert (run["source"], run["spider"], run["status"], run["stored"]) == ("valley-feeds", "feeds", "ok", 5)
