"""Feeds, sitemaps and listing pages that go wrong, through the real
`newscrawl crawl` against servers on 127.0.0.2 (the source) and 127.0.0.3
(standing for a private network the source's pages point to).

One crawl covers the cases: bad links are skipped and counted and the list
goes on, unreadable sitemaps are failure lines, links and redirects to the
private network are refused with a line and never requested, and the summary
adds up: discovered = already stored + stored + … + failed.
"""

from __future__ import annotations

import gzip

import pytest

from tests.conftest import FAST, LocalSite, rows
from tests.discovery_site import page
from tests.faults.outcomes import crawl_adds_up, lines_for, mapped_hosts, reason_for, summary_numbers

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

ARTICLES = ["harbour-lights", "orchard-census", "bakery-award", "ferry-fares", "river-survey", "library-roof",
            "market-hall", "school-garden"]


def rss(links: list[str]) -> str:
    items = "".join(f"<item><title>t</title><link>{link}</link></item>" for link in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'


def urlset(locs: list[str]) -> str:
    urls = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


ENTITY_BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
               + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
               + ']><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x/&lol9;</loc></url></urlset>')


@pytest.fixture
def wire():
    site = LocalSite("127.0.0.2")
    for slug in ARTICLES:
        site.add(f"/news/{slug}.html", page(slug))
    site.add("/about.html", page("about"))
    site.add("/private/secret-report.html", page("secret-report"))
    yield site
    site.close()


@pytest.fixture
def private():
    site = LocalSite("127.0.0.3")
    site.add("/robots.txt", "User-agent: *\nDisallow:\n", content_type="text/plain")
    site.add("/internal.html", page("tram-timetable"))
    yield site
    site.close()


