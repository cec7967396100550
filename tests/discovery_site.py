"""A syndicating news site on 127.0.0.1 for the discovery, sources and
schedule tests: feeds of every kind, robots.txt, sitemaps, listing pages."""

from __future__ import annotations

import email.utils
import gzip
import time
from pathlib import Path

from tests.conftest import PAGES, LocalSite
from tests.conftest import FAST, rows  # noqa: F401 - re-exported for the discovery tests

DISCOVERY = PAGES / "discovery"

FEED_ARTICLES = ["harbour-lights", "orchard-census", "tram-timetable", "library-roof", "river-survey"]
SITEMAP_ARTICLES = ["bakery-award", "ferry-fares"]
SITE_ARTICLES = ["market-hall", "school-garden", "bakery-award"]


class ConditionalSite(LocalSite):
    """LocalSite that answers conditional requests with 304 the way a web server does."""

    def __init__(self):
        super().__init__()
        site = self
        self.not_modified: list[str] = []
        plain = self.server.RequestHandlerClass

        class Handler(plain):
            def do_GET(self):
                route = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0])
                etag = route.headers.get("ETag") if route else None
                modified = route.headers.get("Last-Modified") if route else None
                if route and route.status == 200 and (
                    (etag and self.headers.get("If-None-Match") == etag)
                    or (modified and not etag and self.headers.get("If-Modified-Since") == modified)
                ):
                    site.requests.append(("GET", self.path, dict(self.headers)))
                    site.not_modified.append(self.path)
                    self.send_response(304)
                    for name in ("ETag", "Last-Modified"):
                        if route.headers.get(name):
                            self.send_header(name, route.headers[name])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                super().do_GET()

        self.server.RequestHandlerClass = Handler

    def since(self, mark: int) -> list[tuple[str, str, dict]]:
        return self.requests[mark:]


def page(slug: str) -> bytes:
    return (DISCOVERY / f"{slug}.html").read_bytes()


def rss(base: str, links: list[str]) -> str:
    items = "".join(f"<item><title>{link}</title><link>{base}{link}</link></item>" for link in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title><link>{base}/</link>{items}</channel></rss>'


def build_site(site: ConditionalSite) -> ConditionalSite:
    base = site.base
    for slug in FEED_ARTICLES + SITEMAP_ARTICLES + ["market-hall", "school-garden"]:
        site.add(f"/news/{slug}.html", page(slug))
    site.add("/private/secret-report.html", page("secret-report"))
    site.add("/", page("home"))
    site.add("/page/2/", page("listing-page-2"))
    site.add("/about.html", page("about"))
    site.add(
        "/robots.txt",
        f"User-agent: *\nDisallow: /private/\n\nSitemap: {base}/sitemap_index.xml\n",
        content_type="text/plain",
    )
    # RSS 2.0 with a tracking-parameter duplicate, a disallowed page and a file:// link.
    site.add(
        "/feeds/rss.xml",
        rss(base, ["/news/harbour-lights.html?utm_source=rss&utm_medium=feed", "/news/orchard-census.html",
                   "/private/secret-report.html"]).replace(
            "</channel>", "<item><title>local</title><link>file:///etc/passwd</link></item></channel>"
        ),
        content_type="application/rss+xml",
        headers={"ETag": '"rss-1"'},
    )
    site.add(
        "/feeds/atom.xml",
        f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Courier</title><id>{base}/</id><updated>2024-05-14T08:00:00Z</updated>
<entry><title>Trams</title><id>{base}/news/tram-timetable.html</id><updated>2024-05-14T08:00:00Z</updated>
<link rel="alternate" href="{base}/news/tram-timetable.html"/></entry>
<entry><title>Lights</title><id>tag:valley,2024:1</id><updated>2024-05-13T08:00:00Z</updated>
<link rel="alternate" href="/news/harbour-lights.html#comments"/></entry>
</feed>""",
        content_type="application/atom+xml",
    )
    site.add(
        "/feeds/feed.json",
        '{"version": "https://jsonfeed.org/version/1.1", "title": "Valley Courier", "items": ['
        f'{{"id": "1", "url": "{base}/news/library-roof.html", "title": "Library"}},'
        f'{{"id": "2", "url": "{base}/news/orchard-census.html?utm_campaign=json", "title": "Orchard"}}]}}',
        content_type="application/feed+json",
    )
    # Breaks off in the middle of the second item.
    site.add(
        "/feeds/broken.xml",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>'
        f"<item><title>River</title><link>{base}/news/river-survey.html</link></item>"
        f"<item><title>Half & <b>written</title><link>{base}/news/never",
        content_type="application/rss+xml",
    )
    site.add(
        "/sitemap_index.xml",
        f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemaps/articles.xml.gz</loc></sitemap>
<sitemap><loc>{base}/sitemaps/google-news.xml</loc></sitemap>
<sitemap><loc>file:///etc/passwd</loc></sitemap>
</sitemapindex>""",
        content_type="application/xml",
        headers={"Last-Modified": email.utils.formatdate(time.time() - 5, usegmt=True), "Cache-Control": "no-cache"},
    )
    site.add("/sitemaps/articles.xml.gz", gzip.compress(sitemap(base, [
        ("/news/bakery-award.html", "2024-05-10"),
        ("/private/secret-report.html", "2024-05-11T09:30:00+00:00"),
    ]).encode()), content_type="application/x-gzip")
    site.add(
        "/sitemaps/google-news.xml",
        f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{base}/news/ferry-fares.html?utm_source=google</loc>
<news:news><news:publication><news:name>Valley Courier</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2024-05-12T10:00:00+00:00</news:publication_date><news:title>Ferry fares</news:title></news:news>
<lastmod>2024-05-12T10:00:00+00:00</lastmod></url>
</urlset>""",
        content_type="application/xml",
    )
    site.add("/auto/feed.xml", rss(base, ["/news/school-garden.html?utm_source=rss"]), content_type="application/rss+xml",
             headers={"ETag": '"auto-1"'})
    return site


def sitemap(base: str, entries: list[tuple[str, str]]) -> str:
    urls = "".join(f"<url><loc>{base}{path}</loc><lastmod>{lastmod}</lastmod></url>" for path, lastmod in entries)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def write_sources(path: Path, base: str, every: str = "1h", extra: str = "") -> Path:
    path.write_text(f"""
[[source]]
name = "valley-feeds"
feeds = ["{base}/feeds/rss.xml", "{base}/feeds/atom.xml", "{base}/feeds/feed.json", "{base}/feeds/broken.xml"]
every = "{every}"
language = "en"

[[source]]
name = "valley-sitemaps"
sitemaps = ["{base}/robots.txt"]
every = "{every}"

[[source]]
name = "valley-site"
start_urls = ["{base}/"]
every = "{every}"
max_depth = 2
{extra}
""")
    return path


def stored_slugs(db_path) -> list[str]:
    return sorted(Path(r["url"].split("?")[0]).stem for r in rows(db_path))


def article_paths(requests) -> list[str]:
    return [p for _m, p, _h in requests if p.startswith(("/news/", "/private/"))]