def test_a_crawl_of_broken_feeds_sitemaps_and_links_accounts_for_every_url(wire, private, cli, db_path, tmp_path):
    w, inside = wire, private
    internal = [inside.url("/internal.html"), f"http://0x7f000003:{inside.port}/internal.html",
                f"http://intranet.test:{inside.port}/internal.html"]
    bad_links = ["javascript:alert(1)", "http://[x]/a.html", "file:///etc/passwd", "data:text/html,hi"]
    w.add("/robots.txt", f"User-agent: *\nDisallow: /private/\nSitemap: /sitemap.xml\nSitemap: javascript:void(0)\n"
                         f"Sitemap: http://[x]/sitemap.xml\n", content_type="text/plain")
    w.add("/loop", b"", status=302, headers={"Location": w.url("/loop")})
    w.add("/moved", b"", status=301, headers={"Location": w.url("/news/harbour-lights.html")})
    w.add("/to-private", b"", status=302, headers={"Location": inside.url("/elsewhere.html")})
    # Bad entries come first: the good ones after them must still be read.
    w.add("/feed.xml", rss([*bad_links, *internal, w.url("/news/harbour-lights.html"), "/news/orchard-census.html",
                            w.url("/loop"), w.url("/moved"), w.url("/private/secret-report.html")]),
          content_type="application/rss+xml")
    w.add("/sitemap.xml", urlset(["javascript:alert(1)", "/news/bakery-award.html", inside.url("/internal.html"),
                                  w.url("/news/bakery-award.html"), w.url("/news/ferry-fares.html"), w.url("/to-private")]),
          content_type="application/xml")
    unreadable = {
        w.add("/sitemap-html.xml", "<!DOCTYPE html><html><body><p>Page not found</p></body></html>"):
            "sitemap: not a sitemap (the document is <html>, text/html)",
        w.add("/sitemap-bomb.xml.gz", gzip.compress(b"<urlset>" + b" " * 3_000_000 + b"</urlset>"),
              content_type="application/x-gzip"):
            "sitemap: larger than the size cap of 200000 bytes once decompressed",
        w.add("/sitemap-entities.xml", ENTITY_BOMB, content_type="application/xml"):
            "sitemap: refused: it declares XML entities",
        w.add("/sitemap-broken.xml", urlset([w.url("/news/river-survey.html")]).replace("</urlset>", "<url><loc>"),
              content_type="application/xml"):
            "sitemap: malformed XML at line 1",
    }
    w.add("/sitemap-empty.xml", urlset([]), content_type="application/xml")
    w.add("/", '<html><head><title>Wire</title></head><body><a href="http://[x]/">x</a> <a href="javascript:;">j</a>'
               '<a href="/news/library-roof.html">Library</a> <a href="/about.html">About</a></body></html>')
    sources = tmp_path / "sources.toml"
    sources.write_text(f"""
[[source]]
name = "wire"
feeds = ["{w.url('/feed.xml')}"]
sitemaps = ["{w.url('/robots.txt')}", {", ".join(f'"{u}"' for u in unreadable)}, "{w.url('/sitemap-empty.xml')}"]
start_urls = ["{w.url('/')}"]
""")
    result = cli("--sources", str(sources), "crawl", "wire", *FAST, "--set", "DOWNLOAD_MAXSIZE=200000",
                 *mapped_hosts({"intranet.test": "127.0.0.3"}), db=db_path)
    assert result.code == 1, result.stderr
    assert "Traceback" not in result.stderr
    err = result.stderr

    stored = sorted(r["url"] for r in rows(db_path))
    assert stored == sorted(w.url(f"/news/{slug}.html") for slug in (
        "harbour-lights", "orchard-census", "bakery-award", "ferry-fares", "river-survey", "library-roof"))
    for url in internal:
        assert reason_for(err, url).startswith("refused: "), err
    assert reason_for(err, w.url("/to-private")).startswith("refused: 127.0.0.3 is a loopback address")
    assert reason_for(err, w.url("/loop")).startswith("redirect loop: ")
    assert reason_for(err, w.url("/moved")) == f"redirects to {w.url('/news/harbour-lights.html')}, also in this run"
    for url, reason in unreadable.items():
        assert reason_for(err, url).startswith(reason), err
    assert lines_for(err, w.url("/sitemap-empty.xml")) == []
    # Nothing under the disallowed path, and nothing at all on the private network.
    assert not any(p.startswith("/private/") for p in w.paths())
    assert inside.paths() == []

    (summary,) = [line for line in err.splitlines() if line.startswith("wire: ")]
    numbers = summary_numbers(summary)
    assert crawl_adds_up(numbers), summary
    assert numbers["stored"] == 6 and numbers["already stored"] == 1 and numbers["not an article"] == 1
    assert numbers["forbidden by robots.txt"] == 1 and numbers["failed"] == 5
    # Unusable: 3 feed links (feedparser itself drops http://[x]/), 2 Sitemap: lines of robots.txt, 2 <loc>s
    # and the empty one the broken sitemap ends with; one <loc> is on another site.
    assert summary.endswith("; 4 sitemaps failed, 8 unusable links not followed, 1 sitemap entry on another site not followed")


def test_a_source_may_allow_private_hosts_and_other_sites(wire, private, cli, db_path, tmp_path):
    w, inside = wire, private
    w.add("/feed.xml", rss([f"http://intranet.test:{inside.port}/internal.html"]), content_type="application/rss+xml")
    w.add("/sitemap.xml", urlset([inside.url("/internal.html")]), content_type="application/xml")
    sources = tmp_path / "sources.toml"
    sources.write_text(f"""
[[source]]
name = "intranet-feed"
feeds = ["{w.url('/feed.xml')}"]
allow_private_hosts = true

[[source]]
name = "intranet-sitemap"
sitemaps = ["{w.url('/sitemap.xml')}"]
allow_private_hosts = true
sitemap_other_sites = true
""")
    result = cli("--sources", str(sources), "crawl", *FAST, *mapped_hosts({"intranet.test": "127.0.0.3"}), db=db_path)
    assert result.code == 0, result.stderr
    assert sorted(r["url"] for r in rows(db_path)) == sorted(
        [f"http://intranet.test:{inside.port}/internal.html", inside.url("/internal.html")])
